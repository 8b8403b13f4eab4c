"""The meetings views open on the next meeting: planned meetings not over yet first
(the next one on top), then the others, latest first; /my/meetings the same."""

from datetime import date, datetime, timedelta
from unittest.mock import patch
from xml.etree import ElementTree

from odoo.tests import tagged

from .test_meeting import PartyMeetingCase

NOW = datetime(2025, 6, 10, 8, 0)


@tagged("post_install", "-at_install")
class TestMeetingOrder(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        day = timedelta(days=1)
        cls.past_held = cls._meeting(cls.branch_a, NOW - 30 * day, state="held", name="Past Held")
        cls.older_held = cls._meeting(cls.branch_a, NOW - 60 * day, state="held", name="Older")
        cls.later = cls._meeting(cls.branch_a, NOW + 20 * day, name="Later Planned")
        cls.next = cls._meeting(cls.branch_a, NOW + 2 * day, name="Next Planned")
        # started an hour ago, ends in an hour: still upcoming (sign-in open)
        cls.running = cls._meeting(cls.branch_a, NOW - timedelta(hours=1), name="Running")
        cls.cancelled = cls._meeting(
            cls.branch_a, NOW + 5 * day, state="cancelled", name="Cancelled"
        )
        cls.overdue = cls._meeting(cls.branch_a, NOW - 3 * day, name="Overdue Planned")
        cls.meetings = (cls.past_held | cls.older_held | cls.later | cls.next | cls.running) | (
            cls.cancelled | cls.overdue
        )

    def _ordered(self, order):
        with patch.object(type(self.Meeting), "_now", lambda self: NOW):
            return self.Meeting.search([("id", "in", self.meetings.ids)], order=order)

    def test_upcoming_first_next_on_top_then_latest_first(self):
        expected = [
            self.running,
            self.next,
            self.later,
            self.cancelled,  # not planned: among the others, by date
            self.overdue,
            self.past_held,
            self.older_held,
        ]
        self.assertEqual(
            self._ordered("upcoming, id desc").mapped("name"), [m.name for m in expected]
        )
        # the direction asked does not turn it upside down
        self.assertEqual(self._ordered("upcoming desc").mapped("name"), [m.name for m in expected])
        with patch.object(type(self.Meeting), "_now", lambda self: NOW):
            self.assertEqual(
                self.meetings.filtered("upcoming"), self.running | self.next | self.later
            )

    def test_views_open_on_the_upcoming_meeting(self):
        views = self.Meeting.get_views([(False, "list"), (False, "kanban")])["views"]
        for view_type in ("list", "kanban"):
            arch = ElementTree.fromstring(views[view_type]["arch"])
            self.assertEqual(arch.get("default_order"), "upcoming, id desc", view_type)
        # what the web client asks for (web_search_read with the view's order)
        with patch.object(type(self.Meeting), "_now", lambda self: NOW):
            records = self.Meeting.web_search_read(
                [("id", "in", self.meetings.ids)], {"name": {}}, order="upcoming ASC, id DESC"
            )["records"]
        self.assertEqual([r["name"] for r in records[:2]], ["Running", "Next Planned"])


@tagged("post_install", "-at_install")
class TestMeetingKanbanColumns(PartyMeetingCase):
    def test_the_kanban_opens_on_the_planned_meetings(self):
        """The kanban is grouped by state: its first column is the meetings to come
        (issue 21, item 6: a phone opened on "Held (47)")."""
        self._held(self.branch_a, date(2025, 3, 3))
        groups = self.Meeting.with_user(self.officer_a).web_read_group(
            [("organization_id", "=", self.branch_a.id)], ["state"], ["state"]
        )["groups"]
        self.assertEqual([g["state"] for g in groups][:2], ["planned", "held"])
