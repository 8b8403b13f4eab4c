"""Citizen identity numbers under GB 11643-1999 (公民身份号码).

Pure functions without Odoo imports, so that they can be tested without a
database. An identity number has 18 characters: a 6-digit address code,
the birth date as YYYYMMDD, a 3-digit order code whose last digit is odd
for men and even for women, and an ISO 7064 MOD 11-2 check character
(0-9 or X).
"""

import datetime
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_FORMAT = re.compile(r"^[1-9]\d{16}[\dX]$")


def normalize(number):
    """Strip blanks and upper-case the check character."""
    return (number or "").strip().replace(" ", "").upper()


def check_char(first17):
    """Return the check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def has_valid_format(number):
    return bool(_FORMAT.match(normalize(number)))


def has_valid_check_digit(number):
    number = normalize(number)
    return has_valid_format(number) and check_char(number[:17]) == number[17]


def birthdate(number):
    """The birth date encoded in the number, or None when it is no real date."""
    number = normalize(number)
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender(number):
    """'male' or 'female' from the order code's last digit."""
    return "male" if int(normalize(number)[16]) % 2 else "female"


def make(address_code, birth, order):
    """Build a valid number (used by demo data, tests and benchmarks)."""
    first17 = f"{address_code:06d}{birth:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)
