"""18.0.1.1.0: the attendance of a meeting not yet held is "expected", not "absent"
(nobody is absent from a meeting that has not taken place)."""


def migrate(cr, version):
    cr.execute(
        "UPDATE party_meeting_attendance a SET state = 'expected' "
        "FROM party_meeting m "
        "WHERE a.meeting_id = m.id AND m.state = 'planned' AND a.state = 'absent'"
    )
