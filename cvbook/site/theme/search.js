// The search page's excerpts: the words around the query in each result's prose.
//
// Sphinx's searchtools.js finds the pages (searchindex.js) and lists them; its own excerpts
// are turned off (html_show_search_summary, cvbook/site/search.py) because they are cut from
// all of a page's text, notebook code included. For each result this script fetches the page
// (same origin: the policy's connect-src 'self'), drops what is not prose (code cells, charts,
// the in-page contents, scripts), and shows about two lines around the first word of the query
// found there, each word of the query marked. Inlined at the end of the search page only
// (cvbook/site/head.py).
(function () {
  "use strict";
  const results = document.getElementById("search-results");
  const query = new URLSearchParams(window.location.search).get("q") || "";
  if (!results || !query.trim() || !window.fetch || !window.DOMParser) return;
  // Not prose: code, charts, the in-page contents, and the title, which the result's link shows.
  const NOT_PROSE = ".cell_input, details.cv-code, pre, script, style, svg, nav, .headerlink, h1";
  const BLOCKS = "p, li, dt, dd, h2, h3, h4, h5, h6, td, th, div, section, figcaption, br";
  const CONTEXT = 110; // characters shown before the first match; twice that in all
  const WORD_CHAR = "[\\p{L}\\p{N}_]";

  function stems() {
    // The query's words in lower case, and as searchtools.js matches them: stemmed (language_data.js).
    const stemmer = typeof Stemmer === "function" ? new Stemmer() : null;
    const words = query.toLowerCase().split(new RegExp(WORD_CHAR.replace("[", "[^") + "+", "u"));
    const found = words.filter(Boolean);
    return [...new Set([...found, ...found.map((word) => (stemmer ? stemmer.stemWord(word) : word))])];
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+\-?^${}()|[\]\\]/g, "\\$&");
  }

  function prose(html, hash) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const main = page.querySelector("main");
    if (!main) return "";
    const target = hash ? page.getElementById(decodeURIComponent(hash.slice(1))) : null;
    const scope = target && main.contains(target) ? target : main;
    scope.querySelectorAll(NOT_PROSE).forEach((node) => node.remove());
    scope.querySelectorAll(BLOCKS).forEach((node) => node.append(" ")); // "role" and "Tech Lead", not "roleTech Lead"
    return scope.textContent.replace(/\s+/g, " ").trim();
  }

  function excerpt(text, pattern) {
    // The stretch of text around the first match, cut at spaces, every match in a <mark>.
    pattern.lastIndex = 0;
    const first = pattern.exec(text);
    let start = first ? Math.max(0, first.index - CONTEXT) : 0;
    let end = Math.min(text.length, start + 2 * CONTEXT);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    const piece = text.slice(start, end);
    const paragraph = document.createElement("p");
    paragraph.className = "context";
    paragraph.append(start > 0 ? "…" : "");
    let last = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(piece); match; match = pattern.exec(piece)) {
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      paragraph.append(piece.slice(last, match.index), mark);
      last = match.index + match[0].length;
    }
    paragraph.append(piece.slice(last), end < text.length ? "…" : "");
    return paragraph;
  }

  function describe(item, pattern) {
    const link = item.querySelector("a");
    if (!link || item.querySelector(".context")) return;
    const url = new URL(link.href, window.location.href);
    fetch(url.pathname + url.search)
      .then((response) => (response.ok ? response.text() : ""))
      .then((html) => {
        const text = prose(html, url.hash);
        if (text) item.append(excerpt(text, pattern));
      })
      .catch(() => {}); // no excerpt: the result's title still links the page
  }

  let pattern = null;
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeName !== "LI" || !node.parentNode.classList.contains("search")) continue;
        if (!pattern) {
          const alternatives = stems().map(escapeRegExp).join("|");
          if (!alternatives) return;
          pattern = new RegExp(`(?<!${WORD_CHAR})(?:${alternatives})${WORD_CHAR}*`, "giu");
        }
        describe(node, pattern);
      }
    }
  }).observe(results, { childList: true, subtree: true });
})();
