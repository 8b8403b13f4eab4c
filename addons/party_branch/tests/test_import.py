import base64
import datetime

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from odoo.addons.party_branch.tools import gb11643

from .common import PartyBranchCase
from .rpc import rpc

FIELDS = ["name", "organization_id", "member_category", "id_number", "birthdate", "gender",
          "join_date", "full_date"]  # fmt: skip


@tagged("post_install", "-at_install")
class TestMemberImport(TransactionCase):
    """Importing members with Odoo's import: every bad row reported, nothing saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls.env["party.organization"].create(
            {"name": "Import Branch", "code": "IMP-B", "org_type": "branch"}
        )

    def _row(self, name, birth, order, **overrides):
        row = {
            "name": name,
            "organization_id": "Import Branch",
            "member_category": "full",
            "id_number": gb11643.make(310104, birth, order),
            "birthdate": birth.isoformat(),
            "gender": "male" if order % 2 else "female",
            "join_date": "2015-06-01",
            "full_date": "2016-06-01",
        }
        row.update(overrides)
        return [row[field] for field in FIELDS]

    def _import(self, rows, **options):
        lines = [",".join(FIELDS)] + [",".join(row) for row in rows]
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "party.member",
                "file": "\n".join(lines).encode(),
                "file_name": "members.csv",
                "file_type": "text/csv",
            }
        )
        return wizard.execute_import(
            FIELDS,
            FIELDS,
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "date_format": "%Y-%m-%d",
                **options,
            },
        )

    def _members(self):
        return self.env["party.member"].search([("organization_id", "=", self.branch.id)])

    def test_valid_file_imports_every_row(self):
        result = self._import(
            [
                self._row("Zhang Wei", datetime.date(1985, 4, 12), 21),
                self._row("Li Na", datetime.date(1990, 9, 30), 42),
            ]
        )
        self.assertFalse(
            [m for m in result["messages"] if m["type"] == "error"], result["messages"]
        )
        self.assertEqual(sorted(self._members().mapped("name")), ["Li Na", "Zhang Wei"])

    def test_bad_rows_are_all_reported_and_nothing_is_saved(self):
        good = self._row("Wang Fang", datetime.date(1988, 1, 15), 62)
        bad_check_digit = self._row("Liu Yang", datetime.date(1987, 5, 5), 33)
        bad_check_digit[3] = bad_check_digit[3][:17] + (
            "0" if bad_check_digit[3][17] != "0" else "1"
        )
        wrong_birthdate = self._row(
            "Chen Jie", datetime.date(1979, 11, 2), 55, birthdate="1979-11-03"
        )
        full_before_join = self._row(
            "Zhao Lei",
            datetime.date(1983, 7, 7),
            71,
            join_date="2016-06-01",
            full_date="2015-06-01",
        )
        result = self._import([good, bad_check_digit, wrong_birthdate, full_before_join])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        # each bad row gets its own message, with its rule (tools/member_import.py)
        by_row = {}
        for message in errors:
            by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        self.assertIn("check digit", " ".join(by_row[1]))
        self.assertIn("GB 11643", " ".join(by_row[1]))
        self.assertIn("does not match the ID number", " ".join(by_row[2]))
        self.assertIn("must come after the admission date", " ".join(by_row[3]))
        self.assertEqual(len(errors) - len(by_row.get(0, [])), 3, errors)
        self.assertFalse(self._members(), "a failed file must save no row at all")

    def _errors_by_row(self, result):
        by_row = {}
        for message in result["messages"]:
            if message["type"] == "error":
                by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        return by_row

    def test_a_bad_row_after_the_first_batch_saves_nothing(self):
        # the import screen sends 2,000 rows per call by default, each call saved alone
        rows = [self._row(f"Batch {n}", datetime.date(1980, 2, 1 + n), 200 + n) for n in range(4)]
        rows[3][3] = rows[3][3][:17] + ("0" if rows[3][3][17] != "0" else "1")
        result = self._import(rows, limit=2)
        self.assertEqual(list(self._errors_by_row(result)), [3])
        self.assertFalse(result.get("nextrow"))
        self.assertFalse(self._members(), "the first batch must not be saved alone")

    def test_more_than_ten_bad_rows_are_all_reported(self):
        rows = []
        for order in range(15):
            row = self._row(f"Member {order}", datetime.date(1980, 1, 1 + order), 100 + order)
            if order >= 3:  # 12 rows with a wrong check digit (Odoo stops at 10 errors)
                row[3] = row[3][:17] + ("0" if row[3][17] != "0" else "1")
            rows.append(row)
        by_row = self._errors_by_row(self._import(rows))
        self.assertEqual(sorted(by_row), list(range(3, 15)))
        for messages in by_row.values():
            self.assertIn("check digit", " ".join(messages))
        self.assertFalse(self._members())

    def test_same_id_number_twice_in_the_file_reports_both_rows(self):
        first = self._row("Sun Li", datetime.date(1986, 3, 3), 17)
        second = self._row("Sun Li Again", datetime.date(1986, 3, 3), 17)
        good = self._row("Zhou Min", datetime.date(1984, 2, 2), 28)
        by_row = self._errors_by_row(self._import([good, first, second]))
        self.assertEqual(sorted(by_row), [1, 2])
        self.assertIn("already has an active membership", " ".join(by_row[2]))
        self.assertFalse(self._members())

    def test_id_number_of_an_active_member_is_reported(self):
        birth = datetime.date(1982, 8, 8)
        number = gb11643.make(310104, birth, 51)
        self.env["party.member"].create(
            {
                "name": "Already Here",
                "organization_id": self.branch.id,
                "member_category": "probationary",
                "join_date": "2020-01-01",
                "id_number": number,
                "birthdate": birth,
            }
        )
        by_row = self._errors_by_row(
            self._import(
                [
                    self._row("Newcomer", datetime.date(1991, 1, 1), 11),
                    self._row("Same Person", birth, 51),
                ]
            )
        )
        self.assertEqual(list(by_row), [1])
        self.assertIn("already has an active membership", " ".join(by_row[1]))
        self.assertEqual(self._members().mapped("name"), ["Already Here"])

    def test_unknown_organisation_is_reported_on_its_row(self):
        result = self._import(
            [
                self._row("Hu Jun", datetime.date(1981, 5, 5), 13),
                self._row(
                    "Lost Row", datetime.date(1982, 6, 6), 15, organization_id="No Such Branch"
                ),
            ]
        )
        by_row = self._errors_by_row(result)
        self.assertEqual(list(by_row), [1])
        self.assertIn("No Such Branch", " ".join(by_row[1]))
        self.assertFalse(self._members())

    def test_each_imported_member_has_a_history_line_naming_the_importer(self):
        self._import(
            [
                self._row("Ma Lin", datetime.date(1983, 3, 9), 19),
                self._row("Guo Hua", datetime.date(1984, 4, 9), 22),
            ]
        )
        members = self._members()
        self.assertEqual(len(members), 2)
        for member in members:
            lines = member.message_ids.filtered(lambda m: "created by an import" in str(m.body))
            self.assertEqual(len(lines), 1, member.name)
            self.assertEqual(lines.author_id, self.env.user.partner_id)
            self.assertEqual(lines.message_type, "notification")

    def test_imported_contacts_are_contacts_as_the_orm_creates_them(self):
        self._import(
            [
                self._row("Lin Tao", datetime.date(1985, 5, 15), 31),
                self._row("Xu Qing", datetime.date(1986, 6, 16), 32),
            ]
        )
        reference = self.env["party.member"].create(
            {
                "name": "By The Form",
                "organization_id": self.branch.id,
                "member_category": "probationary",
                "join_date": "2020-01-01",
            }
        )
        members = self._members() - reference
        self.env.flush_all()
        own = ("id", "name", "complete_name", "commercial_partner_id", "create_date",
               "write_date", "message_main_attachment_id", "calendar_last_notif_ack")  # fmt: skip
        self.env.cr.execute(
            "SELECT * FROM res_partner WHERE id = ANY(%s) ORDER BY id",
            [(reference | members).partner_id.ids],
        )
        columns = [c.name for c in self.env.cr.description]
        rows = [dict(zip(columns, row, strict=True)) for row in self.env.cr.fetchall()]
        by_id = {row["id"]: row for row in rows}
        expected = {k: v for k, v in by_id[reference.partner_id.id].items() if k not in own}
        for member in members:
            row = by_id[member.partner_id.id]
            self.assertEqual({k: v for k, v in row.items() if k not in own}, expected)
            self.assertEqual(row["name"], member.name)
            self.assertEqual(row["complete_name"], member.name)
            self.assertEqual(row["commercial_partner_id"], member.partner_id.id)

    def test_template_is_offered_and_its_columns_are_recognised(self):
        templates = self.env["party.member"].get_import_templates()
        self.assertEqual(len(templates), 1)
        path = templates[0]["template"]
        self.assertTrue(path.startswith("/party_branch/static/xls/"))
        with file_open(path.lstrip("/"), "rb") as template:
            content = template.read()
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "party.member",
                "file": content,
                "file_name": "party_member_import.xlsx",
                "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        preview = wizard.parse_preview({"has_headers": True, "quoting": '"', "separator": ","})
        self.assertFalse(preview.get("error"), preview)
        matched = {preview["headers"][index]: path[0] for index, path in preview["matches"].items()}
        self.assertEqual(
            matched,
            {
                "姓名": "name",
                "性别": "gender",
                "公民身份号码": "id_number",
                "民族": "ethnicity",
                "出生日期": "birthdate",
                "学历": "education",
                "人员类别": "member_category",
                "所在党支部": "organization_id",
                "所在党小组": "group_id",
                "入党日期": "join_date",
                "转正日期": "full_date",
                "工作岗位": "occupation",
            },
        )
        self.assertTrue(base64.b64encode(content))


@tagged("post_install", "-at_install")
class TestMemberImportOfficer(PartyBranchCase):
    """An officer imports members through the RPC dispatch (the import screen calls
    ``load`` with ``import_file``): only into the organisations they manage."""

    def _rows(self, org, first_order):
        return [
            [
                f"Imported {order}",
                org.code,
                "probationary",
                gb11643.make(320102, datetime.date(1990, 1, 1), order),
                "2019-01-01",
            ]
            for order in range(first_order, first_order + 2)
        ]

    def _load(self, user, rows):
        return rpc(
            self.env,
            user,
            "party.member",
            "load",
            ["name", "organization_id", "member_category", "id_number", "join_date"],
            rows,
            ids=[],
            context={"import_file": True},
        )

    def test_officer_imports_members_into_their_branch(self):
        result = self._load(self.officer_a, self._rows(self.branch_a, 401))
        self.assertFalse(result["messages"], result["messages"])
        members = self.Member.browse(result["ids"])
        self.assertEqual(members.mapped("organization_id"), self.branch_a)
        self.assertEqual(members.mapped("create_uid"), self.officer_a)

    def test_officer_cannot_import_into_another_branch(self):
        rows = self._rows(self.branch_a, 411) + self._rows(self.branch_b, 421)
        result = self._load(self.officer_a, rows)
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual(sorted(m["rows"]["from"] for m in errors), [2, 3])
        self.assertIn("You do not manage", errors[0]["message"])
        self.assertFalse(self.Member.search([("name", "=like", "Imported 4%")]))

    def test_caller_context_does_not_choose_who_created_the_rows(self):
        result = rpc(
            self.env,
            self.officer_a,
            "party.member",
            "load",
            ["name", "organization_id", "member_category", "id_number", "join_date"],
            self._rows(self.branch_a, 431),
            ids=[],
            context={"import_file": True, "default_create_uid": self.admin.id},
        )
        self.assertFalse(result["messages"], result["messages"])
        members = self.Member.browse(result["ids"])
        self.assertEqual(len(members), 2)
        self.assertEqual(members.mapped("create_uid"), self.officer_a)
