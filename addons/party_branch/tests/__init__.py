from . import test_import
from . import test_tour
