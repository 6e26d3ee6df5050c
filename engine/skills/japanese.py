"""Japanese word boundaries from Sudachi (SudachiPy + sudachidict-core, pinned).

Sudachi is imported lazily, so English-only callers never pay for loading its dictionary.
Its split mode A (the finest) gives the boundaries; a Japanese alias counts only where it
starts and ends on one, so 学習 is not found inside an unrelated compound by accident.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _tokenizer() -> Any:
    """The Sudachi tokenizer with the core dictionary (loaded once per process)."""
    from sudachipy import Dictionary  # type: ignore[import-untyped]

    return Dictionary(dict="core").tokenizer()


def sudachi_boundaries(text: str) -> set[int]:
    """Character offsets in ``text`` where Sudachi (mode A) starts or ends a morpheme."""
    from sudachipy import SplitMode

    out = {0, len(text)}
    tok = _tokenizer()
    base = 0
    # Sudachi refuses very long inputs: analyse line by line.
    for line in text.split("\n"):
        if line.strip():
            for m in tok.tokenize(line[:10_000], SplitMode.A):
                out.add(base + m.begin())
                out.add(base + m.end())
        base += len(line) + 1
    # Sudachi occasionally keeps brackets inside a morpheme ("開発（スクラム）"): punctuation
    # and spaces always separate words.
    for i, ch in enumerate(text):
        if not (ch.isalnum() or ch in "ー々〆"):
            out.add(i)
            out.add(i + 1)
    return out


def sudachi_version() -> str:
    """Version of the installed SudachiPy, for reports."""
    from importlib.metadata import version

    return version("sudachipy")
