from odoo import api, fields, models


class SlideSlidePartner(models.Model):
    _inherit = "slide.slide.partner"

    _party_rpc_methods = {
        "create": "website_slides ACL and rules (course officers); completed_date follows completed",
        "write": "website_slides ACL and rules (course officers); completed_date follows completed",
    }

    completed_date = fields.Date(
        string="Completed On", index=True, help="Day the content was completed (study hours)."
    )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("completed") and not vals.get("completed_date"):
                vals["completed_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if "completed" in vals and "completed_date" not in vals:
            if vals["completed"]:
                todo = self.filtered(lambda row: not row.completed)
                res = super().write(vals)
                todo.write({"completed_date": fields.Date.context_today(self)})
                return res
            vals = dict(vals, completed_date=False)
        return super().write(vals)

    # ------------------------------------------------------------ service assessment

    @api.model
    def _party_assessment_quantities(self, members, date_from, date_to, source="study"):
        """{member id: hours} for party_service's assessment (source ``study``): the
        completion time of each content of a Party course ``members`` completed in the
        period (``completed_date`` from ``date_from`` to ``date_to``), each content once.
        The one rule of study hours (also the member's hours of the year,
        ``party.member._study_hours``). One grouped query (and one read of the
        contents' times)."""
        members = members.sudo()
        members.fetch(["partner_id"])  # one query for all, none when the caller has them
        by_partner = {}
        for member in members:
            by_partner.setdefault(member.partner_id.id, []).append(member.id)
        groups = self._read_group(
            [
                ("partner_id", "in", list(by_partner)),
                ("completed", "=", True),
                ("channel_id.is_party_course", "=", True),
                ("completed_date", ">=", date_from),
                ("completed_date", "<=", date_to),
            ],
            ["partner_id", "slide_id"],
            ["__count"],
        )
        hours = {}
        for partner, slide, _count in groups:
            for member_id in by_partner[partner.id]:
                hours[member_id] = hours.get(member_id, 0.0) + slide.completion_time
        return hours
