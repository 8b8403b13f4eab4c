from . import portal_base
from . import portal
from . import notice_portal
from . import reminder_portal
from . import calendar_feed
from . import point_portal
from . import transfer_portal
from . import mail_thread
