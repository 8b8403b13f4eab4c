from . import portal
from . import notice_portal
