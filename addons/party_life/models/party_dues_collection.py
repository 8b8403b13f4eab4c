from odoo import api, fields, models
from odoo.tools import SQL

# the figures a rate is computed from: (rate, paid, due)
RATES = {
    "rate_amount": ("amount_paid", "amount_due"),
    "rate_members": ("members_paid", "members_due"),
}


class PartyDuesCollection(models.Model):
    """The collection rate of the Party dues (党费收缴率): per organisation and month,
    what was paid of what was due, in amount and in members.

    A view of ``party.dues``, one row per organisation and month: the months due or paid
    (an exempt month owes nothing and counts in neither), the amount due and the amount
    paid of it (what is paid voluntarily on top is not collection of what is due), the
    members due and the members whose month is paid. The organisation's three upper
    levels (``level1_id`` … ``level3_id``, the organisation itself where it is higher)
    roll the rates up the tree in the pivot: grouped by a level, a group's figures are
    those of every organisation under it. The rates of a group are computed from its
    totals (:meth:`read_group`), never averaged."""

    _name = "party.dues.collection"
    _description = "Party Dues Collection Rate"
    _inherit = ["party.access.mixin"]
    _auto = False
    _order = "period desc, organization_id"
    _rec_name = "organization_id"
    _party_rpc_methods = {
        "read_group": "ORM read: the report's ACL and record rules (officers: their "
        "organisations and below; Party administrators, auditors); rates computed from the "
        "group's totals",
    }
    _party_rpc_sample_args = {"read_group": ([], ["rate_amount:avg"], ["organization_id"])}

    organization_id = fields.Many2one("party.organization", string="Organisation", readonly=True)
    level1_id = fields.Many2one("party.organization", string="Top Organisation", readonly=True)
    level2_id = fields.Many2one("party.organization", string="Second Level", readonly=True)
    level3_id = fields.Many2one("party.organization", string="Third Level", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period = fields.Date(string="Month", readonly=True)
    amount_due = fields.Monetary(currency_field="currency_id", readonly=True)
    amount_paid = fields.Monetary(currency_field="currency_id", readonly=True)
    members_due = fields.Integer(readonly=True)
    members_paid = fields.Integer(readonly=True)
    rate_amount = fields.Float(
        string="Collection Rate (Amount %)", readonly=True, digits=(5, 2), aggregator="avg"
    )
    rate_members = fields.Float(
        string="Collection Rate (Members %)", readonly=True, digits=(5, 2), aggregator="avg"
    )

    def init(self):
        self.env.cr.execute(SQL("DROP VIEW IF EXISTS party_dues_collection"))
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW party_dues_collection AS (
                    SELECT min(d.id) AS id,
                           d.organization_id,
                           d.company_id,
                           d.period,
                           split_part(o.parent_path, '/', 1)::int AS level1_id,
                           COALESCE(NULLIF(split_part(o.parent_path, '/', 2), '')::int, o.id)
                               AS level2_id,
                           COALESCE(NULLIF(split_part(o.parent_path, '/', 3), '')::int, o.id)
                               AS level3_id,
                           COALESCE(sum(d.amount) FILTER (WHERE d.state IN ('due', 'paid')), 0)
                               AS amount_due,
                           COALESCE(sum(LEAST(COALESCE(d.paid_amount, 0), d.amount))
                                    FILTER (WHERE d.state IN ('due', 'paid')), 0) AS amount_paid,
                           count(*) FILTER (WHERE d.state IN ('due', 'paid')) AS members_due,
                           count(*) FILTER (WHERE d.state = 'paid') AS members_paid,
                           COALESCE(round(100.0 * sum(LEAST(COALESCE(d.paid_amount, 0), d.amount))
                                                  FILTER (WHERE d.state IN ('due', 'paid'))
                                          / NULLIF(sum(d.amount)
                                                   FILTER (WHERE d.state IN ('due', 'paid')), 0),
                                          2), 0) AS rate_amount,
                           COALESCE(round(100.0 * count(*) FILTER (WHERE d.state = 'paid')
                                          / NULLIF(count(*)
                                                   FILTER (WHERE d.state IN ('due', 'paid')), 0),
                                          2), 0) AS rate_members
                      FROM party_dues d
                      JOIN party_organization o ON o.id = d.organization_id
                     GROUP BY d.organization_id, d.company_id, d.period, o.id, o.parent_path
                )
                """
            )
        )

    @api.model
    def read_group(  # pylint: disable=redefined-outer-name
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """The rates of a group (a month of a branch, a whole tree, the total) are its
        paid total over its due total, not the average of its rows' rates."""
        wanted = [name for name in RATES if any(spec.split(":")[0] == name for spec in fields)]
        if not wanted:
            return super().read_group(
                domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
            )
        names = {spec.split(":")[0] for spec in fields}
        extra = [
            f"{figure}:sum" for name in wanted for figure in RATES[name] if figure not in names
        ]
        groups = super().read_group(
            domain,
            list(fields) + extra,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        for group in groups:
            for name in wanted:
                paid, due = (group.get(figure) or 0 for figure in RATES[name])
                group[name] = collection_rate(paid, due)
        return groups

    @api.model
    def _party_rolled_up(self, organizations, period):
        """{organisation id: (amount due, amount paid, members due, members paid)} of the
        month ``period`` (its first day), each organisation with everything below it. One
        query, as superuser: the caller decides whose figures it shows."""
        if not organizations:
            return {}
        self.env["party.dues"].flush_model()
        self.env["party.organization"].flush_model(["parent_path"])
        self.env.cr.execute(
            SQL(
                """
                SELECT top.id,
                       COALESCE(sum(c.amount_due), 0), COALESCE(sum(c.amount_paid), 0),
                       COALESCE(sum(c.members_due), 0), COALESCE(sum(c.members_paid), 0)
                  FROM party_organization top
                  JOIN party_organization o ON starts_with(o.parent_path, top.parent_path)
                  JOIN party_dues_collection c
                    ON c.organization_id = o.id AND c.period = %s
                 WHERE top.id = ANY(%s)
                 GROUP BY top.id
                """,
                period,
                organizations.ids,
            )
        )
        return {
            org_id: (float(due), float(paid), members_due, members_paid)
            for org_id, due, paid, members_due, members_paid in self.env.cr.fetchall()
        }


def collection_rate(paid, due):
    """Paid over due, in per cent to the hundredth; 0 when nothing is due."""
    return round(100.0 * paid / due, 2) if due else 0.0
