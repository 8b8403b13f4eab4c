from . import party_guard_mixin
from . import party_access_mixin
from . import party_company_version_mixin
from . import party_shared_rule_mixin
from . import party_personal_data_mixin
from . import party_member_import_mixin
from . import mail_thread
from . import mail_activity_mixin
from . import party_term_rule
from . import party_organization
from . import party_compliance
from . import party_position_type
from . import party_position
from . import party_discipline
from . import party_member
from . import party_audit_entry
from . import party_honour
from . import party_member_away
from . import party_finding
from . import party_member_transfer
from . import party_notice
from . import party_notice_receipt
from . import res_users
from . import res_company
from . import ir_ui_menu
from . import ir_actions_report
from . import ir_module_module
from . import hr_employee
from . import res_partner
from . import party_index, party_index_indicator, party_index_line
from . import party_cockpit
from . import party_reminder_kind, party_reminder_digest, party_reminder
from . import mail_message
from . import mail_notification
from . import party_point_run_mixin, party_point, party_point_rule, party_point_level
from . import party_point_summary, party_point_star
from . import party_statistics
from . import ir_fields_converter
from . import party_job_run, party_job_chunk
