from . import party_assessment_xlsx
