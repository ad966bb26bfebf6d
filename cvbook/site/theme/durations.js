// Keeps every duration that runs to today current between builds.
//
// The build writes each such duration as a span of class cv-duration whose data-intervals
// attribute holds its intervals (cvbook/render/live.py): half-open [start, end) as ISO dates, null
// for "runs to today", and whose text is the label as of the build. This script
// recounts each for the reader's today with the rules of cvbook/model/durations.py: overlaps count
// once, gaps don't count, and the pieces' calendar spans are added one after another from
// the first day. Without JavaScript the built label stays. Inlined at the end of each page that
// has a live duration (cvbook/site/head.py). tests/test_counter_browser.py
// holds this file and the Python rules to the same answer.
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

  function union(intervals, today) {
    // Sorted, non-overlapping [start, end) pieces in UTC milliseconds; touching ones merge.
    const spans = intervals
      .map(([start, end]) => [parseDay(start), Math.min(end === null ? today : parseDay(end), today)])
      .filter(([start, end]) => end > start)
      .sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const [start, end] of spans) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }

  function calendarSpan(start, end) {
    // dateutil's relativedelta(end, start) as whole months plus days.
    const s = new Date(start);
    const e = new Date(end);
    let months = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + e.getUTCMonth() - s.getUTCMonth();
    if (addMonths(start, months) > end) months -= 1;
    return { months, days: Math.round((end - addMonths(start, months)) / DAY_MS) };
  }

  function label(intervals, today) {
    const pieces = union(intervals, today);
    if (!pieces.length) return "0 days";
    // Lay the pieces' calendar spans one after another from the first day.
    let cursor = pieces[0][0];
    for (const [start, end] of pieces) {
      const { months, days } = calendarSpan(start, end);
      cursor = addMonths(cursor, months) + days * DAY_MS;
    }
    const { months, days } = calendarSpan(pieces[0][0], cursor);
    const text = [[Math.floor(months / 12), "year"], [months % 12, "month"], [days, "day"]]
      .filter(([count]) => count > 0)
      .map(([count, unit]) => `${count} ${unit}${count === 1 ? "" : "s"}`)
      .join(", ");
    return text || "0 days";
  }

  function run() {
    const now = new Date();
    const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    for (const span of document.querySelectorAll(".cv-duration[data-intervals]")) {
      span.textContent = label(JSON.parse(span.dataset.intervals), today);
    }
  }

  // Exposed so the browser tests can hold this rule to the Python one on any intervals.
  window.cvbook = Object.assign(window.cvbook || {}, { experienceLabel: label });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
