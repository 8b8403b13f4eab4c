from . import party_statistics_xlsx
from . import party_export_xlsx
from . import party_statistics_pdf
