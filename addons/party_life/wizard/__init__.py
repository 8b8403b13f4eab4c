from . import party_dues_generate
from . import party_dues_collect
from . import party_dues_collect_line
from . import party_dues_ledger
from . import party_thought_report_acknowledge
