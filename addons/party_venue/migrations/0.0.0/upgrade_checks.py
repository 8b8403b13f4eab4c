"""party_venue's rules since the first release that its records may break (see
party_branch/migrations/0.0.0/upgrade_checks.py): (rule, model, query of id and name)."""

CHECKS = (
    (
        "an inspection is dated the day it took place, not in the future "
        "(party_venue_inspection._check_date_not_ahead)",
        "party.venue.inspection",
        "SELECT i.id, v.name || ' ' || i.date FROM party_venue_inspection i "
        "JOIN party_venue v ON v.id = i.venue_id WHERE i.date > CURRENT_DATE ORDER BY i.id",
    ),
    (
        "the day a venue is in use since is not in the future (party_venue._check_date_open)",
        "party.venue",
        "SELECT id, name || ' ' || date_open FROM party_venue WHERE date_open > CURRENT_DATE "
        "ORDER BY id",
    ),
)
