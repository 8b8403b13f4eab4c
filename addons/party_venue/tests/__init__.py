from . import test_venue
from . import test_booking
from . import test_project
from . import test_facilities
from . import test_compliance
from . import test_access_matrix
from . import test_rpc_attacks
from . import test_booking_tour
