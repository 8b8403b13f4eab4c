"""The steps of the 细则 the pipeline gained (issue 24), each refused out of order with
the article it breaks and accepted in order, called as the branch's officer through the
RPC dispatch: the recommendation (第八条), the contact persons (第二章, 一至两名正式党员),
the political review (第三章), the superior's pre-examination (第十九条), the public
notice (公示, its period as data), the application form (第十九条) and the oath (党章
第六条); the officer's reminder of a deadline near and the finding of an overdue step,
at both sides of the day."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.models.party_reminder import ReminderRun
from odoo.addons.party_branch.tests.rpc import rpc

from .test_development import RULE, PartyDevelopmentCase

ERRORS = (UserError, ValidationError)


@tagged("post_install", "-at_install")
class TestDevelopmentSteps(PartyDevelopmentCase):
    def _call(self, dev, method, *args, **kwargs):
        return rpc(self.env, self.officer_a, "party.development", method, *args, ids=dev.ids,
                   **kwargs)  # fmt: skip

    def _write(self, dev, vals):
        return self._call(dev, "write", vals)

    def _new_activist(self):
        dev = self._dev(talk_date=date(2023, 1, 20), activist_date=date(2023, 3, 1))
        self._recommend(dev)
        dev.action_to_activist()
        return dev

    def _new_target(self):
        dev = self._new_activist()
        self._contacts(dev)
        dev.write({"target_date": date(2024, 3, 2)})
        dev.action_to_target()
        return dev

    # ------------------------------------------------------- recommendation 第八条

    def test_activist_refused_without_the_recommendation(self):
        dev = self._dev(talk_date=date(2023, 1, 20))
        with self.assertRaisesRegex(
            UserError, "recommended by Party members.*" + RULE + "》 第八条"
        ):
            self._call(dev, "action_to_activist")
        self.assertEqual(dev.stage, "applicant")

    def test_activist_selected_after_the_recommendation(self):
        dev = self._dev(talk_date=date(2023, 1, 20))
        self._write(dev, {"recommendation_date": date(2023, 1, 25),
                          "recommendation_method": "mass_org",
                          "recommended_by": "Youth League branch"})  # fmt: skip
        self._call(dev, "action_to_activist")
        self.assertEqual(dev.stage, "activist")

    def test_recommendation_before_the_application_refused(self):
        dev = self._dev()
        with self.assertRaisesRegex(ValidationError, "after the application.*第八条"):
            self._write(dev, {"recommendation_date": date(2023, 1, 9)})
        self._write(dev, {"recommendation_date": date(2023, 1, 10)})
        self.assertEqual(dev.recommendation_date, date(2023, 1, 10))

    # ----------------------------------------------------- contact persons 第二章

    def test_target_refused_without_a_contact_person(self):
        dev = self._new_activist()
        dev.write({"target_date": date(2024, 3, 2)})
        with self.assertRaisesRegex(UserError, "contact persons.*" + RULE + "》 第二章"):
            self._call(dev, "action_to_target")
        self.assertEqual(dev.stage, "activist")
        self._write(dev, {"contact_member_ids": [Command.set(self.secretary_a.ids)]})
        self._call(dev, "action_to_target")
        self.assertEqual(dev.stage, "target")

    def test_contact_persons_refused_for_an_applicant(self):
        dev = self._dev(talk_date=date(2023, 1, 20))
        with self.assertRaisesRegex(ValidationError, "named for an activist.*第二章"):
            self._write(dev, {"contact_member_ids": [Command.set(self.introducers.ids)]})
        self.assertFalse(dev.contact_member_ids)

    def test_contact_persons_not_dated_before_the_selection(self):
        dev = self._new_activist()
        with self.assertRaisesRegex(ValidationError, "on or after the selection as activist"):
            self._write(dev, {"contact_member_ids": [Command.set(self.introducers.ids)],
                              "contact_date": date(2023, 2, 28)})  # fmt: skip
        self._write(dev, {"contact_member_ids": [Command.set(self.introducers.ids)],
                          "contact_date": date(2023, 3, 1)})  # fmt: skip
        self.assertEqual(dev.contact_member_ids, self.introducers)

    def test_three_contact_persons_refused(self):
        dev = self._new_activist()
        third = self._member(self.branch_a, "Third Full A")
        with self.assertRaisesRegex(ValidationError, "one or two contact persons"):
            self._write(dev, {"contact_member_ids": [Command.set((self.introducers | third).ids)]})
        self._write(dev, {"contact_member_ids": [Command.set(self.introducers.ids)]})
        self.assertEqual(len(dev.contact_member_ids), 2)

    def test_contact_person_of_another_branch_refused(self):
        dev = self._new_activist()
        with self.assertRaisesRegex(ValidationError, "full members in good standing of Branch A"):
            self._write(dev, {"contact_member_ids": [Command.set(self.member_b.ids)]})
        self.assertFalse(dev.contact_member_ids)

    def test_probationary_contact_person_refused(self):
        dev = self._new_activist()
        probationary = self._member(self.branch_a, "Probationary A", "probationary")
        with self.assertRaisesRegex(ValidationError, "cannot be a contact person"):
            self._write(dev, {"contact_member_ids": [Command.set(probationary.ids)]})
        self.assertFalse(dev.contact_member_ids)

    # ----------------------------------------------------- political review 第三章

    def test_political_review_before_the_target_stage_refused(self):
        dev = self._new_target()
        with self.assertRaisesRegex(
            ValidationError, "political review is of the development target"
        ):
            self._write(dev, {"political_review_date": date(2024, 3, 1)})
        self._write(dev, {"political_review_date": date(2024, 3, 2),
                          "political_review_by": "Branch A committee"})  # fmt: skip
        self.assertEqual(dev.political_review_date, date(2024, 3, 2))

    # ------------------------------------------------------ pre-examination 第十九条

    def test_vote_refused_without_the_preexamination(self):
        dev = self._target(preexam_date=False, application_form_date=False)
        with self.assertRaisesRegex(UserError, "pre-examination.*第十九条, 第二十条"):
            self._call(dev, "action_admission_vote")
        self.assertFalse(dev.admission_voted)

    def test_vote_recorded_after_preexamination_notice_and_form(self):
        dev = self._target()
        self._call(dev, "action_admission_vote")
        self.assertTrue(dev.admission_voted)

    def test_preexamination_before_the_political_review_refused(self):
        dev = self._target()
        with self.assertRaisesRegex(
            ValidationError, "whose political review is recorded.*第十九条"
        ):
            self._write(dev, {"preexam_date": date(2024, 4, 30)})
        self._write(dev, {"preexam_date": date(2024, 5, 1)})
        self.assertEqual(dev.preexam_date, date(2024, 5, 1))

    def test_preexamination_by_the_branch_itself_refused(self):
        dev = self._target()
        with self.assertRaisesRegex(ValidationError, "a Party committee above Branch A"):
            self._write(dev, {"preexam_organization_id": self.branch_a.id})
        self.assertEqual(dev.preexam_organization_id, self.committee)

    # -------------------------------------------------------------- public notice

    def test_vote_refused_without_the_public_notice(self):
        dev = self._target(notice_start=False)
        with self.assertRaisesRegex(UserError, "5 working days before the admission vote"):
            self._call(dev, "action_admission_vote")
        self.assertFalse(dev.admission_voted)

    def test_vote_refused_on_the_last_day_of_the_notice(self):
        # Tuesday 2024-05-28 + 5 working days: Monday 2024-06-03, the assembly's day
        dev = self._target(notice_start=date(2024, 5, 28))
        self.assertEqual(dev.notice_end, date(2024, 6, 3))
        with self.assertRaisesRegex(UserError, "after it ended on 2024-06-03"):
            self._call(dev, "action_admission_vote")
        self.assertFalse(dev.admission_voted)

    def test_vote_the_day_after_the_notice_ended(self):
        # Monday 2024-05-27 to Friday 2024-05-31; the vote on Monday 2024-06-03
        dev = self._target(notice_start=date(2024, 5, 27))
        self.assertEqual(dev.notice_end, date(2024, 5, 31))
        self._call(dev, "action_admission_vote")
        self.assertTrue(dev.admission_voted)

    def test_notice_period_is_data(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "party_life.development_notice_working_days", "7"
        )
        dev = self._target(notice_start=date(2024, 5, 20))
        # 7 working days from Monday 2024-05-20: Tuesday 2024-05-28
        self.assertEqual(dev.notice_end, date(2024, 5, 28))

    def test_notice_before_the_target_stage_refused(self):
        dev = self._target()
        with self.assertRaisesRegex(ValidationError, "starts on or after the selection"):
            self._write(dev, {"notice_start": date(2024, 3, 1)})
        self.assertEqual(dev.notice_start, date(2024, 5, 13))

    # ------------------------------------------------------- application form 第十九条

    def test_vote_refused_without_the_application_form(self):
        dev = self._target(application_form_date=False)
        with self.assertRaisesRegex(UserError, "入党志愿书.*第十九条"):
            self._call(dev, "action_admission_vote")
        self.assertFalse(dev.admission_voted)

    def test_application_form_before_the_preexamination_refused(self):
        dev = self._target()
        with self.assertRaisesRegex(ValidationError, "passed the pre-examination: it is dated"):
            self._write(dev, {"application_form_date": date(2024, 5, 9)})
        self._write(dev, {"application_form_date": date(2024, 5, 10)})
        self.assertEqual(dev.application_form_date, date(2024, 5, 10))

    def test_probation_never_without_the_application_form(self):
        dev = self._target()
        self._call(dev, "action_admission_vote")
        with self.assertRaisesRegex(UserError, "入党志愿书"):
            self._write(dev, {"application_form_date": False})
        self._write(dev, {"approval_date": date(2024, 7, 1)})
        rpc(self.env, self.officer_c, "party.development", "action_approve_admission", ids=dev.ids)
        self.assertEqual(dev.stage, "probationary")

    # --------------------------------------------------------------- oath 党章第六条

    def test_oath_before_the_admission_refused(self):
        dev = self._target()
        with self.assertRaisesRegex(
            ValidationError, "probationary member.*《中国共产党章程》 第六条"
        ):
            self._write(dev, {"oath_date": date(2024, 6, 3)})
        self.assertFalse(dev.oath_date)

    def test_oath_on_the_day_of_the_approval(self):
        dev = self._probationary()
        with self.assertRaisesRegex(ValidationError, "on or after the approval"):
            self._write(dev, {"oath_date": date(2024, 6, 30)})
        self._write(dev, {"oath_date": date(2024, 7, 1), "oath_led_by": "Secretary C"})
        self.assertEqual(dev.oath_date, date(2024, 7, 1))

    def test_probation_cancelled_after_the_oath(self):
        dev = self._probationary(oath_date=date(2024, 7, 1))
        self._write(dev, {"closed_reason": "Cancelled by the branch"})
        self._call(dev, "action_close")
        self.assertEqual((dev.stage, dev.oath_date), ("closed", date(2024, 7, 1)))

    # ------------------------------------------------------------ the step files

    def test_file_of_another_branch_refused(self):
        other = self._dev(name="Applicant B", org=self.branch_b)
        foreign = self.env["ir.attachment"].create(
            {"name": "b.pdf", "raw": b"%PDF-1.4 B", "res_model": "party.development",
             "res_id": other.id}
        )  # fmt: skip
        dev = self._dev()
        with self.assertRaises(AccessError):
            self._write(dev, {"recommendation_attachment_ids": [Command.set(foreign.ids)]})
        self.assertFalse(dev.recommendation_attachment_ids)

    def test_own_file_attached_to_a_step(self):
        dev = self._dev()
        own = rpc(self.env, self.officer_a, "ir.attachment", "create",
                  {"name": "推荐表.pdf", "raw": b"%PDF-1.4 A", "res_model": "party.development",
                   "res_id": dev.id})  # fmt: skip
        self._write(dev, {"recommendation_attachment_ids": [Command.set([own])]})
        self.assertEqual(dev.recommendation_attachment_ids.ids, [own])

    # ------------------------------------------------------ reminder and finding

    def _reminders(self, day):
        return self.env["party.reminder"]._reminder_development_deadline(ReminderRun(self.env, day))

    def test_secretary_reminded_seven_days_before_the_talk_deadline(self):
        # applied 2025-01-10: the talk is due by 2025-02-10 (the secretary in office since 2024)
        dev = self._dev(name="Reminded Applicant", application_date=date(2025, 1, 10))
        self.env.flush_all()
        items = self._reminders(date(2025, 2, 3)).get(self.secretary_a.id, [])
        self.assertEqual([(i["title"], i["date"], i["label"]) for i in items],
                         [("Reminded Applicant", "2025-02-10", "development_talk")])  # fmt: skip
        self.assertFalse(self._reminders(date(2025, 2, 2)).get(self.secretary_a.id))
        dev.talk_date = date(2025, 2, 1)
        self.env.flush_all()
        self.assertFalse(self._reminders(date(2025, 2, 3)).get(self.secretary_a.id))

    def test_secretary_reminded_of_the_approval_deadline(self):
        dev = self._target()
        dev.action_admission_vote()  # 2024-06-03: approval due by 2024-09-03
        self.env.flush_all()
        items = self._reminders(date(2024, 9, 3)).get(self.secretary_a.id, [])
        self.assertEqual([i["label"] for i in items], ["development_approval"])
        self.assertFalse(self._reminders(date(2024, 9, 4)).get(self.secretary_a.id))

    def _findings(self, code):
        return self.env["party.finding"].search(
            [("organization_id", "=", self.branch_a.id), ("code", "=", code),
             ("state", "=", "open")]
        )  # fmt: skip

    def test_talk_overdue_finding_from_the_day_after_the_deadline(self):
        dev = self._dev(name="Waiting Applicant")  # talk due by 2023-02-10
        code = "development_talk_overdue"
        Compliance = self.env["party.compliance"]
        Compliance._run(self.branch_a, date(2023, 2, 10), [code])
        self.assertFalse(self._findings(code))
        Compliance._run(self.branch_a, date(2023, 2, 11), [code])
        finding = self._findings(code)
        self.assertEqual(finding.key, str(dev.id))
        self.assertIn("Waiting Applicant applied for membership", finding.message)

    def test_approval_overdue_finding_from_the_day_after_the_deadline(self):
        dev = self._target()
        dev.action_admission_vote()  # approval due by 2024-09-03
        code = "development_approval_overdue"
        Compliance = self.env["party.compliance"]
        Compliance._run(self.branch_a, date(2024, 9, 3), [code])
        self.assertFalse(self._findings(code))
        Compliance._run(self.branch_a, date(2024, 9, 4), [code])
        self.assertEqual(self._findings(code).key, str(dev.id))

    # ------------------------------------------------------------- the applicant

    def test_applicant_cannot_read_the_record_over_rpc(self):
        user = self.env["res.users"].create(
            {"name": "Applicant P", "login": "pds_applicant_rpc",
             "groups_id": [Command.set([self.env.ref("base.group_portal").id])]}
        )  # fmt: skip
        dev = self._dev(partner_id=user.partner_id.id)
        for fields in (["stage"], ["political_review_by", "political_review_date"]):
            with self.subTest(fields=fields), self.assertRaises(AccessError):
                rpc(self.env, user, "party.development", "read", fields, ids=dev.ids)
