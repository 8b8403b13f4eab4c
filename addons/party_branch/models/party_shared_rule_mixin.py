from odoo import api, models
from odoo.exceptions import AccessError


class PartySharedRuleMixin(models.AbstractModel):
    """Rules without a company that every company's Party organisations follow (the
    length of a term, the positions, how often a meeting is due, the yearly study hours,
    which reminders members may turn off).

    A Party administrator of one company must not change what the members and officers
    of another company are held to: the rule changes only by a system administrator or
    by a Party administrator of every company that has Party organisations. Declare
    ``_party_shared_fields`` to guard only those fields of a write (``None``: all of
    them); creation and deletion are always guarded.
    """

    _name = "party.shared.rule.mixin"
    _description = "Party Rule Shared by Every Company"

    _party_shared_fields = None

    def _party_check_every_company(self):
        """Raise unless the caller may change what every company's organisations follow."""
        if self._party_trusted() or self.env.user.has_group("base.group_system"):
            return
        companies = self.env["res.company"].browse(
            company.id
            for [company] in self.env["party.organization"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([], ["company_id"])
            if company
        )
        others = companies - self.env.user.company_ids
        if others:
            raise AccessError(
                self.env._(
                    "%(rule)s applies to the Party organisations of every company: only a "
                    "system administrator, or a Party administrator of all of them, changes it "
                    "(not of %(companies)s).",
                    rule=self._description,
                    companies=", ".join(others.sudo().mapped("name")),
                )
            )

    def _party_validate_create(self, vals_list):
        self._party_check_every_company()
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        shared = self._party_shared_fields
        if shared is None or set(vals) & set(shared):
            self._party_check_every_company()
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_every_company(self):
        self._party_check_every_company()
