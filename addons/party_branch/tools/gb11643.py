"""Citizen identity numbers under GB 11643-1999 (公民身份号码).

The check digit (ISO 7064 MOD 11-2) and the birth date come from
``python-stdnum`` (``stdnum.cn.ric``, an Odoo requirement). This module keeps
only what stdnum lacks:

* blanks inside the number are removed, not only around it;
* one reason per refusal, in the order the member form reports them (format,
  check digit, date of birth) — ``ric.validate`` also looks the address code
  up in stdnum's own list of places, which fictional and newly created codes
  are not in, and its exceptions do not say which check digit was expected;
* the gender, from the order code's last digit (odd for men, even for women);
* :func:`make`, which builds a valid number for demo data, tests and benchmarks.

Pure functions without Odoo imports, so that they can be tested without a
database.
"""

import datetime
import re

from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

# 17 digits, the first not 0, then a digit or X (stdnum checks only the length and digits)
_FORMAT = re.compile(r"^[1-9]\d{16}[\dX]$")


def normalize(number):
    """Strip blanks and upper-case the check character."""
    return ric.compact((number or "").replace(" ", ""))


def check_char(first17):
    """Return the check character for the first 17 digits."""
    return ric.calc_check_digit(first17 + "?")


def has_valid_format(number):
    return bool(_FORMAT.match(normalize(number)))


def has_valid_check_digit(number):
    number = normalize(number)
    return has_valid_format(number) and ric.calc_check_digit(number) == number[17]


def birthdate(number):
    """The birth date encoded in the number, or None when it is no real date."""
    try:
        return ric.get_birth_date(normalize(number))
    except (InvalidComponent, ValueError):
        return None


def gender(number):
    """'male' or 'female' from the order code's last digit."""
    return "male" if int(normalize(number)[16]) % 2 else "female"


def make(address_code, birth: datetime.date, order):
    """Build a valid number (used by demo data, tests and benchmarks)."""
    first17 = f"{address_code:06d}{birth:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)
