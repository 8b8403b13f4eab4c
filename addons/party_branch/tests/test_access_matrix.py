"""Access matrix of party_branch's models (table below; machinery in access_matrix.py).

Every model of party_branch has a row: a model without one fails
``test_every_model_has_a_row``, so a new model comes with its expectations.
"""

from odoo.tests import tagged

from odoo.addons.party_branch.models.party_point import PointSource

from .access_matrix import AccessMatrixCase

READERS = "O A U UM"


def point_rule_sample(case):
    """The company's own copy of a points rule. With party_branch alone no addon adds a
    source of points (nor its default rules): the test then counts one of its own."""
    Rule = case.env["party.point.rule"]
    rule = Rule.search([], limit=1)
    if not rule:
        case.patch(
            type(case.env["party.point"]),
            "_party_point_sources",
            lambda self: [PointSource("matrix", "Matrix", "party.member")],
        )
        rule = Rule.create({"name": "Matrix", "code": "matrix", "source": "matrix"})
    return rule.copy({"company_id": case.env.company.id, "code": "matrix_own"})


@tagged("post_install", "-at_install")
class TestBranchAccessMatrix(AccessMatrixCase):
    MATRIX = {
        "party.organization": {
            "sample": lambda case: case.branch_a,
            "field": "unit_name",
            # officers read the whole tree (to transfer members, to see their superiors)
            "read": "O S A U UM",
            "write": "O A",
            "create": "A",  # a copy sits beside Branch A, under the committee O does not manage
            "unlink": "A",  # access allows it; Branch A's members and groups then refuse it
            "move": "A",
        },
        "party.member": {
            "sample": lambda case: case.member_a,
            "field": "file_location",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "",
            "move": "A",  # officers move members by a transfer only
        },
        "party.position": {
            "sample": lambda case: case.pos_secretary_a,
            "field": "appointment_reference",
            # officers read who holds which position everywhere in the company
            "read": "O S A U UM",
            "write": "O A",
            "create": "O A",
            "unlink": "",  # a term ends, it is never deleted (superuser maintenance only)
            "move": "",  # a position is fixed to its organisation
        },
        "party.member.transfer": {
            "sample": lambda case: case.Transfer.create(
                {
                    "member_id": case.member_a.id,
                    "to_organization_id": case.branch_b.id,
                    "reason": "Moving",
                }
            ),  # fmt: skip
            "field": "reason",
            # the receiving branch's officer sees the transfer too
            "read": "O S A U UM",
            "write": "O S A",
            "create": "O A",
            "unlink": "O S A",  # a draft transfer is deleted by either side
            "move": "",
        },
        "party.finding": {
            "sample": lambda case: case._check(case.branch_a)[:1],
            "field": None,  # nothing of a finding is written by hand
            "read": READERS,
            "unlink": "",
            "move": "",
        },
        "party.audit.entry": {
            "sample": lambda case: (
                case.member_a.sudo().write({"status": "lost_contact"})
                and case.env["party.audit.entry"]
                .sudo()
                .search([("res_model", "=", "party.member"), ("res_id", "=", case.member_a.id)])
            ),
            "field": None,  # nothing of an entry is written, by anyone
            "read": "O A U UM",
            "unlink": "",
            "move": "",
        },
        "party.position.type": {
            "sample": lambda case: case.ptype["secretary"],
            "field": "name",
            "read": "M O S X A U UM",
            # a rule of every company (party.shared.rule.mixin): A administers one of
            # several here; test_shared_rules shows who changes it
            "write": "",
            "create": "",
            "unlink": "",
        },
        "party.term.rule": {
            "sample": lambda case: case.env["party.term.rule"].search([], limit=1),
            "field": "term_years",
            "read": "M O S X A U UM",
            "write": "",  # a rule of every company, as the position types
            "create": "",
            "unlink": "",
        },
        "party.notice": {
            "sample": lambda case: case.env["party.notice"].create(
                {"title": "Matrix notice", "organization_ids": [(6, 0, case.branch_a.ids)]}
            ),
            "field": "title",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",  # a draft; a published notice is withdrawn, never deleted
        },
        "party.notice.receipt": {
            "sample": lambda case: case._notice_receipt(),
            "field": None,  # marked by the member's own actions on the notice only
            "read": READERS,
            "create": "",
            "unlink": "",
        },
        "party.index": {
            "sample": lambda case: case._index(),
            "field": None,  # written by its computation only (action_compute)
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.index.line": {
            "sample": lambda case: case._index().line_ids[:1],
            "field": None,
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.index.indicator": {
            # the company's own version of a default (the defaults: system administrators)
            "sample": lambda case: case.env.ref(
                "party_branch.index_indicator_std_member_files"
            ).copy({"company_id": case.env.company.id}),
            "field": "weight",
            "read": "M O S A U UM",
            "write": "A",
            "create": "A",  # access allows it; the copy's code is refused (unique)
            "unlink": "A",
        },
        "party.reminder.kind": {
            "sample": lambda case: case.env.ref("party_branch.reminder_kind_notice_unread"),
            "field": "sequence",  # the kinds are data: a Party administrator orders them
            "read": "M O S X A U UM",
            "write": "A",
            "create": "",
            "unlink": "",
        },
        "party.reminder.digest": {
            "sample": lambda case: case._reminder_digest(),
            "field": None,  # written by the daily run only
            "read": READERS,
            "create": "",
            "unlink": "",
        },
        # long runs as jobs: read by the Party administrators, written by the crons only
        "party.job.run": {
            "sample": lambda case: case._job_run(),
            "field": None,
            "read": "A",
            "create": "",
            "unlink": "",
        },
        "party.job.chunk": {
            "sample": lambda case: case._job_run().chunk_ids[:1],
            "field": None,
            "read": "A",
            "create": "",
            "unlink": "",
        },
        "party.discipline": {
            "sample": lambda case: case.env["party.discipline"].create(
                {
                    "member_id": case.member_a.id,
                    "organization_id": case.branch_a.id,
                    "kind": "warning",
                }
            ),  # fmt: skip
            "field": "reference",
            # the discipline officers, auditors and administrators; never the member's
            # own officers (the member concerned reads their own: not a role here)
            "read": "A U UM",
            "write": "A",
            "create": "A",
            "unlink": "",  # never deleted
            "move": "",  # the deciding organisation is fixed
        },
        "party.honour": {
            "sample": lambda case: case.env["party.honour"].create(
                {
                    "kind": "excellent_member",
                    "member_id": case.member_a.id,
                    "organization_id": case.branch_a.id,
                }
            ),  # fmt: skip
            "field": "reference",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
            "move": "A",  # access allows it; the member outside Branch B then refuses it
        },
        "party.member.away": {
            "sample": lambda case: case.env["party.member.away"].create(
                {"member_id": case.member_a.id, "host_external": "Matrix Host"}
            ),
            "field": "place",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
            "move": "",  # the home organisation is the member's
        },
        "party.point": {
            "sample": lambda case: (
                case._point_summary().member_id
                and case.env["party.point"].search([("member_id", "=", case.member_a.id)], limit=1)
            ),
            "field": None,  # written by the nightly points run only
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.point.summary": {
            "sample": lambda case: case._point_summary(),
            "field": None,
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.point.star": {
            "sample": lambda case: (
                case._point_summary()
                and case.env["party.point.star"].search(
                    [("organization_id", "=", case.branch_a.id)]
                )
            ),
            "field": None,
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.point.rule": {
            # the company's own rule (the defaults: system administrators)
            "sample": point_rule_sample,
            "field": "points",
            "read": "M O S A U UM",  # X: another company's own version is not theirs
            "write": "A",
            "create": "A",  # access allows it; the copy's code is refused (unique)
            "unlink": "A",
        },
        "party.point.level": {
            "sample": lambda case: case.env.ref("party_branch.point_level_member_good").copy(
                {"company_id": case.env.company.id}
            ),
            "field": "min_points",
            "read": "M O S A U UM",  # X: another company's own version is not theirs
            "write": "A",
            "create": "A",
            "unlink": "A",
        },
    }

    def _point_summary(self):
        """Member A's points of the year, as the nightly run writes them."""
        Point = self.env["party.point"].sudo()
        Point.create(
            {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
             "company_id": self.member_a.company_id.id, "source": "correction",
             "date": self.today, "year": self.today.year, "points": 3}
        )  # fmt: skip
        Point._party_points_summarise([self.today.year])
        return self.env["party.point.summary"].search(
            [("member_id", "=", self.member_a.id), ("year", "=", self.today.year)]
        )

    def _index(self):
        return self.env["party.index"]._party_index_compute(self.branch_a, "month", self.today)

    def _job_run(self):
        return self.env["party.job.run"]._party_start(
            "matrix", "Matrix run", "party.organization", "_party_job_check_compliance",
            self.branch_a.ids, {"on_date": str(self.today)}, sync=True,
        )  # fmt: skip

    def _reminder_digest(self):
        rows = [
            {
                "member_id": self.member_a.id, "organization_id": self.branch_a.id,
                "company_id": self.member_a.company_id.id, "kind_codes": "notice_unread",
                "items": "{}", "item_count": 1, "lang": "en_US", "channel": "email",
            }
        ]  # fmt: skip
        ids = self.env["party.reminder"]._insert_digests(rows, self.today)
        return self.env["party.reminder.digest"].browse(ids)

    def _notice_receipt(self):
        notice = self.env["party.notice"].create(
            {"title": "Matrix published notice", "organization_ids": [(6, 0, self.branch_a.ids)]}
        )
        notice.action_publish()
        return notice.receipt_ids.filtered(lambda r: r.member_id == self.member_a)

    def test_every_model_has_a_row(self):
        self.check_every_model_has_a_row("party_branch")

    def test_matrix(self):
        self.check_matrix()
