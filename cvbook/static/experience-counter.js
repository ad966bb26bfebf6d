// Keeps the intro's "Experience …" figure current between builds.
//
// The build writes the total as of its own date; this script recounts it for the
// reader's today from the same intervals (the JSON block #experience-intervals),
// with the rules of cvbook/durations.py: half-open [start, end) intervals, a current
// position (end null) runs up to today, overlaps count once, gaps don't count, and the
// total is the calendar span from the first day that holds the same number of days.
// Without JavaScript the built value stays. tests/test_counter_browser.py holds this
// file and the Python rules to the same answer.
(function () {
  "use strict";
  const DAY_MS = 86400000;

  function parseDay(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return Date.UTC(year, month - 1, day);
  }

  function addMonths(utcMs, months) {
    // Like dateutil's relativedelta: clip to the last day of a shorter month.
    const date = new Date(utcMs);
    const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDay));
  }

  function unionDays(intervals, today) {
    const spans = intervals
      .map(([start, end]) => [parseDay(start), Math.min(end === null ? today : parseDay(end), today)])
      .filter(([start, end]) => end > start)
      .sort((a, b) => a[0] - b[0]);
    let total = 0;
    let current = null;
    for (const [start, end] of spans) {
      if (current && start <= current[1]) {
        current[1] = Math.max(current[1], end);
      } else {
        if (current) total += current[1] - current[0];
        current = [start, end];
      }
    }
    if (current) total += current[1] - current[0];
    return { first: spans.length ? spans[0][0] : null, days: Math.round(total / DAY_MS) };
  }

  function label(intervals, today) {
    const { first, days } = unionDays(intervals, today);
    if (first === null || days === 0) return "0 days";
    const end = first + days * DAY_MS;
    const startDate = new Date(first);
    const endDate = new Date(end);
    let months = (endDate.getUTCFullYear() - startDate.getUTCFullYear()) * 12 +
      endDate.getUTCMonth() - startDate.getUTCMonth();
    if (addMonths(first, months) > end) months -= 1;
    const remainder = Math.round((end - addMonths(first, months)) / DAY_MS);
    return [[Math.floor(months / 12), "year"], [months % 12, "month"], [remainder, "day"]]
      .filter(([count]) => count > 0)
      .map(([count, unit]) => `${count} ${unit}${count === 1 ? "" : "s"}`)
      .join(", ");
  }

  function run() {
    const target = document.getElementById("experience-total");
    const data = document.getElementById("experience-intervals");
    if (!target || !data) return;
    const now = new Date();
    const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    target.textContent = label(JSON.parse(data.textContent), today);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
