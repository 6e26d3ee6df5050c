"""Render the engine's messages in English, Japanese or Urdu: :func:`render`.

The catalogue is ``engine/data/visa_messages.json``: message id → {"en", "ja", "ur"}
templates with ``{name}`` placeholders. Parameters whose names end in ``_yen`` are
money (¥6,000,000 in English and Urdu, 600万円 in Japanese); nested messages are
rendered in the same language.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from engine.visa.model import Msg, ParamValue

DATA = Path(__file__).resolve().parents[1] / "data" / "visa_messages.json"
LANGUAGES = ("en", "ja", "ur")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Message id → language → template, loaded once."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    messages: dict[str, dict[str, str]] = raw["messages"]
    return messages


def format_yen(amount: int, lang: str) -> str:
    """An amount of yen as people write it: ¥6,000,000 (en, ur); 600万円 or 523万4,000円 (ja)."""
    if lang == "ja":
        man, rest = divmod(amount, 10_000)
        if man and rest:
            return f"{man:,}万{rest:,}円"
        if man:
            return f"{man:,}万円"
        return f"{amount:,}円"
    return f"¥{amount:,}"


def _value(name: str, value: ParamValue, lang: str) -> str:
    if isinstance(value, Msg):
        return render(value, lang)
    if isinstance(value, int) and name.endswith("_yen"):
        return format_yen(value, lang)
    return str(value)


def render(message: Msg, lang: str = "en") -> str:
    """``message`` as text in ``lang`` ("en", "ja" or "ur").

    Raises ValueError for an unknown language, an unknown message id or a missing
    parameter, naming which."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    try:
        template = catalogue()[message.id][lang]
    except KeyError:
        raise ValueError(f"no {lang} text for visa message {message.id!r}") from None
    values = {name: _value(name, value, lang) for name, value in message.params}
    try:
        return template.format_map(values)
    except KeyError as missing:
        raise ValueError(f"visa message {message.id!r} needs parameter {missing}") from None
