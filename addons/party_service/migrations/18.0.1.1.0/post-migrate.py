"""18.0.1.1.0: assessment rules have a company. The rules shipped as data are the
defaults of every company (no company); adding the column gave them the main
company, which would leave the other companies without weights."""


def migrate(cr, version):
    cr.execute(
        "UPDATE party_assessment_rule SET company_id = NULL "
        "WHERE id IN (SELECT res_id FROM ir_model_data "
        "WHERE module = 'party_service' AND model = 'party.assessment.rule')"
    )
