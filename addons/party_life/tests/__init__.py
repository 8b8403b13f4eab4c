from . import test_dues_reports
from . import test_dues_brackets
from . import test_dues_generate
from . import test_dues_base_review
from . import test_dues_payments
from . import test_dues_remittance
from . import test_dues_arrears
from . import test_dues_security
