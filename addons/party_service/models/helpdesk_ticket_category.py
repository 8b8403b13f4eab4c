from odoo import fields, models

from .helpdesk_ticket import DEFAULT_DEADLINE_HOURS


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    party_deadline_hours = fields.Integer(
        string="Deadline (hours)",
        default=DEFAULT_DEADLINE_HOURS,
        help="A service request of this category is due this many hours after it was "
        "received; from the next minute it is overdue and escalated to the secretary. "
        "0: no deadline.",
    )

    _sql_constraints = [
        (
            "party_deadline_hours_positive",
            "CHECK(party_deadline_hours >= 0)",
            "The deadline of a category is zero or more hours.",
        ),
    ]
