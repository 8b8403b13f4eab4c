"""The RPC surface of every installed Party addon (docs/security.md).

Any method without a leading underscore and without ``@api.private`` is callable
by any logged-in user over ``/web/dataset/call_kw``. These tests walk every
model of the registry, so the addons still to come are covered as soon as
they are installed:

* every public method written in a ``party_*`` addon is on the reviewed list
  of its model (``_party_rpc_methods``), with the check it performs;
* every reviewed method of a Party model refuses a logged-in user without
  Party groups and a portal user, through the RPC dispatch.
"""

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase
from .rpc import party_public_methods, reviewed_methods, rpc, sample_args


@tagged("post_install", "-at_install")
class TestRpcSurface(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # hostile, and allowed to export: the export right gives no Party data
        cls.internal = new_test_user(
            cls.env, login="pbt_rpc_internal", groups="base.group_user,base.group_allow_export"
        )
        cls.customer = new_test_user(
            cls.env, login="pbt_rpc_portal", groups="base.group_portal,base.group_allow_export"
        )

    def test_every_public_method_is_reviewed(self):
        """A public method is either private or on its model's reviewed list."""
        unreviewed = [
            f"{model}.{method} ({module})"
            for model, method, module in party_public_methods(self.env.registry)
            if method not in reviewed_methods(self.env.registry, model)
        ]
        self.assertFalse(
            unreviewed,
            "Public methods callable over RPC that are neither private (leading _ or "
            "@api.private) nor reviewed in _party_rpc_methods with the check they perform:\n"
            + "\n".join(unreviewed),
        )

    def test_reviewed_methods_exist_and_say_their_check(self):
        """No stale entry: each reviewed name is a public method and names a check."""
        public = {(model, method) for model, method, _m in party_public_methods(self.env.registry)}
        for model in self.env.registry:
            for method, check in reviewed_methods(self.env.registry, model).items():
                if getattr(getattr(self.env.registry[model], method, None), "_api_private", False):
                    continue  # made private by its model (queue.job's create): no surface
                with self.subTest(model=model, method=method):
                    self.assertIn((model, method), public)
                    self.assertTrue(check and isinstance(check, str))

    def test_every_party_model_is_guarded(self):
        """Every stored Party model inherits the access mixin (write guard, scope)."""
        unguarded = [
            name
            for name in self.env.registry
            if name.startswith("party.")
            and not self.env[name]._abstract
            and not self.env[name]._transient
            and not isinstance(self.env[name], self.env.registry["party.access.mixin"])
        ]
        self.assertFalse(unguarded, f"Party models without party.access.mixin: {unguarded}")

    def _sample(self, model):
        record = self.env[model].sudo().search([], limit=1)
        if not record and model in ("party.point", "party.point.summary", "party.point.star"):
            # party_branch alone: no addon gives points, a correction does (as the run
            # writes it), and the summaries and star levels follow from it
            member = self.env["party.member"].sudo().search([], limit=1)
            today = fields.Date.context_today(member)
            Point = self.env["party.point"].sudo()
            Point.create(
                {"member_id": member.id, "organization_id": member.organization_id.id,
                 "company_id": member.company_id.id, "source": "correction", "date": today,
                 "year": today.year, "points": 3}
            )  # fmt: skip
            Point._party_points_summarise([today.year])
            record = self.env[model].sudo().search([], limit=1)
        if not record and model in ("party.job.run", "party.job.chunk"):
            # a database without demo data: a run of the crons' kind, done now
            record = self.env["party.job.run"]._party_start(
                "rpc-sample", "RPC sample", "party.organization", "_party_job_check_compliance",
                self.branch_a.ids, {"on_date": str(fields.Date.context_today(self.branch_a))},
                sync=True,
            )  # fmt: skip
            record = record if model == "party.job.run" else record.chunk_ids[:1]
        return record

    def test_hostile_callers_are_refused(self):
        """Every reviewed method of a Party model refuses a user without Party groups."""
        ran = 0
        for model in self.env.registry:
            if not isinstance(self.env[model], self.env.registry["party.access.mixin"]):
                continue
            if self.env[model]._abstract:
                continue
            Model = self.env.registry[model]
            samples = sample_args(self.env.registry, model)
            record = self._sample(model)
            for method in reviewed_methods(self.env.registry, model):
                if method in ("create", "write", "default_get"):
                    continue  # CRUD: the access matrix covers it
                func = getattr(Model, method)
                is_model_method = getattr(func, "_api", None) == "model"
                args = samples.get(method, ())
                for user in (self.internal, self.customer):
                    with self.subTest(model=model, method=method, user=user.login):
                        self.assertTrue(record or is_model_method, f"no {model} record to call")
                        ids = None if is_model_method else record.ids
                        with self.assertRaises(AccessError):
                            rpc(self.env, user, model, method, *args, ids=ids)
                        ran += 1
        self.assertGreater(ran, 20)
