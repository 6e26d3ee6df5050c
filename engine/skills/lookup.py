"""One skill typed by a person (a form field, a spreadsheet cell) to its taxonomy id.

Forms accept what people write: the id ("github-actions"), the English or Japanese name, any
alias the taxonomy lists ("k8s"), in any case or width ("ＰＹＴＨＯＮ"); and, failing those, a
short phrase in which the skill extractor finds exactly one skill and nothing else but a
vendor's name ("Amazon EKS" names the taxonomy's alias "EKS", so Kubernetes; "COBOL-ish" is
refused). The vendor words are data (``lookup_vendor_words`` in skills_extraction_rules.json).
"""

from __future__ import annotations

import re
import unicodedata

from engine.skills.extract import extraction_rules, skills_extract
from engine.taxonomy import Taxonomy, taxonomy


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_SURFACES: dict[int, tuple[Taxonomy, dict[str, str]]] = {}


def _surfaces(tax: Taxonomy) -> dict[str, str]:
    # A Taxonomy holds a dict, so it cannot key functools.cache; keep the taxonomy itself
    # beside its map so that its id is never reused by another object.
    cached = _SURFACES.get(id(tax))
    if cached is not None and cached[0] is tax:
        return cached[1]
    # Ids and names first, so that an alias shared with another skill's name never wins.
    out: dict[str, str] = {}
    for s in tax:
        for name in (s.id, s.name_en, s.name_ja):
            if name:
                out.setdefault(_key(name), s.id)
    for s in tax:
        for alias in s.aliases:
            out.setdefault(_key(alias), s.id)
    _SURFACES[id(tax)] = (tax, out)
    return out


def skill_lookup(text: str, *, tax: Taxonomy | None = None) -> str | None:
    """The id of the one skill ``text`` names, or None when it names none or several.

    ``text``: one skill as a person typed it (at most a short phrase). Exact forms (id, names,
    aliases; case, width and spacing ignored) come first; otherwise the extractor is asked,
    and its answer counts only when it finds a single distinct skill and the rest of the
    phrase is vendor words.
    """
    key = _key(text)
    if not key:
        return None
    tax = tax or taxonomy()
    found = _surfaces(tax).get(key)
    if found:
        return found
    if tax is not taxonomy():
        return None  # the extractor knows only the shipped taxonomy
    text = text[:200]
    mentions = skills_extract(text).mentions
    if len({m.skill_id for m in mentions}) != 1:
        return None
    rest = list(text)
    for m in mentions:
        rest[m.start : m.end] = " " * (m.end - m.start)
    vendor = set(extraction_rules()["lookup_vendor_words"]["words"])
    if any(word not in vendor for word in re.findall(r"\w+", _key("".join(rest)))):
        return None
    return mentions[0].skill_id
