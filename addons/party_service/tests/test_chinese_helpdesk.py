"""No English on the service request screens of the demo read in Chinese.

helpdesk_mgmt ships no Chinese; party_service carries it (i18n_helpdesk_mgmt/zh_CN.po) and
loads it as helpdesk_mgmt's terms whenever Odoo loads either addon's terms. After zh_CN is
activated and the terms are loaded as Odoo does, the ticket form, list, kanban and search
(helpdesk_mgmt's and the Party action's), the helpdesk stages, the member's portal tile,
/my/tickets and a ticket's page show none of helpdesk_mgmt's English terms.

A term is found when a label, a text or an attribute of the screen is a msgid of
helpdesk_mgmt's .pot, or contains a fragment of two words or more of one. On the portal,
the terms looked for are those of helpdesk_mgmt's portal templates and of the records they
show (stages, categories, teams): the rest of the page is other addons'.
Terms of helpdesk_mgmt's Python code are read by Odoo only from helpdesk_mgmt's own folder
(code translations): party_service gives the portal's search bar its own words (Newest,
Search in All...) and /my/tickets a tab title of its own; they are checked apart.
"""

import re
from pathlib import Path
from xml.etree import ElementTree

import polib
from lxml import html

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import PortalPages, activate_chinese

PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi]|\{\{[^}]*\}\}|\{\w*\}|\n|<[^>]*>")
READ_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "title", "sum", "aria-label")
# the Party addons and Odoo's around the screens (a database made by bin/party run has
# them all); helpdesk_mgmt's own terms come with party_service's
MODULES = ["party_branch", "party_life", "party_service"]
ODOO_MODULES = ["web", "portal", "website", "mail", "rating"]
# helpdesk_mgmt's screens (its Helpdesk menu) and the Party action's
TICKET_VIEWS = {
    "helpdesk_mgmt.ticket_view_tree": "list",
    "helpdesk_mgmt.ticket_view_form": "form",
    "helpdesk_mgmt.view_helpdesk_ticket_kanban": "kanban",
    "helpdesk_mgmt.helpdesk_ticket_view_search": "search",
    "party_service.helpdesk_ticket_view_list_party": "list",
    "party_service.helpdesk_ticket_view_kanban_party": "kanban",
}
# helpdesk_mgmt's portal templates and the names of the records they show
PORTAL_OCCURRENCE = re.compile(
    r"model_terms:ir\.ui\.view,arch_db:helpdesk_mgmt\.portal_"
    r"|model:helpdesk\.ticket\.(stage|category|team),name:"
)
# the labels the walk of the demo found in English
WALK_LABELS = (
    "Assign to me", "New", "In Progress", "Awaiting", "Team", "Assigned user", "Priority",
    "Channel", "Partner Name", "Ticket number", "Title",
)  # fmt: skip
# the choices of /my/tickets' search bar in helpdesk_mgmt's code
SEARCHBAR_LABELS = {
    "Newest", "Title", "Stage", "Last Stage Update", "All", "None", "Category",
    "Search in All", "Search in Number", "Search in Title",
}  # fmt: skip


def _words(text):
    return " ".join(text.split())


def _fragments(msgid):
    return {
        part.strip(" .:;,()·–-\"'…")
        for part in PLACEHOLDER.split(msgid)
        if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2
    }


@tagged("post_install", "-at_install")
class TestChineseHelpdesk(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls._demo_users()
        activate_chinese(env, MODULES)
        env["ir.module.module"]._load_module_terms(ODOO_MODULES, ["zh_CN"])
        (cls.secretary | cls.member).write({"lang": "zh_CN"})
        pot = Path(get_module_path("helpdesk_mgmt")) / "i18n" / "helpdesk_mgmt.pot"
        entries = [
            entry
            for entry in polib.pofile(str(pot))
            # the same in Chinese
            if re.search(r"[A-Za-z]{2,}", entry.msgid) and entry.msgid not in ("ID", "Odoo")
        ]
        # not only in code: a code translation is read from helpdesk_mgmt's folder only
        cls.backend_terms = cls._finder(
            entry for entry in entries if any(o.startswith("model") for o, __ in entry.occurrences)
        )
        cls.portal_terms = cls._finder(
            entry
            for entry in entries
            if any(PORTAL_OCCURRENCE.match(o) for o, __ in entry.occurrences)
        )

    @staticmethod
    def _finder(entries):
        """The labels of ``entries`` and a pattern of their fragments of two words or more."""
        labels, fragments = set(), set()
        for entry in entries:
            labels.add(_words(entry.msgid))
            fragments |= _fragments(entry.msgid)
        pattern = re.compile(
            r"(?<![A-Za-z])("
            + "|".join(re.escape(f) for f in sorted(fragments, key=len, reverse=True))
            + r")(?![A-Za-z])"
        )
        return labels, pattern

    def setUp(self):
        super().setUp()
        if not (self.secretary and self.member):
            self.skipTest("the demo data (demo secretary and member) is not installed")

    def _english(self, texts, terms):
        """{term found: where} over ``texts`` ({where: [text, ...]})."""
        labels, pattern = terms
        found = {}
        for where, parts in texts.items():
            for part in parts:
                part = _words(part)
                if part.strip(" .:*") in labels:
                    found.setdefault(part.strip(" .:*"), where)
                for match in pattern.finditer(part):
                    found.setdefault(match.group(1), f"{where}: {part[:80]}")
        return found

    def _view_texts(self, model, view_type, view_id):
        result = model.get_views([(view_id, view_type)])
        view = result["views"][view_type]
        root = ElementTree.fromstring(view["arch"])
        parts = [t for t in root.itertext() if t.strip()]
        for node in root.iter():
            parts += [node.get(name) for name in READ_ATTRIBUTES if node.get(name)]
        # the fields' labels the client shows where the view gives none
        for desc in result["models"][model._name]["fields"].values():
            parts += [desc.get("string") or "", desc.get("help") or ""]
            parts += [label for __, label in desc.get("selection") or []]
        return parts

    def _ticket_views(self, env):
        return {
            f"{xmlid} ({view_type})": self._view_texts(
                env["helpdesk.ticket"], view_type, self.env.ref(xmlid).id
            )
            for xmlid, view_type in TICKET_VIEWS.items()
        }

    def test_ticket_views_of_the_secretary_show_no_english(self):
        env = self.env(user=self.secretary, context={"lang": "zh_CN"})
        texts = self._ticket_views(env)
        found = self._english(texts, self.backend_terms)
        self.assertFalse(found, f"{len(found)} English on the ticket screens: {found}")

    def test_ticket_form_labels_of_the_walk_read_in_chinese(self):
        env = self.env(user=self.secretary, context={"lang": "zh_CN"})
        shown = {
            _words(part)
            for parts in self._ticket_views(env).values()
            for part in parts
            if part.strip()
        }
        self.assertIn("指派给我", shown)
        self.assertFalse(set(WALK_LABELS) & shown, "the labels of the walk in English")

    def test_ticket_records_of_the_secretary_show_no_english(self):
        env = self.env(user=self.secretary, context={"lang": "zh_CN"})
        tickets = env["helpdesk.ticket"].search([])
        self.assertTrue(tickets, "the demo secretary sees service requests")
        texts = {}
        for ticket in tickets:
            texts[ticket.display_name] = [
                ticket.stage_id.name or "",
                ticket.team_id.name or "",
                ticket.channel_id.name or "",
                ticket.category_id.name or "",
                dict(ticket._fields["priority"]._description_selection(env)).get(
                    ticket.priority, ""
                ),
                *ticket.tag_ids.mapped("name"),
            ]
        found = self._english(texts, self.backend_terms)
        self.assertFalse(found, f"{len(found)} English on the secretary's requests: {found}")

    def test_helpdesk_stages_read_in_chinese(self):
        stages = self.env["ir.model.data"].search(
            [("module", "=", "helpdesk_mgmt"), ("model", "=", "helpdesk.ticket.stage")]
        )
        stages = self.env["helpdesk.ticket.stage"].browse(stages.mapped("res_id"))
        self.assertGreaterEqual(len(stages), 6)
        english = {stage.id: stage.name for stage in stages.with_context(lang="en_US")}
        chinese = {stage.id: stage.name for stage in stages.with_context(lang="zh_CN")}
        untranslated = {
            english[id_]: chinese[id_]
            for id_ in stages.ids
            if chinese[id_] == english[id_] or not re.search(r"[\u4e00-\u9fff]", chinese[id_])
        }
        self.assertFalse(untranslated, "helpdesk stages read in English in zh_CN")
        self.assertEqual(
            chinese[self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id], "处理中"
        )

    def test_reloading_the_terms_keeps_what_the_administrator_edited(self):
        """An upgrade of helpdesk_mgmt loads the terms again: a stage the administrator
        renamed in Chinese keeps its name, one without Chinese gets it."""
        awaiting = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        awaiting.with_context(lang="zh_CN").name = "待补充材料"
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket_stage SET name = name - 'zh_CN' WHERE id = %s", [done.id]
        )
        self.env.invalidate_all()
        self.assertEqual(done.with_context(lang="zh_CN").name, "Done")
        self.env["ir.module.module"]._get("helpdesk_mgmt")._update_translations(["zh_CN"])
        self.assertEqual(done.with_context(lang="zh_CN").name, "已办结")
        self.assertEqual(awaiting.with_context(lang="zh_CN").name, "待补充材料")

    # ------------------------------------------------------------------ portal

    def _visible(self, page):
        root = html.fromstring(page)
        for node in root.xpath("//script|//style|//noscript|//template|//title"):
            node.drop_tree()
        # the search bar's choices: code translations of helpdesk_mgmt (see above)
        for node in root.xpath(
            "//div[contains(@class, 'btn-group')][button[starts-with(@id, 'portal_searchbar_')]]"
            "|//form[contains(@class, 'o_portal_search_panel')]//div[contains(@class, 'dropdown')]"
        ):
            node.drop_tree()
        parts = [t for t in root.itertext() if t.strip()]
        for name in ("title", "placeholder", "alt", "aria-label"):
            parts += root.xpath(f"//@{name}")
        return parts

    def _portal_english(self, url):
        page = self._page(url)
        return page, self._english({url: self._visible(page)}, self.portal_terms)

    def test_portal_ticket_tile_of_the_member_in_chinese(self):
        self.authenticate("member", "member")
        page, found = self._portal_english("/my")
        self.assertNotIn("Follow and comment your helpdesk tickets", page)
        self.assertIn("跟进并评论您的服务请求", page)
        self.assertFalse(found, f"{len(found)} English on the member's /my: {found}")

    def test_portal_tickets_page_of_the_member_in_chinese(self):
        self.authenticate("member", "member")
        page, found = self._portal_english("/my/tickets")
        self.assertIn(
            "服务请求", html.fromstring(page).xpath("string(//ol[contains(@class, 'breadcrumb')])")
        )
        self.assertFalse(found, f"{len(found)} English on the member's /my/tickets: {found}")

    def test_portal_ticket_page_of_the_member_in_chinese(self):
        ticket = self.env["helpdesk.ticket"].with_user(self.member).search([], limit=1)
        self.assertTrue(ticket, "the demo member follows a service request")
        self.authenticate("member", "member")
        page, found = self._portal_english(f"/my/ticket/{ticket.id}")
        crumbs = html.fromstring(page).xpath("string(//ol[contains(@class, 'breadcrumb')])")
        self.assertIn("服务请求", crumbs)
        self.assertNotIn("Tickets", crumbs)
        self.assertFalse(found, f"{len(found)} English on the member's request page: {found}")

    def test_portal_tickets_search_bar_and_title_of_the_member_in_chinese(self):
        self.authenticate("member", "member")
        page = self._page("/my/tickets")
        self.assertTrue(self._title(page).startswith("我的服务请求 | "), self._title(page))
        searchbar = html.fromstring(page).xpath("//nav[contains(@class, 'o_portal_navbar')]")
        self.assertTrue(searchbar, "no search bar on /my/tickets")
        shown = {_words(text) for text in searchbar[0].itertext() if text.strip()}
        self.assertFalse(SEARCHBAR_LABELS & shown, "the search bar's choices in English")
        self.assertIn("最新", shown)
        self.assertIn("搜索全部", shown)
