"""Every HTTP route that reaches the suite's records is reviewed (docs/security.md, rule 1).

Any logged-in user, or a stranger, calls any route with any parameters. These tests
walk the routing map of the installed database, as the RPC-surface test walks the
methods of the registry:

* every route whose code is written in a ``party_*`` addon, and every route of the
  modules the suite depends on that reaches its records (helpdesk_mgmt, the portal,
  mail's thread and message routes, rating, calendar, event, website_slides, every
  ``/my`` page), has a row in :data:`REVIEWED_ROUTES`: the module whose code answers,
  its type, auth and methods, whether it writes, and the check it performs (why it is
  safe, or the override that closes it). A new route, or a reviewed one whose module,
  auth, methods or CSRF changed, fails until someone reads its code and updates the row;
* only the routes of the installed modules are compared (an addon installed alone, or
  the others once a leaf addon is uninstalled): a row whose module is not installed is
  not compared, and a row naming several modules (an override, then the code it
  overrides) expects the first one installed (the override's addon absent, its base
  answers);
* every route of the suite (code in a ``party_*`` addon) that writes data as a
  logged-in user or a visitor is a POST with its CSRF token (``type="http"``).
"""

from collections import namedtuple

from odoo.tests import TransactionCase, tagged

from .reviewed_dependency_routes import DEPENDENCY_ROUTES

# cors: the route's CORS origin (a JSON-RPC route without it cannot be called from
# another site's page: application/json needs a preflight Odoo does not answer)
Route = namedtuple("Route", "url module chain type auth methods csrf cors", defaults=(None,))

# Dependencies whose routes reach the suite's records (service requests, volunteer
# activities and their registrations, study courses, meeting events, the portal).
REACHING_MODULES = frozenset(
    {
        "calendar",  # party.meeting's calendar events and their attendees
        "event",  # volunteer activities (party_service) and their registrations
        "helpdesk_mgmt",  # service requests (party_service)
        "portal",  # the members' portal, portal chatter of service requests
        "portal_rating",
        "rating",  # helpdesk.ticket inherits rating.mixin (party_service)
        "website_event",
        "website_mail",  # follow any record from the website
        "website_slides",  # study hours of the service assessment (party_service)
        "survey",  # Party exams: survey certifications of Party courses (party_life)
        "website_slides_survey",  # the exams as contents of Party courses (party_life)
        "queue_job",  # the jobs of the Party runs (party_branch: dues, compliance)
        # dues paid online (party_life: payment.transaction.party_dues_ids)
        "payment",
        "payment_custom",
        "payment_demo",
        "account_payment",
        "website_payment",
        "website_profile",  # a member's profile: their Party courses and exams (party_life)
        "website_partner",  # a contact's page: a member's contact is their register entry
    }
)
# mail's routes on threads and messages (any mail.thread: Party records included);
# discuss channels, calls and GIFs are the channel's own
MAIL_PREFIX, MAIL_EXCLUDED = "/mail/", ("/mail/rtc/",)

THREAD = (
    "mail: _get_thread_with_access (the caller's ORM access to the record, or portal's "
    "token / signed hash+pid), as the caller; Party records: their record rules"
)
SLIDES_PAGE = (
    "website_slides: renders what the visitor may read (published, or member/officer of "
    "the course); writes only view counters"
)
SLIDES_OWN = (
    "website_slides: the caller's own membership or progress in a course they may access "
    "(_fetch_slide); completion only where the slide allows self-marking (no quiz): the "
    "study hours a member could record themself"
)
SLIDES_OFFICER = (
    "website_slides: course officers and managers only (can_upload / can_publish, ACL "
    "and rules of slide.*)"
)
CALENDAR_TOKEN = (
    "calendar: auth='calendar', the attendee's own token (calendar.attendee.access_token); "
    "acts on that attendee only, not on party.meeting.attendance"
)
SURVEY_TOKEN = (
    "survey: the survey's token and the attempt's own token (_get_access_data), the "
    "attempt read and written by survey's code only"
)
SURVEY_STAFF = "survey: survey users and managers only (has_group / check_access)"
PORTAL_PAGE = "portal: the caller's own data; counters of the suite's pages count through the ORM"
SUITE_PAGE = "renders the caller's own records, searched as the caller (record rules)"

# url: (module whose code answers, "type auth METHODS[ nocsrf]", writes, check); the
# module may be a tuple, the most derived override first: the first one installed answers
REVIEWED_ROUTES = {
    # ------------------------------------------------------------------ queue_job
    "/queue_job/runjob": (
        "queue_job", "http none ANY", True,
        "queue_job: runs a job the runner has put in state 'enqueued' (FOR NO KEY UPDATE SKIP "
        "LOCKED, then its lock row): a caller needs its random uuid, which only queue_job "
        "managers and Party administrators (a run's chunks) read; any other uuid, or a job "
        "not handed to a runner, runs nothing. It runs what the server enqueued, as the "
        "user who enqueued it (test_job_runs.TestJobRoutes)",
    ),
    "/queue_job/create_test_job": (
        "queue_job", "http user ANY", True,
        "queue_job: Access Rights administrators only (base.group_erp_manager, else 403); a "
        "test job of queue.job itself, never a Party method (test_job_runs.TestJobRoutes)",
    ),
    # ------------------------------------------------------------------ party_branch
    "/my/party": (
        "party_branch", "http user ANY", False,
        SUITE_PAGE + ": the member's home, each addon's blocks (_party_home_blocks) from the "
        "caller's own membership and user; a user who is no member reads why",
    ),
    "/my/party/membership": (
        "party_branch", "http user ANY", False, SUITE_PAGE + ": own membership",
    ),
    "/my/party/transfer": (
        "party_branch", "http user ANY", False,
        SUITE_PAGE + ": the caller's own membership (found by their user) and its transfers; "
        "the names of their company's organisations",
    ),
    "/my/party/transfer/request": (
        "party_branch", "http user POST", True,
        "party.member.transfer.request_transfer as the caller: their own membership, one open "
        "request, a destination of their company or a text",
    ),
    "/my/party/points": (
        "party_branch", "http user GET", False,
        SUITE_PAGE + ": the caller's own membership (found by their user), its points "
        "summary and lines of the year",
    ),
    "/my/notices": ("party_branch", "http user ANY", False, SUITE_PAGE + ": own receipts"),
    "/my/notices/<int:notice_id>": (
        "party_branch", "http user ANY", False,
        "read as the caller (record rules) with the caller's own receipt, 404 otherwise; "
        "the view stamps that receipt's first opening (a read receipt, not a data write)",
    ),
    "/my/notices/<int:notice_id>/acknowledge": (
        "party_branch", "http user POST", True,
        "the notice as above, then action_acknowledge as the caller (own receipt)",
    ),
    "/my/notices/<int:notice_id>/attachments/<int:attachment_id>": (
        "party_branch", "http user ANY", False,
        "the notice as above; only an attachment of that notice",
    ),
    "/my/reminders": (
        "party_branch", "http user GET", False,
        SUITE_PAGE + ": the caller's own membership (found by their user), its reminders "
        "and its own calendar link",
    ),
    "/my/reminders/save": (
        "party_branch", "http user POST", True,
        "party.member.action_set_my_reminders as the caller: their own memberships only, "
        "optional kinds only",
    ),
    "/my/reminders/calendar-link": (
        "party_branch", "http user POST", True,
        "party.member.action_new_calendar_token as the caller: their own memberships only",
    ),
    "/my/party/calendar.ics": (
        "party_branch", "http public GET", False,
        "the member's private calendar token (consteq), member still in an organisation; "
        "the same 404 for a missing, wrong or replaced token; lists only that member's "
        "meetings",
    ),
    # ------------------------------------------------------------------ party_life
    "/my/appraisals": ("party_life", "http user ANY", False, SUITE_PAGE),
    "/my/appraisals/<int:appraisal_id>": (
        "party_life", "http user ANY", False,
        "_party_appraisal_get: the caller's own line (record rule), 404 otherwise",
    ),
    "/my/appraisals/<int:appraisal_id>/ballot": (
        "party_life", "http user POST", True,
        "cast_ballot as the caller: own register row, once, while voting is open",
    ),
    "/my/appraisals/<int:appraisal_id>/self_assessment": (
        "party_life", "http user POST", True,
        "the caller's own line, written as the caller (record rules, guard)",
    ),
    "/my/dues": ("party_life", "http user ANY", False, SUITE_PAGE + ": own dues"),
    "/my/dues/page/<int:page>": ("party_life", "http user ANY", False, SUITE_PAGE),
    "/my/dues/receipt/<int:payment_id>": (
        "party_life", "http user ANY", False,
        "searched as the caller among their own memberships' payments; 404 otherwise",
    ),
    "/my/dues/pay": (
        "party_life", "http user GET", False,
        "renders the payment form: party.dues._party_online_selection as the caller (their "
        "own memberships, found by their user; months still owed, none waiting for an online "
        "payment; the amount computed there); refused with the flash otherwise",
    ),
    "/my/dues/transaction/<string:selection>": (
        "party_life", "json user POST", True,
        "creates the draft payment.transaction of the months: _party_online_selection again "
        "as the caller, the amount sent must be what is owed and the access token that of "
        "(caller, amount, currency); kwargs whitelisted (payment's "
        "_validate_transaction_kwargs), landing route fixed; a JSON-RPC route, so no CSRF "
        "form can reach it (application/json needs a CORS preflight Odoo refuses)",
    ),
    "/my/meetings": (
        ("party_systems", "party_life"), "http user ANY", False,
        SUITE_PAGE + " (+ decisions: party_systems's override)",
    ),
    "/my/meetings/<int:meeting_id>/sign_in": (
        "party_life", "http user POST", True,
        "check_access('read') then action_sign_in as the caller (own attendance)",
    ),
    "/my/meetings/<int:meeting_id>/sign-in": (
        "party_life", "http user GET", False,
        "the room QR code's confirm page: renders a form (token, CSRF), writes nothing",
    ),
    "/my/meetings/<int:meeting_id>/sign-in/confirm": (
        "party_life", "http user POST", True,
        "action_sign_in_room as the caller: own attendance, window, HMAC token/code of the "
        "current or previous 30 s slot",
    ),
    "/my/meetings/<int:meeting_id>/leave": (
        "party_life", "http user POST", True,
        "action_request_leave as the caller: own attendance, before the meeting starts",
    ),
    "/party/meeting/<int:meeting_id>/room": (
        "party_life", "http user GET", False,
        "room screen: check_access('read') and _party_check_manage (officer of the meeting's "
        "organisation), 404 otherwise; shows the current slot's QR code and 6-digit code "
        "(makes the meeting's server-side room secret on first view)",
    ),
    "/my/meetings/<int:meeting_id>": (
        "party_life", "http user GET", False,
        "check_access('read') as the caller (on the meeting's list), 404 otherwise; the "
        "minutes with sudo only where _portal_minutes_visible (held, not confidential, the "
        "caller's membership still concerned); party_systems: decisions of _portal_domain",
    ),
    "/my/meetings/<int:meeting_id>/remote": (
        "party_life", "http user POST", True,
        "action_attend_remote as the caller: own attendance, the meeting allows it, window, "
        "once; then a redirect to the meeting's video call link",
    ),
    "/my/meetings/<int:meeting_id>/video": (
        "party_life", "http user POST", True,
        "action_join_videocall as the caller: an officer of the meeting's organisation or the "
        "caller's own attendance recorded remote, in the window (makes the link on first use)",
    ),
    "/my/party/consultation": (
        "party_life", "http user ANY", False,
        SUITE_PAGE + ": the caller's own consultation with their current organisation",
    ),
    "/my/party/consultation/ask": (
        "party_life", "http user POST", True,
        "party.consultation.ask as the caller: their own membership, their own consultation",
    ),
    "/my/party/work-points": (
        "party_life", "http user ANY", False, SUITE_PAGE + ": published work points",
    ),
    "/my/party/records": ("party_life", "http user ANY", False, SUITE_PAGE + ": own records"),
    "/my/party/study": (
        "party_life", "http user ANY", False,
        SUITE_PAGE + ": the caller's own membership (_party_home_member); what counted, the "
        "required courses and the exam results read with sudo() on its contact only",
    ),
    "/my/party/application": (
        "party_life", "http user ANY", False,
        "the caller's own development, found by their own contact (never an id the request "
        "sent) and read with sudo() for its stage and steps only; 404 for anyone else",
    ),
    "/my/party/records/<int:record_id>/attachments/<int:attachment_id>": (
        "party_life", "http user GET", False,
        "the caller's own record, searched as the caller; only a file of that record; 404",
    ),
    "/my/party/thought-reports": (
        "party_life", "http user ANY", False,
        SUITE_PAGE + ": the caller's own thought reports (author = their contact)",
    ),
    "/my/party/thought-reports/submit": (
        "party_life", "http user POST", True,
        "party.thought.report.submit as the caller: the author found by their user, never an "
        "id sent; files checked by their bytes (party_branch.tools.uploads)",
    ),
    "/my/party/thought-reports/<int:report_id>/attachments/<int:attachment_id>": (
        "party_life", "http user GET", False,
        "the caller's own report, searched as the caller; only a file of that report; 404",
    ),
    # ------------------------------------------------------------------ party_systems
    "/my/party/decisions": (
        "party_systems", "http user ANY", False,
        "sudo search on _portal_domain (the caller's own attendances)",
    ),
    "/my/party/decisions/<int:decision_id>": (
        "party_systems", "http user ANY", False,
        "the id added to _portal_domain: outside it the same 404",
    ),
    "/my/party/decisions/<int:decision_id>/vote": (
        "party_systems", "http user POST", True,
        "_portal_domain, then the decision's _cast_vote as the caller (own attendance, "
        "the choice and the right to vote checked by the model); refused: its message",
    ),
    "/my/party/regulations": ("party_systems", "http user ANY", False, SUITE_PAGE),
    "/my/party/regulations/<int:regulation_id>/read": (
        "party_systems", "http user POST", True,
        "action_acknowledge as the caller (own membership); refused: 404",
    ),
    "/my/party/secretary-reports": (
        "party_systems", "http user ANY", False, "sudo search on _portal_domain",
    ),
    "/my/party/secretary-reports/<int:report_id>": (
        "party_systems", "http user ANY", False, "the id added to _portal_domain; 404",
    ),
    "/my/party/secretary-reports/<int:report_id>/rate": (
        "party_systems", "http user POST", True,
        "_portal_domain, then the report's _rate as the caller (the rater, the rating, "
        "one rating per rater checked by the model); refused: its message",
    ),
    "/party/disclosures": (
        "party_systems", "http public ANY", False, "_visible_for: published disclosures only",
    ),
    "/party/disclosures/<int:disclosure_id>": (
        "party_systems", "http public ANY", False, "the id within _visible_for; 404",
    ),
    # ------------------------------------------------------------------ party_service
    "/my/service": ("party_service", "http user ANY", False, SUITE_PAGE),
    "/my/service/request/<int:ticket_id>/resolve": (
        "party_service", "http user POST", True,
        "check_access('read') then action_party_resolve as the caller",
    ),
    "/my/service/visit/<int:visit_id>/log": (
        "party_service", "http user POST", True,
        "check_access('read'), the checked photos, then _party_log_visit: action_log as "
        "the caller (the assigned member), the note and photos on that same visit",
    ),
    "/my/service/volunteer/<int:event_id>/sign_up": (
        "party_service", "http user POST", True,
        "event.event._party_volunteer_sign_up: the caller's own membership, only the "
        "events offered to its organisation tree; the caller's own registration, once",
    ),
    "/service/request": ("party_service", "http public ANY", False, "the empty form"),
    "/service/request/submit": (
        "party_service", "http public POST", True,
        "honeypot, limit per address and hour (advisory lock), routed by the server",
    ),
    "/service/request/<int:ticket_id>/<string:token>": (
        "party_service", "http public ANY", False,
        "the request's own token (system-only field), consteq; same 404 otherwise",
    ),
    "/service/request/<int:ticket_id>/<string:token>/rate": (
        "party_service", "http public POST", True,
        "the token as above; once, 1-5, after the resolution (action)",
    ),
    # helpdesk_mgmt's routes, answered by party_service's override
    "/ticket/close": (
        "party_service", "http user POST", True,
        "party_service's override of helpdesk_mgmt's GET: POST+CSRF, then "
        "helpdesk.ticket._party_close_from_portal: the requester or a helpdesk manager, a "
        "portal-closing stage of the team; never a Party request",
    ),
    "/submitted/ticket": (
        "party_service", "http user POST", True,
        "party_service's override of helpdesk_mgmt's: POST only (CSRF); the ticket is the "
        "caller's, with no Party organisation (the guard's create)",
    ),
    "/my/tickets": (
        ("party_service", "helpdesk_mgmt"), "http user ANY", False,
        "helpdesk_mgmt's page, searched as the caller (record rules); party_service's "
        "override only words the search bar's choices in the reader's language",
    ),
    "/my/tickets/page/<int:page>": (
        ("party_service", "helpdesk_mgmt"), "http user ANY", False,
        "helpdesk_mgmt's page, searched as the caller (record rules); party_service's "
        "override only words the search bar's choices in the reader's language",
    ),
    # ------------------------------------------------------------------ helpdesk_mgmt
    "/new/ticket": (
        "helpdesk_mgmt", "http user ANY", False,
        "renders the form: portal categories and teams, the caller's name and email",
    ),
    "/my/ticket/<int:ticket_id>": (
        "helpdesk_mgmt", "http public ANY", False,
        "portal _document_check_access (record rules or the ticket's access_token); "
        "party_service hides the closing stages of a Party request",
    ),
    # ------------------------------------------------------------------ portal
    "/my": ("portal", "http user ANY", False, PORTAL_PAGE),
    "/my/home": ("portal", "http user ANY", False, PORTAL_PAGE),
    "/my/counters": ("portal", "json user ANY", False, PORTAL_PAGE),
    "/my/account": (
        "portal", "http user ANY", True,
        "portal: writes the caller's own contact (sudo) on POST with CSRF: name, email, "
        "phone, address. A member's contact is their party.member (_inherits): the name "
        "is refused on the form (party_branch details_form_validate) and in "
        "res.partner.write (_party_check_own_name), test_portal.TestMemberOwnName",
    ),
    "/my/security": (
        "portal", "http user GET/POST", True,
        "portal: the caller's own password, API keys, 2FA (re-authentication)",
    ),
    "/my/deactivate_account": (
        "portal", "http user POST", True,
        "portal: the caller's own login, after their password (check_credentials); the "
        "contact it archives with sudo is a member's entry in the register: kept "
        "(res.partner._party_check_register, test_redteam_register)",
    ),
    "/my/invoices": (
        "account", "http user ANY", False,
        "account: customer invoices of the caller's commercial partner (record rules); "
        "the suite posts journal entries, not invoices",
    ),
    "/my/invoices/page/<int:page>": ("account", "http user ANY", False, "as /my/invoices"),
    "/my/invoices/<int:invoice_id>": (
        "account_payment", "http public ANY", False,
        "account: _document_check_access (record rules or the invoice's access_token)",
    ),
    "/my/invoices/overdue": (
        "account_payment", "http public GET", False, "account: the caller's own overdue invoices",
    ),
    "/my/payment_method": (
        "payment", "http user GET", False, "payment: the caller's own payment tokens",
    ),
    "/mail/chatter_fetch": (
        "portal", "json public ANY", False,
        THREAD + "; only public messages (not internal notes)",
    ),
    "/portal/chatter_init": ("portal", "json public ANY", False, THREAD),
    "/mail/update_is_internal": (
        "portal", "json user ANY", True,
        "portal: internal users only, message write access (author or record writer)",
    ),
    "/mail/avatar/mail.message/<int:res_id>/author_avatar/<int:width>x<int:height>": (
        "portal", "http public ANY", False,
        "portal: the avatar of a message's author, message readable or token/hash",
    ),
    "/portal/attachment/remove": (
        "portal", "json public ANY", True,
        "portal: the attachment's access_token, only while pending (not yet on a message)",
    ),
    "/mail/unfollow": (
        "portal", "http public ANY nocsrf", True,
        "mail/portal: unsubscribes the partner of the signed link (hmac of model, id, "
        "partner); a follower leaving hides nothing from the record's history",
    ),
    # ------------------------------------------------------------------ mail
    "/mail/message/post": (
        "mail_bot", "json public POST", True,
        THREAD + " in _mail_post_access mode (write on Party records); posts with sudo, "
        "author the caller; on a Party record the type and subtype sent are checked as "
        "the caller first (party_branch controllers/mail_thread.py: a message or a note "
        "unless the caller manages it); the client's context is applied (no key of "
        "UNTRUSTED_CONTEXT_KEYS is read by message_post)",
    ),
    "/mail/message/update_content": (
        "mail", "json public POST", True,
        "mail: the message's author (or an administrator); comments only, never tracking "
        "values or notifications; on a Party record the mentions sent never add a "
        "recipient (party_branch mail.thread._message_update_content, "
        "test_message_recipients)",
    ),
    "/mail/message/reaction": (
        "mail", "json public POST", True, "mail: message readable by the caller; own reaction",
    ),
    "/mail/message/translate": ("mail", "json user ANY", False, "mail: message readable"),
    "/mail/message/<int:message_id>": (
        "mail", "http public ANY", False, "mail: redirect to the record if readable",
    ),
    "/mail/view": ("mail", "http public ANY", False, "mail: redirect to the record if readable"),
    "/mail/thread/data": ("mail", "json public POST", False, THREAD + " (read)"),
    "/mail/thread/messages": (
        "mail", "json user POST", False, "mail: _message_fetch as the caller (message rules)",
    ),
    "/mail/attachment/upload": (
        ("party_life", "mail"), "http public POST", True,
        THREAD + " in _mail_post_access mode; a pending attachment of that record; on a "
        "consultation (party_life) only who may post on it (_party_may_post: not a member "
        "transferred away)",
    ),
    "/mail/attachment/delete": (
        "mail", "json public POST", True,
        "mail: internal users through ACL and rules; others only their own message's or "
        "a pending attachment by its token",
    ),
    "/mail/attachment/zip": (
        "mail", "http public POST", False, "mail: ir.binary streams as the caller (read access)",
    ),
    "/mail/link_preview": (
        "mail", "json public POST", True, "mail: the caller's own message (author or admin)",
    ),
    "/mail/link_preview/hide": (
        "mail", "json public POST", True, "mail: previews of the caller's own messages",
    ),
    "/mail/partner/from_email": (
        "mail", "json user POST", True, "mail: contacts from emails, res.partner create ACL",
    ),
    "/mail/read_subscription_data": (
        "mail", "json user POST", False, "mail: the follower's record readable by the caller",
    ),
    "/mail/action": ("mail", "json public POST", False, "mail: the caller's own store data"),
    "/mail/data": ("mail", "json public POST", False, "mail: the caller's own store data"),
    "/mail/inbox/messages": ("mail", "json user POST", False, "mail: the caller's own inbox"),
    "/mail/history/messages": ("mail", "json user POST", False, "mail: the caller's own"),
    "/mail/starred/messages": ("mail", "json user POST", False, "mail: the caller's own"),
    "/mail/guest/update_name": (
        "mail", "json public POST", True, "mail: the guest's own name (no Party record)",
    ),
    "/website_mail/follow": (
        "website_mail", "json public ANY", True,
        "website_mail: check_access('read') on the record, then subscribes the caller (or "
        "the email a visitor gives): followers get only public messages",
    ),
    "/website_mail/is_follower": (
        "website_mail", "json public ANY", False, "website_mail: the caller's own following",
    ),
    # ------------------------------------------------------------------ rating
    "/rate/<string:token>/<int:rate>": (
        "rating", "http public ANY", False,
        "rating: the rating's token; renders the form (service requests: refused below)",
    ),
    "/rate/<string:token>/submit_feedback": (
        "rating", "http public GET/POST", True,
        "rating: the rating's token, then rating_apply, which party_service refuses on "
        "helpdesk.ticket outside its action (the requester rates through their link)",
    ),
    "/website/rating/comment": (
        "portal_rating", "json user POST", True,
        "portal_rating: the publisher's reply, rating write access (website publisher)",
    ),
    # ------------------------------------------------------------------ calendar
    "/calendar/meeting/accept": ("calendar", "http calendar ANY", True, CALENDAR_TOKEN),
    "/calendar/meeting/decline": ("calendar", "http calendar ANY", True, CALENDAR_TOKEN),
    "/calendar/meeting/view": ("calendar", "http calendar ANY", False, CALENDAR_TOKEN),
    "/calendar/recurrence/accept": ("calendar", "http calendar ANY", True, CALENDAR_TOKEN),
    "/calendar/recurrence/decline": ("calendar", "http calendar ANY", True, CALENDAR_TOKEN),
    "/calendar/meeting/join": (
        "calendar", "http user ANY", True,
        "calendar: the event's access_token (from an invitation); adds the caller only",
    ),
    "/calendar/join_videocall/<string:access_token>": (
        "calendar", "http public ANY", False, "calendar: the event's videocall token (a Party "
        "meeting's event is private: only its attendees and organiser read the token; members "
        "get the link from party.meeting.action_attend_remote)",
    ),
    "/calendar/notify": ("calendar", "json user ANY", False, "calendar: the caller's alarms"),
    "/calendar/notify_ack": ("calendar", "json user ANY", True, "calendar: the caller's own"),
    "/calendar/check_credentials": (
        "calendar", "json user ANY", False, "calendar: the caller's sync settings",
    ),
    # ------------------------------------------------------------------ event
    "/event/<model(\"event.event\"):event>/ics": (
        "event", "http public ANY", False, "event: the event as the caller (record rules)",
    ),
    "/event/<int:event_id>/my_tickets": (
        "event", "http public ANY", False, "event: the registrations' hash (consteq)",
    ),
    "/event/init_barcode_interface": (
        "event", "json user ANY", False, "event: event users only (group check)",
    ),
    # ------------------------------------------------------------------ website_slides
    "/slides": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/all": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/all/tag/<string:slug_tags>": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/<int:channel_id>": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/<int:channel_id>/category/<int:category_id>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<int:channel_id>/category/<int:category_id>/page/<int:page>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<model(\"slide.channel\"):channel>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<model(\"slide.channel\"):channel>/page/<int:page>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<model(\"slide.channel\"):channel>/tag/<model(\"slide.tag\"):tag>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<model(\"slide.channel\"):channel>/tag/<model(\"slide.tag\"):tag>/page/<int:page>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<model(\"slide.channel\"):channel>/category/<model(\"slide.slide\"):category>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/<model(\"slide.channel\"):channel>/category/<model(\"slide.slide\"):category>"
    "/page/<int:page>": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/slide/<model(\"slide.slide\"):slide>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/slide/<model(\"slide.slide\"):slide>/pdf_content": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/slide/<int:slide_id>/get_image": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/slide/<int:slide_id>/share": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/embed/<int:slide_id>": ("website_slides", "http public ANY", False, SLIDES_PAGE),
    "/slides/embed_external/<int:slide_id>": (
        "website_slides", "http public ANY", False, SLIDES_PAGE,
    ),
    "/slides/slide/get_html_content": ("website_slides", "json public ANY", False, SLIDES_PAGE),
    "/slides/slide/quiz/get": ("website_slides", "json public ANY", False, SLIDES_PAGE),
    "/slides/<int:channel_id>/invite": (
        "website_slides", "http public ANY", False, "website_slides: the invitation's hash",
    ),
    "/slides/<int:channel_id>/identify": (
        "website_slides", "http public ANY", False, "website_slides: the invitation's hash",
    ),
    "/slides/channel/join": ("website_slides", "json public ANY", True, SLIDES_OWN),
    "/slides/channel/leave": ("website_slides", "json user ANY", True, SLIDES_OWN),
    "/slides/channel/subscribe": ("website_slides", "json user ANY", True, SLIDES_OWN),
    "/slides/channel/unsubscribe": ("website_slides", "json user ANY", True, SLIDES_OWN),
    "/slides/slide/like": ("website_slides", "json public ANY", True, SLIDES_OWN),
    "/slides/slide/set_completed": ("website_slides", "json public ANY", True, SLIDES_OWN),
    "/slides/slide/set_uncompleted": ("website_slides", "json public ANY", True, SLIDES_OWN),
    "/slides/slide/<model(\"slide.slide\"):slide>/set_completed": (
        "website_slides", "http user ANY", True,
        SLIDES_OWN + " (on a GET: another site can make a member's browser complete a "
        "slide they could complete themself)",
    ),
    "/slides/slide/<model(\"slide.slide\"):slide>/set_uncompleted": (
        "website_slides", "http user ANY", True, SLIDES_OWN,
    ),
    "/slides/slide/quiz/submit": ("website_slides", "json public ANY", True, SLIDES_OWN),
    "/slides/slide/quiz/reset": ("website_slides", "json user ANY", True, SLIDES_OWN),
    "/slides/slide/quiz/save_to_session": (
        "website_slides", "json public ANY", False, "website_slides: the visitor's session",
    ),
    "/slides/mail/update_comment": (
        "website_slides", "json user POST", True, "website_slides: the caller's own review",
    ),
    "/slides/channel/send_share_email": (
        "website_slides", "json user ANY", True,
        "website_slides: share of a course the caller may read (mail rights)",
    ),
    "/slides/slide/send_share_email": (
        "website_slides", "json user ANY", True,
        "website_slides: share of a slide the caller may read (mail rights)",
    ),
    "/slides/add_slide": (
        "website_slides_survey", "json user POST", True,
        SLIDES_OFFICER + "; a new certification only with survey's create right, a linked "
        "one only if the caller reads it",
    ),
    "/slides/prepare_preview": ("website_slides", "json user POST", False, SLIDES_OFFICER),
    "/slides/slide/archive": ("website_slides", "json user ANY", True, SLIDES_OFFICER),
    "/slides/slide/toggle_is_preview": ("website_slides", "json user ANY", True, SLIDES_OFFICER),
    "/slides/slide/quiz/question_add_or_update": (
        "website_slides", "json user POST", True, SLIDES_OFFICER,
    ),
    "/slides/category/add": ("website_slides", "http user POST", True, SLIDES_OFFICER),
    "/slides/category/search_read": ("website_slides", "json user POST", False, SLIDES_OFFICER),
    "/slides/channel/tag/add": ("website_slides", "json user POST", True, SLIDES_OFFICER),
    "/slides/channel/tag/search_read": (
        "website_slides", "json user POST", False, SLIDES_OFFICER,
    ),
    "/slides/channel/tag/group/search_read": (
        "website_slides", "json user POST", False, SLIDES_OFFICER,
    ),
    "/slide_channel_tag/add": ("website_slides", "json user POST", True, SLIDES_OFFICER),
    "/slides/tag/search_read": ("website_slides", "json user POST", False, SLIDES_OFFICER),
    # ------------------------------------------------------------------ survey (Party exams)
    # An attempt (survey.user_input) is reached by the survey's token and the attempt's own
    # token (_get_access_data, ensure_token) and written with sudo() by survey's own code:
    # the server scores it (_compute_scoring_values at _mark_done), refuses it past the
    # attempts (_has_attempts_left) and past the time limit (+10 s); no route takes a score.
    # A client's create, write or unlink of an attempt or answer of a Party exam is refused
    # (party_life: survey.user_input, survey.user_input.line). Knowing a Party exam's survey
    # token lets a logged-in user start an attempt outside the course: their own, scored,
    # certifying no course (website_slides_survey certifies through the slide's membership).
    "/survey/start/<string:survey_token>": ("survey", "http public ANY", True, SURVEY_TOKEN),
    "/survey/<string:survey_token>/<string:answer_token>": (
        "survey", "http public ANY", False, SURVEY_TOKEN,
    ),
    "/survey/begin/<string:survey_token>/<string:answer_token>": (
        "survey", "json public ANY", True, SURVEY_TOKEN,
    ),
    "/survey/submit/<string:survey_token>/<string:answer_token>": (
        "survey", "json public ANY", True, SURVEY_TOKEN + "; scored by the server",
    ),
    "/survey/next_question/<string:survey_token>/<string:answer_token>": (
        "survey", "json public ANY", True, SURVEY_TOKEN + " (live sessions only)",
    ),
    "/survey/retry/<string:survey_token>/<string:answer_token>": (
        "survey", "http public ANY", True, SURVEY_TOKEN + "; a new attempt within the limit",
    ),
    "/survey/print/<string:survey_token>": ("survey", "http public ANY", False, SURVEY_TOKEN),
    "/survey/get_question_image/<string:survey_token>/<string:answer_token>/<int:question_id>"
    "/<int:suggested_answer_id>": ("survey", "http public ANY", False, SURVEY_TOKEN),
    "/survey/<string:survey_token>/get_background_image": (
        "survey", "http public ANY", False, SURVEY_TOKEN,
    ),
    "/survey/<string:survey_token>/<int:section_id>/get_background_image": (
        "survey", "http public ANY", False, SURVEY_TOKEN,
    ),
    "/survey/<int:survey_id>/get_certification": (
        "survey", "http user GET", False,
        "survey: the caller's own succeeded attempt only (its certificate)",
    ),
    "/survey/<model(\"survey.survey\"):survey>/certification_preview": (
        "survey", "http user ANY", False, SURVEY_STAFF,
    ),
    "/survey/<model(\"survey.survey\"):survey>/get_certification_preview": (
        "survey", "http user GET", False, SURVEY_STAFF,
    ),
    "/survey/results/<model(\"survey.survey\"):survey>": (
        "survey", "http user ANY", False, SURVEY_STAFF + " (results read with the caller's rights)",
    ),
    "/survey/test/<string:survey_token>": (
        "survey", "http user ANY", True,
        "survey: any logged-in user holding the survey's token gets a test entry "
        "(test_entry: never a result, never certifies, left out of the member's results)",
    ),
    "/survey/session/manage/<string:survey_token>": (
        "survey", "http user ANY", True, SURVEY_STAFF + " (live sessions, not Party exams)",
    ),
    "/survey/session/next_question/<string:survey_token>": (
        "survey", "json user ANY", True, SURVEY_STAFF + " (live sessions)",
    ),
    "/survey/session/results/<string:survey_token>": (
        "survey", "json user ANY", False, SURVEY_STAFF + " (live sessions)",
    ),
    "/survey/session/leaderboard/<string:survey_token>": (
        "survey", "json user ANY", False, SURVEY_STAFF + " (live sessions)",
    ),
    "/survey/check_session_code/<string:session_code>": (
        "survey", "json public ANY", False, "survey: a live session's code, nothing written",
    ),
    "/s": ("survey", "http public ANY", False, "survey: the form to type a live session's code"),
    "/s/<string:session_code>": (
        "survey", "http public ANY", False, "survey: redirects to a live session by its code",
    ),
    # ------------------------------------------------------------------ website_slides_survey
    "/slides_survey/slide/get_certification_url": (
        "website_slides_survey", "http user ANY", True,
        "website_slides_survey: _fetch_slide (the caller reads the slide: a Party course's "
        "members only), then an attempt for the caller's own membership (a test entry for "
        "a course officer)",
    ),
    "/slides_survey/certification/search_read": (
        "website_slides_survey", "json user POST", False,
        "website_slides_survey: search_read of certifications as the caller (survey's ACL "
        "and rules, fields by their groups); a Party exam's average duration counts the "
        "attempts the caller reads (party_life test_exam_duration)",
    ),
    # the payment modules (dues paid online), website_profile, website_partner
    **DEPENDENCY_ROUTES,
}  # fmt: skip


def installed_routes(env):
    """A :class:`Route` for every url of the installed modules' controllers: the module
    whose code answers (the most derived override) and the modules along its chain."""
    ir_http = env["ir.http"]
    modules = sorted(env.registry._init_modules)
    routes = []
    for url, endpoint in ir_http._generate_routing_rules(modules, ir_http._get_converters()):
        method = endpoint.func
        name = method.__name__
        chain = [
            klass.__module__.split(".")[2]
            for klass in type(method.__self__).mro()
            if name in vars(klass) and klass.__module__.startswith("odoo.addons.")
        ]
        routing = endpoint.routing
        routes.append(
            Route(
                url,
                chain[0] if chain else "",
                tuple(chain),
                routing.get("type"),
                routing.get("auth"),
                tuple(sorted(m.upper() for m in routing.get("methods") or ())),
                routing.get("csrf", True),
                routing.get("cors"),
            )
        )
    return routes


def signature(route):
    """``type auth METHODS[ nocsrf]``, as the reviewed table states it."""
    text = f"{route.type} {route.auth} {'/'.join(route.methods) or 'ANY'}"
    if route.type == "http" and not route.csrf:
        text += " nocsrf"
    return text


def reaches_suite(route):
    """Written in a Party addon, or a dependency's route that reaches the suite's records."""
    return (
        any(module.startswith("party_") for module in route.chain)
        or (route.chain and route.chain[-1] in REACHING_MODULES)
        or route.url == "/my"
        or route.url.startswith("/my/")
        or (route.url.startswith(MAIL_PREFIX) and not route.url.startswith(MAIL_EXCLUDED))
    )


def row_modules(row):
    """The modules a reviewed row names, the most derived override first."""
    return (row[0],) if isinstance(row[0], str) else tuple(row[0])


def expected_module(row, installed):
    """The module that answers a reviewed route on a database where ``installed`` are:
    the first of the row's modules that is installed (an override's addon absent, the
    code it overrides answers); None when none is (the row is not compared)."""
    return next((module for module in row_modules(row) if module in installed), None)


def unreviewed_routes(routes, reviewed, installed):
    """The routes that reach the suite and have no row in ``reviewed``, or whose row no
    longer says what answers them (another module, type, auth, methods or CSRF) on a
    database where the modules ``installed`` are."""
    wrong = []
    for route in routes:
        if not reaches_suite(route):
            continue
        row = reviewed.get(route.url)
        if row is None:
            wrong.append(f"{route.url} ({route.module}, {signature(route)}): not reviewed")
            continue
        module = expected_module(row, installed)
        if module is not None and (module, row[1]) != (route.module, signature(route)):
            wrong.append(
                f"{route.url}: reviewed as {module}, {row[1]}; now {route.module}, "
                f"{signature(route)}"
            )
    return wrong


def unsafe_suite_writes(routes, reviewed):
    """Routes of the suite's own code that write as a user or visitor without being a
    POST with its CSRF token (``type="http"``), or a JSON-RPC POST without CORS (the
    payment form's transaction route: a page of another site cannot send it)."""
    return [
        f"{route.url} ({signature(route)})"
        for route in routes
        if route.module.startswith("party_")
        and route.url in reviewed
        and reviewed[route.url][2]
        and route.auth in ("user", "public")
        and not (route.type == "http" and route.methods == ("POST",) and route.csrf)
        and not (route.type == "json" and route.methods == ("POST",) and not route.cors)
    ]


# the modules installed in the synthetic cases below
EVERY_ADDON = frozenset(
    {
        "web", "mail", "portal", "helpdesk_mgmt", "party_branch", "party_life",
        "party_service", "party_systems", "party_venue",
    }
)  # fmt: skip
BRANCH_ALONE = frozenset({"web", "mail", "portal", "party_branch"})


@tagged("post_install", "-at_install")
class TestRouteInventory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.routes = installed_routes(cls.env)

    def test_every_route_reaching_the_suite_is_reviewed(self):
        wrong = unreviewed_routes(self.routes, REVIEWED_ROUTES, self.env.registry._init_modules)
        self.assertFalse(
            wrong,
            "HTTP routes that reach the suite's records and are not reviewed in "
            "party_branch/tests/test_route_inventory.py (read the code, then add or update "
            "the row with the check the route performs):\n" + "\n".join(wrong),
        )

    def test_reviewed_routes_exist_and_say_their_check(self):
        """No stale row: each reviewed url of an installed module is a route, with a check."""
        urls = {route.url for route in self.routes}
        installed = self.env.registry._init_modules
        for url, row in REVIEWED_ROUTES.items():
            with self.subTest(url=url):
                _modules, _sig, writes, check = row
                self.assertTrue(all(isinstance(module, str) for module in row_modules(row)))
                self.assertIsInstance(writes, bool)
                self.assertTrue(check and isinstance(check, str))
                if expected_module(row, installed):
                    self.assertIn(url, urls)

    def test_suite_routes_that_write_are_posts_with_csrf(self):
        unsafe = unsafe_suite_writes(self.routes, REVIEWED_ROUTES)
        self.assertFalse(
            unsafe,
            "Routes of the suite that write without POST and its CSRF token:\n" + "\n".join(unsafe),
        )

    def test_a_new_route_or_a_changed_one_fails_the_inventory(self):
        """What the inventory answers for a route nobody reviewed, and for a reviewed
        one whose code moved back to the dependency or whose auth changed."""
        routes = [
            Route("/my/party/export", "party_branch", ("party_branch",), "http", "user", (),
                  True),
            Route("/ticket/close", "helpdesk_mgmt", ("helpdesk_mgmt",), "http", "user", (),
                  True),
            Route("/party/disclosures", "party_systems", ("party_systems",), "http", "none",
                  (), True),
            Route("/web/login", "web", ("web",), "http", "none", (), True),
        ]  # fmt: skip
        wrong = unreviewed_routes(routes, REVIEWED_ROUTES, EVERY_ADDON)
        self.assertEqual(len(wrong), 3, wrong)
        self.assertIn("/my/party/export (party_branch, http user ANY): not reviewed", wrong)
        self.assertTrue(
            any(w.startswith("/ticket/close: reviewed as party_service") for w in wrong)
        )

    def test_an_overrides_base_answers_when_its_addon_is_not_installed(self):
        """party_branch alone: mail's upload answers, as party_life's row expects; with
        party_life installed, mail answering the same url fails."""
        upload = Route("/mail/attachment/upload", "mail", ("mail",), "http", "public",
                       ("POST",), True)  # fmt: skip
        self.assertEqual(unreviewed_routes([upload], REVIEWED_ROUTES, BRANCH_ALONE), [])
        self.assertEqual(
            unreviewed_routes([upload], REVIEWED_ROUTES, EVERY_ADDON),
            [
                "/mail/attachment/upload: reviewed as party_life, http public POST; now mail, "
                "http public POST"
            ],
        )

    def test_an_uninstalled_addons_rows_are_not_compared_but_new_routes_fail(self):
        """party_service uninstalled: helpdesk_mgmt answers its pages again, and the rows
        that only party_service's override answers are not compared; a route nobody
        reviewed still fails, and so does a base's route whose signature changed."""
        without_service = EVERY_ADDON - {"party_service"}
        routes = [
            Route("/my/tickets", "helpdesk_mgmt", ("helpdesk_mgmt",), "http", "user", (),
                  True),
            Route("/ticket/close", "helpdesk_mgmt", ("helpdesk_mgmt",), "http", "user", (),
                  True),
            Route("/my/tickets/export", "helpdesk_mgmt", ("helpdesk_mgmt",), "http", "user",
                  (), True),
            Route("/my/tickets/page/<int:page>", "helpdesk_mgmt", ("helpdesk_mgmt",), "http",
                  "public", (), True),
        ]  # fmt: skip
        self.assertEqual(
            unreviewed_routes(routes, REVIEWED_ROUTES, without_service),
            [
                "/my/tickets/export (helpdesk_mgmt, http user ANY): not reviewed",
                "/my/tickets/page/<int:page>: reviewed as helpdesk_mgmt, http user ANY; now "
                "helpdesk_mgmt, http public ANY",
            ],
        )

    def test_a_suite_route_writing_on_get_fails(self):
        routes = [
            Route("/my/meetings/<int:meeting_id>/sign_in", "party_life", ("party_life",),
                  "http", "user", (), True),
            Route("/my/party/decisions/<int:decision_id>/vote", "party_systems",
                  ("party_systems",), "http", "user", ("POST",), False),
            Route("/my/party", "party_branch", ("party_branch",), "http", "user", (), True),
            Route("/my/dues/transaction/<string:selection>", "party_life", ("party_life",),
                  "json", "user", ("POST",), True, "*"),
            Route("/my/dues/transaction/<string:selection>", "party_life", ("party_life",),
                  "json", "user", ("POST",), True),
        ]  # fmt: skip
        self.assertEqual(
            unsafe_suite_writes(routes, REVIEWED_ROUTES),
            [
                "/my/meetings/<int:meeting_id>/sign_in (http user ANY)",
                "/my/party/decisions/<int:decision_id>/vote (http user POST nocsrf)",
                "/my/dues/transaction/<string:selection> (json user POST)",
            ],
        )
