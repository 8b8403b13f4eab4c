from . import (
    helpdesk_ticket,
    helpdesk_ticket_category,
    party_service_route,
    party_assessment_rule,
    party_assessment,
    party_assessment_line,
    party_pairing,
    party_pairing_visit,
    event_event,
    event_registration,
    party_compliance,
    ir_module_module,
)
from . import party_index
from . import party_cockpit
from . import party_point_source
