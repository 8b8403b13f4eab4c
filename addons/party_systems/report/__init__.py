from . import party_fund_report_xlsx
