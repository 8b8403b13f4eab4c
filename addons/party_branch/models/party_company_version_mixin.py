from collections import defaultdict

from odoo import api, fields, models


class PartyCompanyVersionMixin(models.AbstractModel):
    """Settings data with a default and a company's own version (the index indicators,
    the service assessment rules): a record without a company is the default of every
    company, edited by system administrators only; a company's Party administrators give
    their company its own version of it (same key), which replaces the default there
    (record rules), so one company's weights never change another's scores.

    ``_party_version_key``: the field a version shares with its default (a code, a
    source)."""

    _name = "party.company.version.mixin"
    _description = "Party Data with a Company's Own Version"
    _inherit = ["party.access.mixin"]
    _party_org_field = False  # data of the Party administrators (ACL, record rules)
    # a company's version never becomes a default (or another company's): the record
    # rules are checked again on the new company
    _party_location_fields = ("company_id",)
    _party_version_key = "code"

    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Empty: the default of every company. A company's own version (same code or "
        "source) replaces the default in that company.",
    )

    @api.model
    def _party_versions(self, companies, domain=(), archived_hides=True):
        """{company_id: {key: record}} of the records in force in each company: its own
        version where it has one, else the default; one query. ``archived_hides``: a
        company's archived version leaves the record out there (else the default
        applies again)."""
        key = self._party_version_key
        records = (
            self.sudo()
            .with_context(active_test=not archived_hides)
            .search([*domain, "|", ("company_id", "=", False), ("company_id", "in", companies.ids)])
        )
        defaults, own = {}, defaultdict(dict)
        for record in records:
            (own[record.company_id.id] if record.company_id else defaults)[record[key]] = record
        return {
            company.id: {k: r for k, r in {**defaults, **own[company.id]}.items() if r.active}
            for company in companies
        }
