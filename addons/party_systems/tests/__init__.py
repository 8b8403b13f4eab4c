from . import test_decision
from . import test_disclosure
