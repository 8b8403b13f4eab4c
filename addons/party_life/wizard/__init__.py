from . import party_dues_generate
from . import party_dues_collect
from . import party_dues_collect_line
from . import party_dues_ledger
