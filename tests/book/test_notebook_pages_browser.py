"""The notebook pages in Chromium at 360 px and on a desktop, in light, dark and toggled schemes:
no CSP violation, charts in the page's colours (no slab of the other scheme), chart text of
11 CSS px or more at no less than 0.8 of its drawn size, table words on one line, nothing wider
than the phone; and each page's weight over gzip."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from synthetic import serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAGES = ["notebooks/experience.html", "notebooks/skills-timeline.html"]
SCHEMES = [("light", "light", None), ("dark", "dark", None), ("toggled dark", "light", "dark"),
           ("toggled light", "dark", "light")]  # fmt: skip
WIDTHS = [360, 1280]
MAX_GZIP_BYTES = 60 * 1024
MIN_TEXT_PX, MIN_SCALE = 11, 0.8

RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.effectiveDirective + ': ' + e.sample), true);"""

MEASURE = r"""() => {
  const luminance = css => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const charts = [...document.querySelectorAll('svg.cv-chart')].filter(svg => svg.getClientRects().length).map(svg => {
    const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')];
    return {
      scale: box.width / +svg.getAttribute('width'),
      right: box.right,
      minText: Math.min(...texts.map(t => parseFloat(t.getAttribute('font-size')) * scale)),
      text: [...new Set(texts.map(t => luminance(getComputedStyle(t).fill)))],
      background: luminance(getComputedStyle(svg).backgroundColor.replace(/rgba\(0, 0, 0, 0\)/, 'rgb(1,1,1)')),
      transparent: getComputedStyle(svg).backgroundColor === 'rgba(0, 0, 0, 0)',
    };
  });
  const broken = [];
  for (const cell of document.querySelectorAll('table.cv-table :is(td, th)')) {
    if (cell.closest('thead') && cell.getBoundingClientRect().width <= 1) continue;  // the stacked head
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (const word of node.data.matchAll(/\S+/g)) {  // \S: a no-break space joins a date's parts
        const range = document.createRange();
        range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        if (lines > (word[0].includes('\u00a0') ? 3 : 1)) broken.push(word[0]);
      }
    }
  }
  return {charts, broken, page: luminance(getComputedStyle(document.body).backgroundColor),
          width: document.documentElement.scrollWidth, violations: window.__violations};
}"""


@pytest.fixture(scope="module")
def url(synthetic_site: Path):
    with serve(synthetic_site) as base:
        yield base


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("scheme", "system", "toggled"), SCHEMES, ids=[s[0] for s in SCHEMES])
@pytest.mark.parametrize("name", PAGES)
def test_notebook_page_reads_in_every_scheme(browser, url, name, scheme, system, toggled, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=system)
    try:
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(f"{url}/{name}", wait_until="networkidle")
        if toggled:
            page.evaluate(f"document.documentElement.dataset.scheme = '{toggled}'")
        seen = page.evaluate(MEASURE)
    finally:
        context.close()
    assert not seen["violations"], seen["violations"]
    assert seen["charts"], "no chart shown"
    dark_page = seen["page"] < 0.2
    assert dark_page == (scheme.endswith("dark"))
    for chart in seen["charts"]:
        assert chart["transparent"], "the chart paints a background of its own"
        assert all((text > 0.4) == dark_page for text in chart["text"]), chart["text"]  # light text on dark
        assert chart["scale"] >= MIN_SCALE and chart["minText"] >= MIN_TEXT_PX, chart
        assert chart["right"] <= width
    assert not seen["broken"], f"words broken across lines: {seen['broken']}"
    assert seen["width"] <= width, "the page is wider than the screen"


@pytest.mark.parametrize("name", PAGES)
def test_notebook_page_weight(synthetic_site: Path, name: str) -> None:
    body = (synthetic_site / name).read_bytes()
    assert len(gzip.compress(body, 9)) <= MAX_GZIP_BYTES
