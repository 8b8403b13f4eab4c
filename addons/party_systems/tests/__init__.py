from . import test_decision
from . import test_disclosure
from . import test_talk_regulation
from . import test_fund_report
from . import test_secretary_report
from . import test_compliance
from . import test_access_matrix
from . import test_rpc_attacks
