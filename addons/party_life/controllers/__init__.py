from . import portal
from . import meeting_portal
from . import appraisal_portal
