"""The member's pages of organisational life on the portal: the consultation with
their organisation (在线咨询), the key work points (工作重难点) and their own records.

Everything is read as the caller (record rules): a member reads the published work
points of their organisations and those above them, their own records and their
own consultation; the consultation's messages are Odoo's portal chatter, whose
posts ``party.consultation`` checks itself (``_party_may_post``)."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.portal.controllers.portal import CustomerPortal


class PartyMemberLifePortal(PartyPortalBase, CustomerPortal):
    def _party_is_member(self):
        return request.env.user.has_group("party_branch.group_party_member")

    def _party_my_records_domain(self):
        # their own records: an officer's access to the records of others stays in the
        # backend
        return [("member_id.user_id", "=", request.env.uid)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        member = self._party_is_member()
        if "party_work_point_count" in counters or (not counters and member):
            WorkPoint = request.env["party.work.point"]
            values["party_work_point_count"] = (
                WorkPoint.search_count([("state", "=", "published")])
                if member and WorkPoint.has_access("read")
                else 0
            )
        if "party_member_record_count" in counters or (not counters and member):
            Record = request.env["party.member.record"]
            values["party_member_record_count"] = (
                Record.search_count(self._party_my_records_domain())
                if member and Record.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------ key work points

    @http.route(["/my/party/work-points"], type="http", auth="user", website=True)
    def portal_my_work_points(self, **kw):
        WorkPoint = request.env["party.work.point"]
        if not (self._party_is_member() and WorkPoint.has_access("read")):
            return request.redirect("/my")
        points = WorkPoint.search([("state", "=", "published")], limit=100)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "party_work_points", "work_points": points})
        return request.render("party_life.portal_my_work_points", values)

    # ------------------------------------------------------------ member records

    @http.route(["/my/party/records"], type="http", auth="user", website=True)
    def portal_my_records(self, **kw):
        Record = request.env["party.member.record"]
        if not (self._party_is_member() and Record.has_access("read")):
            return request.redirect("/my")
        records = Record.search(self._party_my_records_domain(), limit=200)
        # the files of the member's own records (names read with sudo: a file is served
        # only by the route below, as one of that record's)
        files = {record.id: record.sudo().attachment_ids for record in records}
        values = self._prepare_portal_layout_values()
        values.update(
            {"page_name": "party_member_records", "member_records": records, "record_files": files}
        )
        return request.render("party_life.portal_my_member_records", values)

    @http.route(
        ["/my/party/records/<int:record_id>/attachments/<int:attachment_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_record_attachment(self, record_id, attachment_id, **kw):
        """A file of the member's own record (read as the caller; the file with sudo, only
        one of that record's)."""
        Record = request.env["party.member.record"]
        if not Record.has_access("read"):
            raise NotFound()
        record = Record.search(self._party_my_records_domain() + [("id", "=", record_id)])
        attachment = record.sudo().attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

    # ------------------------------------------------------------ consultation

    @http.route(["/my/party/consultation"], type="http", auth="user", website=True)
    def portal_my_consultation(self, **kw):
        """The member's consultation with their organisation: the thread (portal chatter)
        once they asked, the form of the first question before."""
        Consultation = request.env["party.consultation"]
        try:
            member = Consultation._party_my_membership()
            consultation = Consultation._party_mine()
        except AccessError:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_consultation",
                # the thread as the member reads it (record rules), for the portal chatter
                "consultation": consultation.with_env(request.env),
                "organization_name": member.organization_id.complete_name,
            }
        )
        return request.render("party_life.portal_my_consultation", values)

    @http.route(
        ["/my/party/consultation/ask"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_consultation_ask(self, question=None, **kw):
        """The member's question, posted on their own consultation (made at the first)."""
        return self._party_act(
            "/my/party/consultation",
            lambda: request.env["party.consultation"].ask(question),
            request.env._("Your question is sent to your organisation."),
            css="o_party_consultation_sent",
        )
