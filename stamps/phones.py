"""Phone numbers in E.164 (``+6281234567801``), so a number typed the local way (``0812…``)
matches the same member stored with its country code. The store's country says how to read a
number typed without one."""

from __future__ import annotations

import phonenumbers

#: the demo store's country; a real store sets its own (the ``country`` setting)
DEFAULT_COUNTRY = "ID"


def e164(text: str, country: str = DEFAULT_COUNTRY) -> str | None:
    """``text`` as E.164, reading a number without ``+`` as one of ``country`` (ISO 3166
    alpha-2); None when it is not a possible phone number."""
    try:
        number = phonenumbers.parse(text, country.upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
