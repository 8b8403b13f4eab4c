from . import party_dues_ledger_xlsx
