"""Whole numbers typed into query parameters."""

import re

_DIGITS = re.compile(r"[0-9]{1,19}")


def whole_number(text, lowest: int, highest: int) -> int | None:
    """`text` as a number from `lowest` to `highest`, else None. Only 0-9 count:
    `str.isdigit()` is also true of "²", which `int()` refuses (a 500), and of
    "٣", which `int()` reads as 3."""
    if not isinstance(text, str) or not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if lowest <= value <= highest else None
