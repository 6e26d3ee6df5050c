"""Blind text: what an employer may read of a candidate before the candidate shares the full
profile. E-mail addresses, phone numbers, web links and the person's own names are replaced
by a mark, so that a CV summary ("I am Zara Ahmed, zara@…, +92 333 …") tells nothing of who
wrote it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers

from engine.cv.contact import EMAIL

HIDDEN = "[…]"
# Bare domains only with endings that are not also technology names (ASP.NET, Socket.io).
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+[\w/]|\b[\w-]+(?:\.[\w-]+)*\.(?:com|pk|org|dev|me|jp)(?:/\S*[\w/])?\b"
)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,}")  # @someone on social networks


def personal_data_scrub(
    text: str, *, names: Sequence[str] = (), phrases: Sequence[str] = ()
) -> str:
    """``text`` with e-mail addresses, phone numbers (as written in Pakistan or
    internationally), links, social handles, each word of ``names`` (the person's own names,
    two letters or more) and each of ``phrases`` as a whole (employers, institutions) replaced
    by HIDDEN."""
    if not text:
        return text
    out = text
    for phrase in sorted(
        {p.strip() for p in phrases if len(p.strip()) >= 3}, key=len, reverse=True
    ):
        out = re.sub(re.escape(phrase), HIDDEN, out, flags=re.IGNORECASE)
    out = EMAIL.sub(HIDDEN, out)
    out = _URL.sub(HIDDEN, out)
    spans = [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(out, "PK")]
    for start, end in reversed(spans):
        out = out[:start] + HIDDEN + out[end:]
    out = _HANDLE.sub(HIDDEN, out)
    words = {w for name in names for w in re.findall(r"\w{2,}", name)}
    if words:
        pattern = (
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
        )
        out = re.sub(pattern, HIDDEN, out, flags=re.IGNORECASE)
    return out
