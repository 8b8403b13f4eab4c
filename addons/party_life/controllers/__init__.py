from . import portal_dues
from . import meeting_portal
from . import appraisal_portal
