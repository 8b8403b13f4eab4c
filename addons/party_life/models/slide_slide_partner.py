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
