"""party_life's rules since the first release that its records may break (see
party_branch/migrations/0.0.0/upgrade_checks.py): (rule, model, query of id and name)."""

CHECKS = (
    (
        "the political review of an applicant comes on or after the day they became a "
        "development target (party_development._check_review_date)",
        "party.development",
        "SELECT d.id, p.name FROM party_development d JOIN res_partner p ON p.id = d.partner_id "
        "WHERE d.political_review_date IS NOT NULL "
        "AND (d.target_date IS NULL OR d.political_review_date < d.target_date) ORDER BY d.id",
    ),
)
