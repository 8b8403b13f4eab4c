"""A Party exam for the tests: a survey certification (two single-choice questions, 10
points each, 80 % to pass) as the exam content of a Party course, and the member taking
it through the survey's own pages, as a browser does (test_exams.py,
test_exam_privacy.py, test_exam_phone.py)."""

from urllib.parse import parse_qs, urlparse

from odoo.tests import HttpCase

from .test_required_learning import RequiredLearningCase

EXAM_QUESTIONS = (
    ("Probation of a member?", "One year", "Two years"),
    ("Introducers needed?", "Two", "One"),
)


def create_party_exam(env, course, title, slide_name=None, **survey_values):
    """(survey, questions, exam content) of ``course``; ``survey_values`` override the
    survey's defaults (time limit, attempts)."""
    survey = env["survey.survey"].create(
        {
            "title": title,
            "survey_type": "assessment",
            "access_mode": "public",
            "users_login_required": True,
            "questions_layout": "one_page",
            "scoring_type": "scoring_without_answers",
            "certification": True,
            "scoring_success_min": 80.0,
            "is_attempts_limited": True,
            "attempts_limit": 2,
            **survey_values,
        }
    )
    questions = env["survey.question"].create(
        [
            {
                "survey_id": survey.id,
                "title": question,
                "question_type": "simple_choice",
                "constr_mandatory": True,
                "suggested_answer_ids": [
                    (0, 0, {"value": right, "is_correct": True, "answer_score": 10}),
                    (0, 0, {"value": wrong}),
                ],
            }
            for question, right, wrong in EXAM_QUESTIONS
        ]
    )
    exam = env["slide.slide"].create(
        {
            "name": slide_name or title,
            "channel_id": course.id,
            "slide_category": "certification",
            "survey_id": survey.id,
            "completion_time": 0.5,
            "is_published": True,
        }
    )
    return survey, questions, exam


class PartyExamTaking:
    """For an HttpCase with ``survey``, ``questions`` and ``exam`` (create_party_exam)."""

    def _take_exam(self, correct, login="pbt_portal"):
        """The member opens the exam from the course and submits it with ``correct``
        right answers, as the browser does; the attempt."""
        self.authenticate(login, login)
        response = self.url_open(
            f"/slides_survey/slide/get_certification_url?slide_id={self.exam.id}",
            allow_redirects=False,
        )
        location = urlparse(response.headers["Location"])
        answer_token = parse_qs(location.query)["answer_token"][0]
        token = self.survey.access_token
        self.assertEqual(self.url_open(response.headers["Location"]).status_code, 200)
        self.make_jsonrpc_request(f"/survey/begin/{token}/{answer_token}", {})
        answers = {}
        for index, question in enumerate(self.questions):
            right = question.suggested_answer_ids.filtered("is_correct")
            pick = right if index < correct else question.suggested_answer_ids - right
            answers[str(question.id)] = str(pick.id)
        self.make_jsonrpc_request(f"/survey/submit/{token}/{answer_token}", answers)
        return self.env["survey.user_input"].search([("access_token", "=", answer_token)])


class PartyExamCase(PartyExamTaking, HttpCase, RequiredLearningCase):
    """A Party course of Branch A with its exam: ``exam_course`` (the course's name),
    ``exam_title`` (the survey's), ``exam_values`` (the survey's options)."""

    exam_course = exam_title = None
    exam_values = {}

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.course = cls._course(cls.branch_a, cls.exam_course)
        cls.survey, cls.questions, cls.exam = create_party_exam(
            cls.env, cls.course, cls.exam_title, **cls.exam_values
        )
