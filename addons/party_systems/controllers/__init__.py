from . import main
from . import secretary_report_portal
from . import decision_portal
from . import meeting_portal
from . import portal_home
from . import meeting_minutes_portal
