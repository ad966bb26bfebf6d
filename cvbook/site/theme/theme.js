// The colour scheme toggle, and keyboard access to sideways-scrolling boxes. The page follows the system setting; a choice that differs
// from it is remembered (localStorage "cv-scheme") and applied before the first paint by
// the inline head script (cvbook/site/theme/scheme.js). Without JavaScript the button stays hidden.
// Inlined at the end of every page's <body> (cvbook/site/head.py), so it runs once the page is parsed.
(function () {
  "use strict";
  const root = document.documentElement;
  const button = document.querySelector(".cv-scheme");
  const system = window.matchMedia("(prefers-color-scheme: dark)");
  if (!button) return;

  function current() {
    return root.dataset.scheme || (system.matches ? "dark" : "light");
  }

  function show() {
    button.setAttribute("aria-pressed", String(current() === "dark"));
  }

  button.addEventListener("click", function () {
    const next = current() === "dark" ? "light" : "dark";
    const follows = next === (system.matches ? "dark" : "light");
    try {
      if (follows) localStorage.removeItem("cv-scheme");
      else localStorage.setItem("cv-scheme", next);
    } catch (error) {
      // Storage off: the choice holds for this page only.
    }
    if (follows) delete root.dataset.scheme;
    else root.dataset.scheme = next;
    show();
  });
  system.addEventListener("change", show);

  // A table or code block wider than the column scrolls sideways; keyboard users reach it too.
  for (const box of document.querySelectorAll("main table, main pre")) {
    if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
  }
  show();
  button.hidden = false;
})();
