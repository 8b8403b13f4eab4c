from . import party_term_rule
from . import party_organization
from . import party_position
from . import party_member
from . import party_finding
from . import party_member_transfer
from . import res_users
from . import hr_employee
