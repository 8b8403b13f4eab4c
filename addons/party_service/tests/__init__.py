from . import (
    test_access_matrix,
    test_assessment,
    test_compliance,
    test_pairing_volunteer,
    test_public_form,
    test_requests,
    test_rpc_attacks,
    test_tours,
)
