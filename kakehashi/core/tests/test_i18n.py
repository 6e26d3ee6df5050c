"""Japanese and Urdu: the pages are served translated (Urdu right-to-left), and the catalogues
have no untranslated or fuzzy entries, keep every placeholder, and are compiled."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGS = {"ja": 1, "ur": 2}  # language -> nplurals
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")


@pytest.fixture(autouse=True)
def _restore_language():
    before = translation.get_language()
    yield
    translation.activate(before)


def _get(client, url: str, lang: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_in_japanese(client, db):
    html = _get(client, "/", "ja")
    assert '<html lang="ja" dir="ltr">' in html
    assert "日本のIT企業とパキスタンのIT人材をつなぐ架け橋" in html
    assert "パキスタン情報技術・通信省" in html


def test_home_in_urdu_is_right_to_left(client, db):
    html = _get(client, "/", "ur")
    assert 'dir="rtl"' in html
    assert '<html lang="ur" dir="rtl">' in html
    assert "جاپان کی آئی ٹی کمپنیوں اور پاکستان کے آئی ٹی ٹیلنٹ کے درمیان پُل" in html
    assert "سائن ان" in html


def test_login_page_in_both_languages(client, db):
    assert "ログイン" in _get(client, "/login/", "ja")
    html = _get(client, "/login/", "ur")
    assert 'dir="rtl"' in html
    assert "ای میل ایڈریس" in html


# --- catalogues ------------------------------------------------------------------------------


def _unquote(s: str) -> str:
    return ast.literal_eval(s)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: flags, msgctxt, msgid, msgid_plural, msgstr (dict index->str;
    index None for a singular msgstr). Obsolete (#~) entries are returned with obsolete=True."""
    entries: list[dict] = []
    entry: dict | None = None
    key = None

    def new() -> dict:
        return {"msgctxt": None, "msgid": None, "msgid_plural": None}

    pending_flags: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
        if not line.strip():
            continue
        if line.startswith("#,"):
            pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#"):
            continue
        m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if m:
            word, index, value = m.group(1), m.group(2), _unquote(m.group(3))
            # msgctxt starts an entry; so does msgid, unless it follows that entry's msgctxt.
            starts = word == "msgctxt" or (
                word == "msgid" and (entry is None or entry["msgid"] is not None)
            )
            if starts:
                entry = new()
                entry.update(msgstr={}, obsolete=obsolete, flags=pending_flags)
                pending_flags = set()
                entries.append(entry)
            assert entry is not None, f"{path}: {line!r}"
            if word == "msgstr":
                key = ("msgstr", int(index) if index is not None else None)
                entry["msgstr"][key[1]] = value
            else:
                key = (word, None)
                entry[word] = value
            continue
        assert line.startswith('"') and entry is not None and key is not None, f"{path}: {line!r}"
        if key[0] == "msgstr":
            entry["msgstr"][key[1]] += _unquote(line)
        else:
            entry[key[0]] += _unquote(line)
    return entries


def _catalogue(lang: str) -> tuple[dict, list[dict]]:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run makemessages -l {lang}"
    entries = [e for e in parse_po(path) if not e["obsolete"]]
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "", "the first entry must be the header"
    return header, messages


def _label(e: dict) -> str:
    return repr(e["msgid"]) + (f" (context {e['msgctxt']!r})" if e["msgctxt"] else "")


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_header(lang):
    header, _messages = _catalogue(lang)
    text = header["msgstr"][None]
    assert f"Language: {lang}\n" in text
    assert "Content-Type: text/plain; charset=UTF-8\n" in text
    nplurals = LANGS[lang]
    expected = "nplurals=1; plural=0;" if nplurals == 1 else "nplurals=2; plural=(n != 1);"
    assert f"Plural-Forms: {expected}\n" in text
    assert "fuzzy" not in header["flags"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated(lang):
    """A string marked for translation but left empty or fuzzy fails here: after
    `makemessages -l ja -l ur`, translate it in both catalogues and run compilemessages."""
    _header, messages = _catalogue(lang)
    assert messages, "the catalogue is empty"
    nplurals = LANGS[lang]
    untranslated, fuzzy, bad_plural, bad_placeholders = [], [], [], []
    for e in messages:
        if "fuzzy" in e["flags"]:
            fuzzy.append(_label(e))
        if e["msgid_plural"] is not None:
            if sorted(e["msgstr"]) != list(range(nplurals)):
                bad_plural.append(_label(e))
            sources = [e["msgid"], e["msgid_plural"]]
        else:
            if list(e["msgstr"]) != [None]:
                bad_plural.append(_label(e))
            sources = [e["msgid"]]
        if any(not s.strip() for s in e["msgstr"].values()):
            untranslated.append(_label(e))
            continue
        wanted = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for s in e["msgstr"].values():
            if set(PLACEHOLDER.findall(s)) != wanted:
                bad_placeholders.append(f"{_label(e)} -> {s!r}")
    problems = {
        "untranslated": untranslated,
        "fuzzy": fuzzy,
        "wrong plural forms": bad_plural,
        "placeholders changed": bad_placeholders,
    }
    assert not any(problems.values()), f"{lang}: { ({k: v for k, v in problems.items() if v}) }"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_po(lang):
    """The .mo that Django loads holds exactly what the .po says (compilemessages was run)."""
    _header, messages = _catalogue(lang)
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    stale = []
    for e in messages:
        msgid = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"] is None:
            if compiled.get(msgid) != e["msgstr"][None]:
                stale.append(_label(e))
        elif any(compiled.get((msgid, i)) != s for i, s in e["msgstr"].items()):
            stale.append(_label(e))
    assert not stale, f"{lang}: django.mo is out of date, run compilemessages: {stale}"
