from . import (
    helpdesk_ticket,
    helpdesk_ticket_category,
    party_service_route,
    party_assessment_rule,
    party_assessment,
    party_pairing,
    event,
    party_compliance,
    ir_module_module,
)
