"""What an organisation submits to its superior (上级党组织): a disclosure, a fund
report, an asset filing. The superior decides (``check_superior``,
``party_branch/tools/superior.py``, the one statement of who the superior is); the form
offers the superior's buttons to them only (``can_review``), and every step checks the
state it starts from (:func:`check_state`).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.party_branch.tools.superior import check_superior


def check_state(records, states):
    """Raise unless every record is in one of ``states``: the step a button starts
    applies from these states only."""
    for record in records:
        if record.state not in states:
            raise UserError(
                records.env._(
                    "%(name)s: this step does not apply in its state.", name=record.display_name
                )  # fmt: skip
            )


class PartySuperiorReviewMixin(models.AbstractModel):
    _name = "party.superior.review.mixin"
    _description = "Superior Review"

    can_review = fields.Boolean(
        compute="_compute_can_review",
        help="Whether you decide this as the superior organisation.",
    )

    def _check_superior(self, message=""):
        """Raise ``message`` unless the caller decides these records as the superior of
        their (fixed) organisations: an officer above them who holds no position in
        them, a Party administrator, or for the root organisation its own officers."""
        return check_superior(self, self.sudo().organization_id, message)

    @api.depends_context("uid")
    def _compute_can_review(self):
        """Whether the caller decides it as the superior (:meth:`_check_superior`): the
        form offers the superior's buttons to them only, not to the submitter."""
        for record in self:
            try:
                record._check_superior()
            except AccessError:
                record.can_review = False
            else:
                record.can_review = True

    def _check_state(self, states):
        check_state(self, states)
