"""The register on a past date: the query behind ``party.member._party_members_on``.

Today's register is put back to the end of a day: the organisation of a member
transferred since is the one the first transfer completed after the day left (within
the system; a transfer out of the system leaves the organisation and sets the status);
a member admitted after the day (``join_date``) is out; a member who left after it
(``left_date``) is in; the category is probationary until ``full_date``; age and
standing are those of the day (for a member who left in the period: of the day they
left). A member who left on a day unknown (no ``left_date``) is out.
"""

from typing import NamedTuple

from odoo.tools import SQL


class MemberOnDate(NamedTuple):
    """One member of the register as they stood on a date (``party.member._party_members_on``).

    ``organization_id``: the organisation that kept the member's relationship that day
    (or, for a member who left in the period, the day they left); ``category``, ``age``
    and ``standing_years`` are those of that day; ``present``: in the organisation on the
    date (False: left between ``lost_since`` and the date)."""

    id: int
    organization_id: int
    present: bool
    category: str
    gender: str | None
    ethnicity: str | None
    education: str | None
    occupation: str | None
    age: int | None
    standing_years: int | None
    status: str
    join_date: object
    full_date: object
    left_date: object


def members_on_query(on_date, since, in_org, org_ids):
    """The SQL of the members on ``on_date`` in the organisations ``org_ids`` (a
    subtree, searched first: a ``LIKE`` on the parent paths in the join misleads the
    planner into a loop over the members per organisation), with those who left from
    ``since`` to ``on_date``; one row per member, the columns of :class:`MemberOnDate`."""
    return SQL(
        """
            WITH moved AS (
                SELECT DISTINCT ON (t.member_id) t.member_id, t.from_organization_id
                  FROM party_member_transfer t
                 WHERE t.state = 'completed' AND t.date_completed > %(on)s
                   AND t.to_organization_id IS NOT NULL
                 ORDER BY t.member_id, t.date_completed, t.id
            ), register AS (
                SELECT m.*, COALESCE(mv.from_organization_id, m.organization_id) AS org_on,
                       (m.status = ANY(%(in_org)s) OR m.left_date > %(on)s) AS present
                  FROM party_member m
                  LEFT JOIN moved mv ON mv.member_id = m.id
                 WHERE (m.join_date IS NULL OR m.join_date <= %(on)s)
                   AND (m.status = ANY(%(in_org)s) OR m.left_date >= %(since)s)
            )
            SELECT r.id, r.org_on, r.present,
                   CASE WHEN r.member_category = 'full'
                         AND (r.full_date IS NULL OR r.full_date <= day.d)
                        THEN 'full' ELSE 'probationary' END,
                   r.gender, r.ethnicity, r.education, r.occupation,
                   EXTRACT(YEAR FROM age(day.d, r.birthdate))::int,
                   EXTRACT(YEAR FROM age(day.d, r.full_date))::int,
                   r.status, r.join_date, r.full_date, r.left_date
              FROM register r
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN r.present THEN %(on)s::date ELSE r.left_date END AS d
             ) day
             WHERE r.org_on = ANY(%(orgs)s::int4[])
             ORDER BY r.id
            """,
        on=on_date,
        since=since,
        in_org=list(in_org),
        orgs="{" + ",".join(str(int(i)) for i in org_ids) + "}",
    )
