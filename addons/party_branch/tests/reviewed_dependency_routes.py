"""Reviewed routes of the payment modules (dues paid online), website_profile and
website_partner: rows of :data:`test_route_inventory.REVIEWED_ROUTES` (same format:
module, "type auth METHODS[ nocsrf]", writes, check), kept apart for the length of that
module."""

DEPENDENCY_ROUTES = {
    # ------------------------------------------------------------------ payment (dues online)
    # A dues transaction is created only by /my/dues/transaction (party_life); no route of
    # the payment modules takes party_dues_ids (kwargs whitelisted by
    # _validate_transaction_kwargs, never custom_create_values), and a transaction's dues
    # are registered only once it is confirmed (_post_process: the transaction's row
    # locked, its months still owed, its amount what they owe)
    "/payment/transaction": (
        "payment", "json public ANY", True,
        "payment: the access token of (partner, amount, currency); kwargs whitelisted, so no "
        "dues link; a reference_prefix of the caller's choosing makes no dues payment",
    ),
    "/payment/pay": (
        "account_payment", "http public GET", False,
        "payment: a payment link's access token of (partner, amount, currency); renders the "
        "form, links no dues",
    ),
    "/payment/confirmation": (
        "payment", "http public GET", False, "payment: the transaction's access token",
    ),
    "/payment/status": ("payment", "http public ANY", False, "payment: the session's own"),
    "/payment/status/poll": (
        "payment", "json public ANY", True,
        "payment: the transactions the session monitors (the caller's own); a confirmed one "
        "is post-processed: its dues registered once (_party_register_dues)",
    ),
    "/payment/archive_token": (
        "payment", "json user ANY", True, "payment: a token of the caller's own partner",
    ),
    "/payment/custom/process": (
        "payment_custom", "http public POST nocsrf", True,
        "payment_custom: the reference only: a draft transfer transaction becomes pending "
        "(waits for the treasurer's Received / Not Received), nothing is paid; a dues "
        "transaction's reference ends with 8 random characters (DUES-<member>-<month>-<random>), "
        "so it is not guessed from the member and the month",
    ),
    "/payment/demo/simulate_payment": (
        "payment_demo", "json public ANY", True,
        "payment_demo: confirms any demo transaction by its reference: installed in test "
        "databases only (bin/party_harness TEST_MODULES), never where dues are paid",
    ),
    "/invoice/transaction/<int:invoice_id>": (
        "account_payment", "json public ANY", True,
        "account_payment: the invoice's access token; the suite posts no invoices",
    ),
    "/invoice/transaction/overdue": (
        "account_payment", "json public ANY", True,
        "account_payment: the caller's own overdue invoices",
    ),
    "/donation/pay": (
        "website_payment", "http public GET/POST", False, "website_payment: the donation form",
    ),
    "/donation/transaction/<minimum_amount>": (
        "website_payment", "json public ANY", True,
        "website_payment: a donation transaction (no dues link; kwargs whitelisted)",
    ),
    # ------------------------------------------------------------------ website_profile
    "/profile/user/<int:user_id>": (
        "website_profile", "http public ANY", False,
        "website_profile: the caller's own profile, or a published one (karma); the "
        "certification attempts, certificates and courses of Party exams and courses the "
        "visitor may not read are left out (party_life controllers/exam_privacy.py, "
        "test_exam_privacy, test_exam_profile)",
    ),
    "/profile/users": (
        "website_profile", "http public ANY", False,
        "website_profile: published users; certificates of Party exams filtered as above",
    ),
    "/profile/users/page/<int:page>": (
        "website_profile", "http public ANY", False, "as /profile/users",
    ),
    "/profile/avatar/<int:user_id>": (
        "website_profile", "http public ANY", False,
        "website_profile: the avatar of the caller or of a published profile",
    ),
    "/profile/edit": ("website_profile", "http user ANY", False, "website_profile: own"),
    "/profile/user/save": (
        "website_profile", "http user POST", True,
        "website_profile: the caller's own user (another's for administrators), its "
        "self-writable fields: a member's name stays the register's "
        "(res.partner._party_check_register)",
    ),
    "/profile/ranks_badges": (
        "website_profile", "http public ANY", False, "website_profile: published badges",
    ),
    "/profile/send_validation_email": (
        "website_profile", "json user ANY", True, "website_profile: the caller's own email",
    ),
    "/profile/validate_email": (
        "website_profile", "http public ANY", True, "website_profile: the signed token",
    ),
    "/profile/validate_email/close": (
        "website_profile", "json public ANY", False, "website_profile: the session's flag",
    ),
    # ------------------------------------------------------------------ website_partner
    "/partners/<partner_id>": (
        "website_partner", "http public ANY", False,
        "website_partner: a published contact's page (sudo), or any contact's to website "
        "editors (Party officers, through eLearning): name, address and phone, which every "
        "internal user reads of res.partner anyway; never the register's personal data",
    ),
}  # fmt: skip
