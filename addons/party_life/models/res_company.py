"""The Party dues settings of a company, and how the dues close relates to Odoo's
accounting lock dates.

Two closes apply to the dues, each where it belongs:

- **Dues Closed Up To** (``party_dues_lock_date``, the Party's): a month whose first
  day is on or before it is closed for dues — no monthly run, no payment and no
  reversal dated in it. It closes whole months.
- **Odoo's lock dates** (the accountant's: Global Lock Date ``fiscalyear_lock_date``
  with its exceptions, Hard Lock Date ``hard_lock_date``; the sales, purchase and tax
  lock dates do not concern the dues journal, a general journal without taxes): no
  entry dated on or before them is posted. Every dues entry is dated — a payment on
  its date, a reversal on the day it is made, a remittance on its date — and is
  refused *before anything is written* when Odoo's lock dates cover that day
  (``_party_dues_check_accounts_open``). Odoo itself would post it anyway, moved
  silently past the lock date, and the receipt and its entry would disagree.

So a dues entry needs both: its month open for dues and its day open in the
accounts. The monthly run posts nothing and obeys the dues close only.

One bound ties them: the dues close date is never earlier than the last month-end on
or before the Hard Lock Date (``_check_party_dues_lock_date``). The Hard Lock Date is
irreversible: a month it closes entirely takes no collection any more, so it cannot
be an open dues month. The Global Lock Date is no bound — an adviser lifts it or
grants exceptions — it is checked on each entry. The bound is checked when the dues
close date is written; when the accountant later moves the Hard Lock Date past it,
the check on each entry keeps the months it locks closed.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    party_dues_journal_id = fields.Many2one("account.journal", check_company=True)
    party_dues_account_id = fields.Many2one("account.account", check_company=True)
    party_dues_lock_date = fields.Date(
        string="Dues Closed Up To",
        help="Months up to this date are closed: no dues are generated or collected in them. "
        "It is never earlier than the months the accounts' Hard Lock Date closes; the dues "
        "entries also respect Odoo's lock dates.",
    )
    party_dues_remit_percent = fields.Float(
        string="Share Remitted to the Superior (%)",
        default=0.0,
        help="Share of the collected dues each organisation remits to its superior organisation.",
    )

    def _party_dues_hard_closed_until(self):
        """The last month-end on or before the Hard Lock Date (``False`` without one):
        the months up to it are closed for good in the accounts."""
        self.ensure_one()
        hard = self.hard_lock_date
        if not hard:
            return False
        month_end = hard + relativedelta(day=31)
        return hard if hard == month_end else hard.replace(day=1) - relativedelta(days=1)

    @api.constrains("party_dues_lock_date")
    def _check_party_dues_lock_date(self):
        for company in self:
            bound = company._party_dues_hard_closed_until()
            if bound and (not company.party_dues_lock_date or company.party_dues_lock_date < bound):
                raise ValidationError(
                    self.env._(
                        "The dues of %(company)s are closed at least up to %(bound)s: the "
                        "accounts are locked for good up to that month (Hard Lock Date %(hard)s), "
                        "and no dues can be collected in a month the accounts closed for good.",
                        company=company.name,
                        bound=bound,
                        hard=company.hard_lock_date,
                    )
                )

    def _party_dues_check_accounts_open(self, day):
        """Refuse a dues entry (payment, reversal, remittance) dated ``day`` that Odoo's
        lock dates close for the current user, before anything is written."""
        self.ensure_one()
        journal = self.sudo().party_dues_journal_id
        locks = self._get_violated_lock_dates(day, False, journal)
        if locks:
            raise UserError(
                self.env._(
                    "The accounts of %(company)s are locked up to and including %(locks)s "
                    "(Odoo's accounting lock dates): no dues payment, reversal or remittance "
                    "can be posted on %(date)s.",
                    company=self.name,
                    locks=self._format_lock_dates(locks),
                    date=day,
                )
            )
