from . import main
from . import secretary_report_portal
