"""The access matrix of the Party models, generated from one table per addon.

Roles (docs/security.md), each a logged-in user calling over the RPC dispatch:

    P   public (the website's anonymous user)
    M   portal Party member of another branch (Branch B)
    I   internal user without Party groups
    O   officer of the record's organisation (Branch A)
    S   officer of a sibling branch (Branch B)
    X   officer in another company
    A   Party administrator
    U   auditor
    UM  auditor who is also a Party member (of Branch B)

Operations: ``read``, ``write`` (a harmless field, same value), ``create`` (a
copy of the record), ``unlink`` and ``move`` (the record's organisation written
to a sibling organisation, and to one of another company, which nobody may).
A table row names the roles that access allows per operation: those must not
meet an AccessError (they may still meet a business rule: a member is never
deleted, a copy breaks a uniqueness); every other role must meet one. Every
attempt is rolled back.
"""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .common import PartyBranchCase, member_user
from .rpc import rpc

ROLES = ("P", "M", "I", "O", "S", "X", "A", "U", "UM")
OPERATIONS = ("read", "write", "create", "unlink", "move")


def roles(spec):
    """'O A U' -> {'O', 'A', 'U'}."""
    return set(spec.split())


class AccessMatrixCase(PartyBranchCase):
    """Users of every role around the tree of PartyBranchCase."""

    # {model: {"sample": callable(cls) -> record, "write": field or None,
    #          "read": "roles", "write_roles": ..., "create": ..., "unlink": ..., "move": ...}}
    MATRIX = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "P": cls.env.ref("base.public_user"),
            "I": new_test_user(cls.env, login="pam_internal", groups="base.group_user"),
            "O": cls.officer_a,
            "S": cls.officer_b,
            "A": cls.admin,
            "U": cls.auditor,
        }
        cls.users["M"] = member_user(cls.env, "pam_member_b")
        cls._member(cls.branch_b, "Portal Member B", user_id=cls.users["M"].id)
        cls.users["UM"] = new_test_user(
            cls.env,
            login="pam_auditor_member",
            groups="party_branch.group_party_auditor,party_branch.group_party_member",
        )
        cls._member(cls.branch_b, "Auditor Member B", user_id=cls.users["UM"].id)
        # another company with its own committee and officer
        cls.company_x = cls.env["res.company"].create({"name": "Other Company X"})
        cls.users["X"] = new_test_user(
            cls.env,
            login="pam_officer_x",
            groups="party_branch.group_party_officer",
            company_id=cls.company_x.id,
            company_ids=[(6, 0, cls.company_x.ids)],
        )
        cls.general_b = cls._org("General Branch B", "general_branch", cls.committee)
        cls.committee_x = cls._org("Committee X", "committee", company_id=cls.company_x.id)
        secretary_x = cls._member(cls.committee_x, "Secretary X", user_id=cls.users["X"].id)
        cls._position(cls.committee_x, secretary_x, "secretary")
        cls.env.invalidate_all()

    # ------------------------------------------------------------------ checks

    def check_every_model_has_a_row(self, addon):
        """Every stored Party model of ``addon`` has a row in MATRIX, and only those."""
        mine = [
            name
            for name, model in self.env.items()
            if model._original_module == addon
            and not model._abstract
            and not model._transient
            and name.startswith("party.")
        ]
        self.assertEqual(sorted(mine), sorted(self.MATRIX))

    def check_matrix(self):
        """Run every row of MATRIX; one failure lists every difference from the table."""
        differences = []
        for model, row in self.MATRIX.items():
            differences += self.run_matrix(model, row)
        self.assertFalse(differences, "\n".join(differences))

    def _attempt(self, role, model, method, *args, ids=None):
        """'ok', 'access' (AccessError) or 'refused: <error>'; always rolled back. (A
        copy that breaks a uniqueness is refused by PostgreSQL, which odoo.sql_db logs
        as an ERROR: muted, the outcome says it.)"""
        outcome = "ok"
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                rpc(self.env, self.users[role], model, method, *args, ids=ids)
                raise _RolledBack()
        except _RolledBack:
            outcome = "ok"  # allowed, and rolled back
        except AccessError:
            outcome = "access"
        except Exception as error:  # noqa: BLE001  pylint: disable=broad-exception-caught
            outcome = f"refused: {type(error).__name__}: {error}"  # a business rule, reported
        self.env.invalidate_all()
        return outcome

    def run_matrix(self, model, row):
        """Every role x operation of ``model``; returns the differences from the table."""
        record = row["sample"](self)
        self.assertTrue(record, f"no sample record of {model}")
        record = record.with_env(self.env)
        differences = []
        for op in OPERATIONS:
            allowed = roles(row.get(op, ""))
            for role in ROLES:
                outcome = self._matrix_outcome(model, record, row, role, op)
                if outcome is None:
                    continue
                if (role in allowed) == (outcome == "access"):
                    expected = "allowed" if role in allowed else "refused (AccessError)"
                    differences.append(
                        f"{model} {op} by {role}: expected {expected}, got {outcome}"
                    )
        return differences

    def _matrix_outcome(self, model, record, row, role, op):  # pylint: disable=too-many-return-statements
        Model = self.env[model]
        if op == "read":
            return self._attempt(role, model, "read", ["display_name"], ids=record.ids)
        if op == "write":
            field = row.get("field")
            if not field:
                return None
            vals = {field: record._fields[field].convert_to_write(record[field], record)}
            return self._attempt(role, model, "write", vals, ids=record.ids)
        if op == "create":
            vals = record.sudo().copy_data()[0]
            return self._attempt(role, model, "create", vals)
        if op == "unlink":
            return self._attempt(role, model, "unlink", ids=record.ids)
        # move: the record's organisation written to a sibling branch (allowed per the
        # table), and to an organisation of another company (refused to everyone)
        org_field = Model._party_org_field
        if not org_field:
            return None
        sibling = self.general_b if model == "party.organization" else self.branch_b
        foreign = self._attempt(role, model, "write", {org_field: self.committee_x.id},
                                ids=record.ids)  # fmt: skip
        if foreign != "access":
            return f"moved to another company ({foreign})"
        return self._attempt(role, model, "write", {org_field: sibling.id}, ids=record.ids)


class _RolledBack(Exception):
    """Raised to roll an allowed operation back."""
