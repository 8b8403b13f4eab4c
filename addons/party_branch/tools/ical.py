"""iCalendar (RFC 5545) text, written by hand: the member's private calendar feed.

Only what a feed of meetings needs: a VCALENDAR of VEVENTs with UID, DTSTAMP,
DTSTART/DTEND in UTC, SUMMARY, LOCATION, URL, STATUS and DESCRIPTION. Text values
are escaped (backslash, semicolon, comma, line breaks: RFC 5545 3.3.11) and every
content line is folded at 75 octets (3.1) without cutting a UTF-8 character; lines
end with CRLF.
"""

from datetime import UTC, datetime

PRODID = "-//Party Building Five Modernizations//Party Meetings//EN"
LINE_OCTETS = 75
STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED")


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks
    escaped; other control characters dropped."""
    text = str(value or "")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(char for char in text if char == "\t" or ord(char) >= 32 and char != "\x7f")


def utc_stamp(value):
    """A naive UTC datetime (Odoo's) as an RFC 5545 UTC DATE-TIME: 20260305T013000Z."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """Fold one content line into lines of at most 75 octets, each continuation
    starting with a space (which counts in its 75), never inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def calendar(events, name="", now=None):
    """The text of a VCALENDAR holding ``events``: dicts with ``uid``, ``start`` and
    ``stop`` (naive UTC datetimes), ``summary``, and optionally ``location``, ``url``,
    ``description`` and ``status`` (one of :data:`STATUSES`)."""
    stamp = utc_stamp(now or datetime.now(UTC).replace(tzinfo=None))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event['uid'])}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(event['start'])}",
            f"DTEND:{utc_stamp(event['stop'])}",
            f"SUMMARY:{escape_text(event['summary'])}",
        ]
        if event.get("location"):
            lines.append(f"LOCATION:{escape_text(event['location'])}")
        if event.get("description"):
            lines.append(f"DESCRIPTION:{escape_text(event['description'])}")
        if event.get("url"):
            # a URI value, not TEXT: no escaping (RFC 5545 3.8.4.6)
            lines.append(f"URL:{event['url']}")
        if event.get("status") in STATUSES:
            lines.append(f"STATUS:{event['status']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
