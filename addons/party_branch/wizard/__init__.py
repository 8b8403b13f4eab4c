from . import party_member_invite
from . import party_member_invite_line
from . import party_statistics_wizard
from . import party_point_correction
from . import base_module_uninstall
from . import base_import_import
