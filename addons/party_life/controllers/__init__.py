from . import portal_dues
from . import meeting_portal
from . import appraisal_portal
from . import portal_home
from . import meeting_minutes_portal
from . import member_portal
