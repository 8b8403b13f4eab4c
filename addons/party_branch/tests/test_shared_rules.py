"""Rules without a company (terms, positions, reminder kinds; the other addons add
theirs) are followed by the Party organisations of every company: a Party
administrator of one company changes them only when they administer every company
that has Party organisations (``party.shared.rule.mixin``), through the RPC dispatch."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import OtherCompanyCase

REFUSAL = "applies to the Party organisations of every company"


class SharedRuleCases:
    """For each shared rule model: a record, values of a write and of a create. The
    tests run every operation through the RPC dispatch as the Party administrator of
    the first company only, then of both."""

    # {model: (xmlid of a record, write values, create values or None)}
    shared_rules = {}

    def _cases(self):
        for model, (xmlid, write_vals, create_vals) in self.shared_rules.items():
            with self.subTest(model=model):
                yield model, self.env.ref(xmlid), write_vals, create_vals

    def test_admin_of_one_company_does_not_change_a_shared_rule(self):
        for model, record, write_vals, __ in self._cases():
            before = record.read(list(write_vals))[0]
            with self.assertRaisesRegex(AccessError, REFUSAL):
                rpc(self.env, self.admin, model, "write", write_vals, ids=record.ids)
            self.assertEqual(record.read(list(write_vals))[0], before)

    def test_admin_of_one_company_does_not_add_a_shared_rule(self):
        for model, __, ___, create_vals in self._cases():
            if create_vals is None:
                continue
            count = self.env[model].with_context(active_test=False).search_count([])
            with self.assertRaisesRegex(AccessError, REFUSAL):
                rpc(self.env, self.admin, model, "create", create_vals)
            self.assertEqual(
                self.env[model].with_context(active_test=False).search_count([]), count
            )

    def test_admin_of_one_company_does_not_delete_a_shared_rule(self):
        for model, record, __, create_vals in self._cases():
            if create_vals is None:  # no deletion right at all
                continue
            with self.assertRaisesRegex(AccessError, REFUSAL):
                rpc(self.env, self.admin, model, "unlink", ids=record.ids)
            self.assertTrue(record.exists())

    def test_admin_of_every_company_changes_a_shared_rule(self):
        self.admin.company_ids |= self.company_b
        for model, record, write_vals, __ in self._cases():
            rpc(self.env, self.admin, model, "write", write_vals, ids=record.ids)
            record.invalidate_recordset()
            for name, value in write_vals.items():
                self.assertEqual(record[name], value)


@tagged("post_install", "-at_install")
class TestSharedRules(SharedRuleCases, OtherCompanyCase):
    # the test methods are SharedRuleCases': Odoo's own runner runs inherited ones only
    # when asked (pytest runs them anyway)
    allow_inherited_tests_method = True

    shared_rules = {
        "party.term.rule": (
            "party_branch.term_rule_branch",
            {"term_years": 4},
            {"org_type": "group", "village_community": True, "term_years": 1},
        ),
        "party.position.type": (
            "party_branch.position_type_propaganda",
            {"requirement": "always"},
            {"name": "Less", "code": "less", "for_branch": True},
        ),
        "party.reminder.kind": (
            "party_branch.reminder_kind_notice_unread",
            {"active": False},
            None,
        ),
    }
