"""What the page sweep (test_browser_pages.py) measures in each page, and how it reads the
translation catalogues. Kept apart from the sweep so that the measuring can be tested on
small pages of its own (test_page_checks.py)."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"

# Runs in the page: how much wider the document is than the window, and which elements
# stick out (those whose own box passes the window's edge while no ancestor clips them).
OVERFLOW_JS = """() => {
  const de = document.documentElement;
  const width = de.clientWidth;
  const excess = de.scrollWidth - width;
  const culprits = [];
  if (excess > 1) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
      // An ancestor that scrolls or clips holds the element in, unless the element is
      // positioned against something outside that ancestor (an absolute .sr-only label).
      let clipped = false;
      let free = getComputedStyle(el).position === "absolute";
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== "visible" && !free) { clipped = true; break; }
        if (s.position !== "static") free = false;
      }
      if (clipped) continue;
      // The outermost offender says most: skip those inside one already listed.
      if (culprits.some(c => c.el.contains(el))) continue;
      culprits.push({el, what: describe(el) + ` (${Math.round(r.left)}..${Math.round(r.right)})`});
      if (culprits.length >= 3) break;
    }
  }
  function describe(el) {
    const id = el.id ? "#" + el.id : "";
    const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
    return el.tagName.toLowerCase() + id + cls;
  }
  return {excess, culprits: culprits.map(c => c.what)};
}"""

# Runs in the page: the boxes of visible text (each line of each text node, where no
# clipping ancestor hides it) and of form controls; returns the pairs of boxes of different
# elements that cover each other by more than a sliver (a quarter of the smaller box's
# height and 3 px across), with the text of each.
OVERLAP_JS = """() => {
  const clipMemo = new Map();
  const hiddenMemo = new Map();
  function hidden(el) {  // not drawn: display, visibility, opacity, a closed <details>
    if (hiddenMemo.has(el)) return hiddenMemo.get(el);
    const h = !el.checkVisibility({opacityProperty: true, visibilityProperty: true});
    hiddenMemo.set(el, h);
    return h;
  }
  function clipOf(el) {  // the box this element's content is visible in
    if (!el || el === document.documentElement || el === document.body) {
      return [-1e9, -1e9, 1e9, 1e9];
    }
    if (clipMemo.has(el)) return clipMemo.get(el);
    let c = clipOf(el.parentElement);
    const s = getComputedStyle(el);
    if (s.overflowX !== "visible" || s.overflowY !== "visible" || s.position === "fixed") {
      const r = el.getBoundingClientRect();
      c = [Math.max(c[0], r.left), Math.max(c[1], r.top),
           Math.min(c[2], r.right), Math.min(c[3], r.bottom)];
    }
    clipMemo.set(el, c);
    return c;
  }
  const boxes = [];
  function add(el, r, text) {
    const c = clipOf(el);
    const x1 = Math.max(r.left, c[0]), y1 = Math.max(r.top, c[1]);
    const x2 = Math.min(r.right, c[2]), y2 = Math.min(r.bottom, c[3]);
    if (x2 - x1 < 2 || y2 - y1 < 2) return;
    boxes.push({el, x1, y1, x2, y2, h: r.bottom - r.top, text});
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim();
    const el = n.parentElement;
    if (!text || !el || ["SCRIPT", "STYLE", "NOSCRIPT", "OPTION", "TITLE"].includes(el.tagName)) continue;
    if (hidden(el)) continue;
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) add(el, r, text.slice(0, 40));
  }
  for (const el of document.body.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden" || hidden(el)) continue;
    add(el, el.getBoundingClientRect(), "<" + el.tagName.toLowerCase() + " " + (el.name || el.id) + ">");
  }
  boxes.sort((a, b) => a.y1 - b.y1);
  const found = [];
  for (let i = 0; i < boxes.length && found.length < 5; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].y1 < a.y2; j++) {
      const b = boxes[j];
      if (a.el === b.el) continue;
      const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      if (w > 3 && h > 0.25 * Math.min(a.h, b.h) && h > 2) {
        found.push(`"${a.text}" and "${b.text}" (${Math.round(w)}x${Math.round(h)} px)`);
        break;
      }
    }
  }
  return found;
}"""

# Runs in the page: the text a reader meets (text nodes of visible elements, the title,
# placeholders, button values and accessible labels), leaving out what is marked as being
# in another language (lang="...") or as not to be translated (translate="no"): names; and
# what matches one of the selectors given (text kept as it was written).
TEXTS_JS = """([lang, asWritten]) => {
  const out = [document.title];
  function skipped(el) {
    if (asWritten.length && el.closest(asWritten.join(", "))) return true;
    for (let a = el; a; a = a.parentElement) {
      if (a.getAttribute("translate") === "no") return true;
      const l = a.getAttribute("lang");
      if (l) return !(l === lang || l.startsWith(lang + "-"));
    }
    return false;
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.nodeValue.trim();
    if (!text || !el || ["SCRIPT", "STYLE"].includes(el.tagName)) continue;
    if (!el.checkVisibility() && el.tagName !== "OPTION") continue;
    if (skipped(el)) continue;
    out.push(text);
  }
  for (const el of document.body.querySelectorAll("[placeholder], [aria-label], input[type=submit][value], input[type=button][value]")) {
    if (skipped(el)) continue;
    for (const attr of ["placeholder", "aria-label", "value"]) {
      if (el.hasAttribute(attr) && (attr !== "value" || el.tagName === "INPUT")) out.push(el.getAttribute(attr));
    }
  }
  return out;
}"""

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|&\w+;|\n")
_WORD = re.compile(r"[A-Za-z]{3,}")
# Runs of Latin text in a Japanese or Urdu string, from a letter to a letter or closing mark.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’,.:;!?()/&+\- ]*[A-Za-z0-9.!?)]|[A-Za-z]")
_EDGE_PUNCT = " .,:;!?()–—-…\"'“”‘’·"


def _unquote(line: str) -> str:
    return ast.literal_eval(line) if line.startswith('"') else ""


def catalogues(language: str) -> list[Path]:
    """The .po files a page in ``language`` is translated from, the first winning: ours, then
    Django's own (its forms and its auth app: password rules, sign-in errors)."""
    import django

    base = Path(django.__file__).parent
    return [
        LOCALE / language / "LC_MESSAGES" / "django.po",
        base / "contrib" / "auth" / "locale" / language / "LC_MESSAGES" / "django.po",
        base / "conf" / "locale" / language / "LC_MESSAGES" / "django.po",
    ]


@cache
def po_entries(path: Path) -> tuple[tuple[str, str], ...]:
    """(msgid, msgstr) of each entry of a .po file, fuzzy and untranslated ones included
    (msgstr "" then); a plural entry gives its singular and plural msgids, each with its
    first form."""
    entries: list[tuple[str, str]] = []
    msgid, plural, msgstr, field = "", "", "", ""

    def flush():
        if msgid:
            entries.append((msgid, msgstr))
            if plural:
                entries.append((plural, msgstr))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgid "):
            flush()
            msgid, plural, msgstr, field = _unquote(line[6:]), "", "", "msgid"
        elif line.startswith("msgid_plural "):
            plural, field = _unquote(line[13:]), "plural"
        elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
            msgstr, field = _unquote(line.split(" ", 1)[1]), "msgstr"
        elif line.startswith("msgstr["):
            field = "other"
        elif line.startswith('"'):
            if field == "msgid":
                msgid += _unquote(line)
            elif field == "plural":
                plural += _unquote(line)
            elif field == "msgstr":
                msgstr += _unquote(line)
        elif line.startswith("#~"):
            field = ""
    flush()
    return tuple(entries)


def translations(language: str) -> dict[str, str]:
    """Each msgid a page may show, with the translation it gets ("" for none)."""
    merged: dict[str, str] = {}
    for path in reversed(catalogues(language)):
        for msgid, msgstr in po_entries(path):
            if msgstr or msgid not in merged:
                merged[msgid] = msgstr
    return merged


def _fragments(msgid: str) -> list[str]:
    parts = (p.strip(_EDGE_PUNCT) for p in _PLACEHOLDER.split(msgid))
    return [" ".join(p.split()) for p in parts if _WORD.search(p)]


@cache
def english_fragments(language: str) -> tuple[frozenset[str], re.Pattern | None]:
    """The English pieces of the catalogues' msgids (split at placeholders and tags) that a
    page in ``language`` must not show: single words (whole Latin runs only) and phrases of
    two words or more (anywhere in a run). Pieces that the translation itself keeps (CNIC,
    JLPT, PDF) are left out."""
    words, phrases = set(), set()
    entries = translations(language)
    # What translators kept in Latin letters (codes, column names, product names) is not
    # English left over: "title", "status" in the Japanese of the job import's help.
    kept = {
        " ".join(m.group(0).split()).strip(_EDGE_PUNCT)
        for msgstr in entries.values()
        for m in _LATIN_RUN.finditer(msgstr)
    }
    for msgid, msgstr in entries.items():
        for fragment in _fragments(msgid):
            if fragment in msgstr or fragment in kept:
                continue
            (phrases if " " in fragment else words).add(fragment)
    pattern = None
    if phrases:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        pattern = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")
    return frozenset(words), pattern


def untranslated(texts: list[str], language: str, *, names: frozenset[str]) -> list[str]:
    """The catalogue's English left in ``texts`` (what a page in ``language`` shows), leaving
    out ``names`` (brand, people, companies: the same in every language)."""
    words, phrases = english_fragments(language)
    found: list[str] = []
    for text in texts:
        for match in _LATIN_RUN.finditer(text):
            run = " ".join(match.group(0).split()).strip(_EDGE_PUNCT)
            if not run or run in names:
                continue
            if run in words:
                found.append(run)
            elif phrases is not None:
                found += [m.group(0) for m in phrases.finditer(run) if m.group(0) not in names]
    return sorted(set(found))
