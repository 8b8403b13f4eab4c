"""party_life's rows of the annual statistics: the development pipeline (发展党员) on the
date and its steps in the period, from ``party.development``'s dates (one query)."""

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_statistics import Table


class PartyStatistics(models.AbstractModel):
    _inherit = "party.statistics"

    @api.model
    def _party_statistics_tables(self, run):
        return [*super()._party_statistics_tables(run), self._development_table(run)]

    def _development_table(self, run):
        """Applicants, activists and development targets on the date (by the dates of
        their steps: a step taken after the date does not count yet, an admission vote or a
        closing on or before it takes them out of the pipeline); the steps of the period."""
        self.env["party.development"].flush_model()
        org_ids = "{" + ",".join(str(i) for i in run.organizations.ids) + "}"
        on, since = run.date_to, run.date_from
        self.env.cr.execute(
            SQL(
                """
                WITH dev AS (
                    SELECT d.*,
                           (d.application_date <= %(on)s
                            AND (d.admission_date IS NULL OR d.admission_date > %(on)s)
                            AND (d.closed_date IS NULL OR d.closed_date > %(on)s)) AS open_on
                      FROM party_development d
                     WHERE d.organization_id = ANY(%(orgs)s::int4[])
                )
                SELECT
                    count(*) FILTER (WHERE open_on AND (activist_date IS NULL
                                                        OR activist_date > %(on)s)),
                    count(*) FILTER (WHERE open_on AND activist_date <= %(on)s
                                     AND (target_date IS NULL OR target_date > %(on)s)),
                    count(*) FILTER (WHERE open_on AND target_date <= %(on)s),
                    count(*) FILTER (WHERE application_date BETWEEN %(since)s AND %(on)s),
                    count(*) FILTER (WHERE activist_date BETWEEN %(since)s AND %(on)s),
                    count(*) FILTER (WHERE target_date BETWEEN %(since)s AND %(on)s),
                    count(*) FILTER (WHERE admission_date BETWEEN %(since)s AND %(on)s),
                    count(*) FILTER (WHERE extension_date BETWEEN %(since)s AND %(on)s),
                    count(*) FILTER (WHERE full_date BETWEEN %(since)s AND %(on)s
                                     AND stage = 'full'),
                    count(*) FILTER (WHERE closed_date BETWEEN %(since)s AND %(on)s)
                  FROM dev
                """,
                on=on,
                since=since,
                orgs=org_ids,
            )
        )
        counts = self.env.cr.fetchone()
        labels = [
            self.env._("Applicants on the date"),
            self.env._("Activists on the date"),
            self.env._("Development targets on the date"),
            self.env._("Applications received in the period"),
            self.env._("Activists selected in the period"),
            self.env._("Development targets selected in the period"),
            self.env._("Admitted by vote in the period"),
            self.env._("Probations extended in the period"),
            self.env._("Converted after probation in the period"),
            self.env._("Developments closed in the period"),
        ]
        return Table(
            "development",
            self.env._("Member development"),
            [self.env._("Number")],
            [(label, [count]) for label, count in zip(labels, counts, strict=True)],
            sequence=12,
            note=self.env._(
                "From the development records (发展党员): admitted and converted members also "
                "count in the register's admissions and conversions."
            ),
        )
