"""Shared by the property tests of the addons (their ``test_hostile_values.py``):
random and hostile values on public methods, through the RPC dispatch
(docs/security.md, rule 6). Whatever the caller sends, the answer is the result or a
clear user error (an ``odoo.exceptions.UserError``: access, validation, business
rule), never a server error, and a refused call writes nothing."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError

from .rpc import rpc

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

#: what a hostile client sends instead of a value: nothing, a boolean, a huge number,
#: NaN and infinities, text, a list
JUNK = (
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
)
junk = st.one_of(*JUNK)


def pick(mapping, key):
    """The fixture a symbolic key names, or the junk value itself."""
    return mapping[key] if isinstance(key, str) and key in mapping else key


class HostileCalls:
    """For a test case: :meth:`_call` makes one hostile call as ``officer_a`` and
    checks that a refused one left :meth:`_counts` (the class's figures) as they were."""

    def _counts(self):
        raise NotImplementedError

    def _call(self, model, method, *args, ids=None):
        """The outcome of one hostile call: 'ok' or 'refused'; anything else fails the
        test. A refused call must leave every count as it was."""
        before = self._counts()
        try:
            with self.env.cr.savepoint():
                rpc(self.env, self.officer_a, model, method, *args, ids=ids)
        except UserError:
            self.env.invalidate_all()
            self.assertEqual(self._counts(), before, "a refused call wrote something")
            return "refused"
        return "ok"
