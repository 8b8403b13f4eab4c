"""18.0.1.2.0: the monthly branch committee meeting (支委会) no longer applies to a Party
committee (党委): the shipped rule flagged every 党委 for not holding a 支部委员会会议.

The rule is data loaded once (noupdate): the upgrade changes it only where it is still
as shipped, for_committee set on the suite's own record.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE party_meeting_frequency f
           SET for_committee = FALSE
          FROM ir_model_data d
         WHERE d.model = 'party.meeting.frequency'
           AND d.module = 'party_life'
           AND d.name = 'meeting_frequency_committee_meeting'
           AND d.res_id = f.id
           AND f.for_committee
        """
    )
