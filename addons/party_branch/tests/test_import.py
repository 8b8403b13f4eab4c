import datetime

from odoo.tests import TransactionCase, tagged

from odoo.addons.party_branch.tools import gb11643

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

    def _import(self, rows):
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
            {"quoting": '"', "separator": ",", "has_headers": True, "date_format": "%Y-%m-%d"},
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
        # Odoo first tries the whole batch and puts that error on the batch's first row,
        # then retries row by row: each bad row gets its own message.
        by_row = {}
        for message in errors:
            by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        self.assertIn("check digit", " ".join(by_row[1]))
        self.assertIn("GB 11643", " ".join(by_row[1]))
        self.assertIn("does not match the ID number", " ".join(by_row[2]))
        self.assertIn("must come after the admission date", " ".join(by_row[3]))
        self.assertEqual(len(errors) - len(by_row.get(0, [])), 3, errors)
        self.assertFalse(self._members(), "a failed file must save no row at all")
