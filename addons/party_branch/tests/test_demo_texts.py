from markupsafe import Markup

from odoo.tests import TransactionCase, tagged

from ..tools.demo import after_translations, retranslate_creation_notices
from .common import activate_chinese


@tagged("post_install", "-at_install")
class TestDemoTexts(TransactionCase):
    """Odoo loads an addon's demo data before its translations: a record the demo
    created in Chinese got the notice "Party Member 创建" (mail's template translated,
    the model's name not yet). The addon's post_init_hook writes the translated name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_chinese(cls.env, ["mail", "party_branch"])
        cls.member = cls.env.ref("party_branch.member_demo_member")

    def _notice(self, text):
        return self.member.message_post(
            body=Markup('<div summary="o_mail_notification"><p>%s</p></div>') % text,
            message_type="notification",
        )

    def test_creation_notice_takes_the_translated_model_name(self):
        stale = self._notice("Party Member 创建")
        retranslate_creation_notices(self.env)
        self.assertIn("党员 创建", stale.body)
        self.assertNotIn("Party Member", stale.body)

    def test_other_messages_are_left_alone(self):
        comment = self.member.message_post(body="Party Member 创建 (typed)", message_type="comment")
        other_model = self._notice("Party Organisation Member 创建")
        retranslate_creation_notices(self.env)
        self.assertIn("Party Member 创建 (typed)", comment.body)
        self.assertIn("Party Organisation Member 创建", other_model.body)

    def test_nothing_done_without_demo_data(self):
        stale = self._notice("Party Member 创建")
        module = self.env["ir.module.module"].search([("name", "=", "party_branch")])
        module.demo = False
        after_translations(self.env, "party_branch")
        self.assertIn("Party Member 创建", stale.body)
