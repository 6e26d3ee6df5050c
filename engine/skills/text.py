"""Text plumbing for skill extraction: NFKC with offsets, tokens, sentences.

Every function here is pure. Offsets are character offsets (Python ``str`` indices).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word token: ASCII letters/digits with inner dots or apostrophes ("node.js", "asp.net",
# "don't"), a leading dot only at a word start (".net"), trailing + and # ("c++", "c#").
# Anything else that is not a space is a one-character token ("/", "-", "(", "、").
_TOKEN = re.compile(
    r"(?:(?<![A-Za-z0-9])\.(?=[A-Za-z]))?[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*[+#]*|[^\sA-Za-z0-9]"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)|;")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written (after NFKC)
    low: str  # lower case, the key for matching
    start: int
    end: int


def normalise(text: str) -> tuple[str, list[int]]:
    """NFKC-normalise ``text`` and map each output character back to its input offset.

    Returns (normalised text, offsets) where ``offsets[i]`` is the index in ``text`` of the
    character that produced output character ``i``; ``offsets`` has one extra entry,
    ``len(text)``, so that an end offset maps too. Full-width "Ｐｙｔｈｏｎ" becomes "Python".
    """
    if text.isascii():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        out.append(n)
        offsets.extend([i] * len(n))
    offsets.append(len(text))
    return "".join(out), offsets


def has_japanese(text: str) -> bool:
    """Whether the text contains kana or kanji."""
    return _CJK.search(text) is not None


def tokenise(text: str) -> list[Token]:
    """Word and punctuation tokens of (normalised) text, with character spans."""
    return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def alias_tokens(alias: str) -> tuple[str, ...]:
    """The lower-case token key of an alias; hyphens are dropped ("scikit-learn" == "scikit learn")."""
    norm = unicodedata.normalize("NFKC", alias)
    return tuple(t.low for t in tokenise(norm) if t.low != "-")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at line breaks, 。！？, "." + space, and ";"."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
