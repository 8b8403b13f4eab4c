"""No English sentence on the screens of the demo read in Chinese.

The findings (list, form, their activities), the appraisals, the dues screens
(dues, payments, Collect Dues, ledger) of the demo secretary, and the member's portal pages
(/my, /my/party, /my/meetings, /my/dues, /my/appraisals and the ballot), rendered in
zh_CN: every msgid of the Party addons' .pot that shows there untranslated is a failure.
A msgid counts by its fragments of two words or more between its placeholders.
"""

import re
from pathlib import Path
from xml.etree import ElementTree

import polib
from lxml import html

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import PortalPages, activate_chinese

MODULES = ("party_branch", "party_life")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi]|\{\w*\}|\n|<[^>]*>")
# attributes a user reads in a view
READ_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "title", "sum", "aria-label")
READ_TYPES = ("char", "text", "html", "selection", "many2one")
SKIPPED_FIELDS = (
    "activity_exception_icon",
    "activity_exception_decoration",
    # the journal entry: books written once, in the company's language when posted
    # (party_life writes them so; a database given Chinese later keeps the earlier ones)
    "move_id",
)
# the screens of the demo secretary: model -> view types
BACKEND = {
    "party.finding": ("list", "form", "kanban", "search"),
    "mail.activity": (),
    "party.appraisal": ("list", "form", "search"),
    "party.appraisal.line": ("list", "form"),
    "party.dues": ("list", "form", "kanban", "search"),
    "party.dues.payment": ("list", "form", "search"),
    "party.dues.collect": ("form",),
    "party.dues.ledger": ("form",),
}


def _fragments(msgid):
    """The parts of a msgid a reader would recognise as English: two words or more."""
    return {
        part.strip(" .:;,()·–-\"'")
        for part in PLACEHOLDER.split(msgid)
        if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2
    }


def _words(text):
    return " ".join(text.split())


@tagged("post_install", "-at_install")
class TestChineseScreens(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls._demo_users()
        if not (cls.secretary and cls.member):
            return
        # the Party addons' terms, and Odoo's around them on the portal (a database made
        # by bin/party run has them all)
        # every installed Party addon's terms, as a database made by bin/party run has
        # them (the website menu of party_systems is on the member's /my too)
        installed = env["ir.module.module"].search(
            [("name", "=like", "party\\_%"), ("state", "=", "installed")]
        )
        activate_chinese(env, installed.mapped("name"))
        env["ir.module.module"]._load_module_terms(["web", "portal", "website", "mail"], ["zh_CN"])
        (cls.secretary | cls.member).write({"lang": "zh_CN"})
        # the findings made before Chinese was installed follow it from the next daily
        # check on (a database made by bin/party run has Chinese from the start)
        env["party.organization"]._cron_check_compliance()
        fragments = {}
        for module in MODULES:
            pot = Path(get_module_path(module)) / "i18n" / f"{module}.pot"
            for entry in polib.pofile(str(pot)):
                for fragment in _fragments(entry.msgid):
                    fragments.setdefault(fragment, entry.msgid)
        cls.fragments = fragments
        cls.pattern = re.compile(
            r"(?<![A-Za-z])("
            + "|".join(re.escape(f) for f in sorted(fragments, key=len, reverse=True))
            + r")(?![A-Za-z])"
        )

    def setUp(self):
        super().setUp()
        if not (self.secretary and self.member):
            self.skipTest("the demo data (demo secretary and member) is not installed")

    def _english(self, texts):
        """{fragment found: (msgid, where)} over ``texts`` ({where: text})."""
        found = {}
        for where, text in texts.items():
            for match in self.pattern.finditer(_words(text)):
                found.setdefault(match.group(1), (self.fragments[match.group(1)], where))
        return found

    # ------------------------------------------------------------------ backend

    def _view_texts(self, model, view_types):
        texts = {}
        if not view_types:
            return texts
        result = model.get_views([(False, view_type) for view_type in view_types])
        for view_type, view in result["views"].items():
            if not view.get("id"):
                continue  # no such screen: Odoo's default view is never shown
            root = ElementTree.fromstring(view["arch"])
            parts = [t for t in root.itertext() if t.strip()]
            for node in root.iter():
                parts += [node.get(name) for name in READ_ATTRIBUTES if node.get(name)]
            texts[f"{model._name} {view_type} view"] = "\n".join(parts)
        for model_name, spec in result["models"].items():
            parts = []
            for name, desc in spec.get("fields", spec).items():
                field = self.env[model_name]._fields.get(name)
                if not field or not set(field._modules) & set(MODULES):
                    continue  # translated by the addon that defines it
                parts += [desc.get("string") or "", desc.get("help") or ""]
                parts += [label for __, label in desc.get("selection") or []]
            texts[f"{model_name} fields"] = "\n".join(parts)
        return texts

    def _record_texts(self, records):
        """What the records show: their text, labels of their selections, names linked."""
        fields_desc = records.fields_get(attributes=["type", "selection"])
        names = [
            name
            for name, desc in fields_desc.items()
            if desc["type"] in READ_TYPES
            and name in records._fields
            and not records._fields[name].groups
            and name not in SKIPPED_FIELDS
        ]
        texts = {}
        for row in records.read(names):
            parts = []
            for name in names:
                value = row[name]
                desc = fields_desc[name]
                if desc["type"] == "selection":
                    value = dict(desc["selection"]).get(value)
                elif desc["type"] == "many2one":
                    value = value and value[1]
                elif desc["type"] == "html" and value:
                    value = html.fromstring(f"<div>{value}</div>").text_content()
                if isinstance(value, str):
                    parts.append(value)
            texts[f"{records._name}({row['id']})"] = "\n".join(parts)
        return texts

    def test_backend_screens_of_the_secretary_in_chinese(self):
        env = self.env(user=self.secretary, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})
        # the open ones (what the findings list shows first): a closed finding keeps the
        # languages installed while it was open
        findings = env["party.finding"].search([("state", "=", "open")], limit=60)
        self.assertTrue(findings, "the demo secretary has findings")
        # the digests of their organisations (one activity per organisation and day)
        activities = env["mail.activity"].search(
            [
                ("res_model", "=", "party.organization"),
                ("res_id", "in", findings.organization_id.ids),
                ("id", "in", findings.sudo().digest_activity_id.ids),
            ]
        )
        self.assertTrue(activities, "the findings reach the secretary as activities")
        texts = {}
        for model, view_types in BACKEND.items():
            texts.update(self._view_texts(env[model], view_types))
        for records in (
            findings,
            activities,
            env["party.appraisal"].search([], limit=10),
            env["party.appraisal.line"].search([], limit=60),
            env["party.dues"].search([], limit=80),
            env["party.dues.payment"].search([], limit=80),
        ):
            texts.update(self._record_texts(records))
        collect = env["party.dues.collect"].create({})
        if collect.organization_id:
            collect.action_load_members()
        texts.update(self._record_texts(collect))
        found = self._english(texts)
        self.assertFalse(found, f"{len(found)} English on the secretary's screens: {found}")

    # ------------------------------------------------------------------ portal

    def _visible(self, page):
        root = html.fromstring(page)
        for node in root.xpath("//script|//style|//noscript|//template"):
            node.drop_tree()
        parts = [root.text_content()]
        for name in ("title", "placeholder", "alt", "aria-label"):
            parts += root.xpath(f"//@{name}")
        parts += root.xpath("//input[@type='submit' or @type='button']/@value")
        return "\n".join(parts)

    def test_portal_pages_of_the_member_in_chinese(self):
        self.authenticate("member", "member")
        urls = [
            "/my",
            "/my/party",
            "/my/party/membership",
            "/my/meetings",
            "/my/dues",
            "/my/appraisals",
        ]
        appraisals = self.env["party.appraisal"].search(
            [("line_ids.member_id.user_id", "=", self.member.id)]
        )
        self.assertTrue(appraisals, "the demo member is appraised")
        urls += [f"/my/appraisals/{appraisal.id}" for appraisal in appraisals]
        pages = {url: self._visible(self._page(url)) for url in urls}
        self.assertIn("党", pages["/my"])
        found = self._english(pages)
        self.assertFalse(found, f"{len(found)} English on the member's portal: {found}")
