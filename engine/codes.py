"""Identifiers the platform validates: Japanese corporate numbers and Pakistani CNICs.

The corporate number's check digit is computed by python-stdnum (``stdnum.jp.cn``). A CNIC
has no checksum; its first digit names the province of issue, read from ``geo.json`` (which
also knows 8 = Azad Jammu and Kashmir, a digit python-stdnum does not accept yet [U]). This
module adds the messages a person reads and the facts the product derives.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from stdnum.jp import cn as _corporate_number

from engine.geo import geo


class CodeError(ValueError):
    """A number failed validation; ``str(error)`` is a message for the person who typed it."""


def _digits(value: str) -> str:
    # Full-width digits (０-９) are common in Japanese forms, Urdu keyboards type ۰-۹: fold
    # every decimal digit to ASCII first, so one number has one spelling (and one digest).
    folded = unicodedata.normalize("NFKC", value)
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch
        for ch in folded
        if not ch.isspace() and ch not in "-‐ー−"
    )


def corporate_number_check_digit(base12: str) -> int:
    """The check digit (0-9) of a Japanese corporate number over its other 12 digits.

    財務省令第70号 §2: CD = 9 - (sum(P_n * Q_n) mod 9), P_n the n-th digit from the right,
    Q_n = 1 for odd n and 2 for even n; computed by python-stdnum. Example: base
    180301018771 (Toyota) gives 1. Raises ValueError when ``base12`` is not 12 ASCII digits.
    """
    if len(base12) != 12 or not (base12.isascii() and base12.isdigit()):
        raise ValueError(f"a corporate number base has 12 digits, not {base12!r}")
    return int(_corporate_number.calc_check_digit(base12))


def corporate_number_clean(value: str) -> str:
    """Validate a Japanese corporate number (法人番号) and return its 13 digits.

    The first digit is the check digit over the other twelve
    (:func:`corporate_number_check_digit`). Raises CodeError with a readable message.
    """
    number = _digits(value)
    if not (number.isascii() and number.isdigit()):
        raise CodeError("A corporate number has digits only (13 digits, e.g. 1180301018771).")
    if len(number) != 13:
        raise CodeError(
            f"A corporate number has 13 digits; this one has {len(number)}. "
            "Find it on the National Tax Agency's corporate number site (houjin-bangou.nta.go.jp)."
        )
    if corporate_number_check_digit(number[1:]) != int(number[0]):
        raise CodeError(
            "This corporate number's check digit does not match: please check for a typing mistake."
        )
    return number


@dataclass(frozen=True, slots=True)
class Cnic:
    """A validated CNIC. ``digits`` is the 13-digit number without dashes."""

    digits: str
    province_digit: str
    gender: str  # "M" or "F": derived, never used in scoring

    @property
    def formatted(self) -> str:
        d = self.digits
        return f"{d[:5]}-{d[5:12]}-{d[12]}"

    @property
    def masked(self) -> str:
        """What a verifier sees by default: the last four digits only."""
        return f"*****-****{self.digits[9:12]}-{self.digits[12]}"


def cnic_clean(value: str) -> Cnic:
    """Validate a Pakistani CNIC/NICOP number (``#####-#######-#``).

    There is no checksum: the length and the province digit are checked. Raises CodeError
    with a readable message.
    """
    number = _digits(value)
    if not (number.isascii() and number.isdigit()) or len(number) != 13:
        raise CodeError(
            "A CNIC has 13 digits, written as 12345-1234567-1 (as printed on the card)."
        )
    if number[0] not in _cnic_province_digits():
        raise CodeError(
            "This CNIC's first digit does not match any province of issue "
            "(1-8 as printed on NADRA cards): please check the number."
        )
    gender = "M" if int(number[12]) % 2 else "F"  # last digit: odd male, even female
    return Cnic(digits=number, province_digit=number[0], gender=gender)


def _cnic_province_digits() -> frozenset[str]:
    # "2" was the former FATA, merged into Khyber Pakhtunkhwa in 2018; its cards stay valid.
    return frozenset({p.cnic_digit for p in geo().provinces} | {"2"})
