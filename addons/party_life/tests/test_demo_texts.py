"""The demo's free texts are written in the demo company's language (Chinese), not in
English on Chinese screens."""

import re

from odoo.tests import TransactionCase, tagged

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@tagged("post_install", "-at_install")
class TestDemoTexts(TransactionCase):
    def test_dues_base_review_note_in_chinese(self):
        review = self.env.ref("party_life.dues_review_demo_secretary", raise_if_not_found=False)
        if not review:
            self.fail("the demo data of party_life is not installed")
        self.assertFalse(LATIN_WORD.search(review.note), review.note)

    def test_dues_reduction_texts_in_chinese(self):
        reduction = self.env.ref("party_life.dues_reduction_demo", raise_if_not_found=False)
        if not reduction:
            self.fail("the demo data of party_life is not installed")
        for text in (reduction.reason, reduction.decision_reference, reduction.approval_reference):
            self.assertFalse(LATIN_WORD.search(text), text)
