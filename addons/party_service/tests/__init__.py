from . import (
    test_access_matrix,
    test_assessment,
    test_assessment_sources,
    test_chinese_helpdesk,
    test_compliance,
    test_request_integrity,
    test_request_routes,
    test_pairing_volunteer,
    test_public_form,
    test_portal_flash,
    test_public_reach,
    test_requests,
    test_rpc_attacks,
    test_tours,
)
from . import test_website_menu
from . import test_redteam_tracking
from . import test_member_home
from . import test_guard_platform
from . import test_assessment_rule_company
from . import test_party_index
from . import test_party_points
from . import test_cockpit_service
from . import test_redteam_session8
from . import test_assessment_ledger
from . import test_redteam_session9
from . import test_assessment_jobs
from . import test_party_points_reversal
from . import test_redteam_session10
from . import test_party_points_ledger_ends
