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

    party_category = fields.Boolean(
        string="Party Service Category",
        help="A category of the Party's service requests: offered on the public request "
        "form (/service/request) when also shown in the portal. helpdesk's other "
        "categories (IT support...) are not.",
    )

    _sql_constraints = [
        (
            "party_deadline_hours_positive",
            "CHECK(party_deadline_hours >= 0)",
            "The deadline of a category is zero or more hours.",
        ),
    ]
