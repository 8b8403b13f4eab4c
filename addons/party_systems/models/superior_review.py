"""The superior's to-do: what an organisation submits to its superior (a disclosure,
an asset filing, a computed fund report, a secretary's report put to rating) gives
one "Superior Review" activity to the reviewer ``superior_reviewers`` picks
(``party_branch/tools/superior.py``, the one statement of who the superior is);
done when the superior decides, removed when the submission is withdrawn.
"""

from odoo import fields
from odoo.tools.translate import LazyTranslate

from odoo.addons.party_branch.tools.superior import superior_reviewers

_lt = LazyTranslate(__name__)

REVIEW_SUMMARIES = {
    "party.disclosure": _lt("Approve or reject the disclosure"),
    "party.asset.filing": _lt("Accept or return the asset filing"),
    "party.fund.report": _lt("Approve the fund report"),
    "party.secretary.report": _lt("Close the rating of the secretary's report"),
}
REVIEW_ACTIVITY_TYPE = "party_systems.mail_activity_type_superior_review"


def schedule_superior_review(records):
    """One activity per record submitted to the superior, for its reviewer
    (``superior_reviewers``), never for who submits it and never twice."""
    env = records.env
    activity_type = env.ref(REVIEW_ACTIVITY_TYPE)
    records = records.sudo()
    todo = records.filtered(
        lambda r: not r.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
    )
    if not todo:
        return
    reviewers = superior_reviewers(env, todo.organization_id, exclude=env.user)
    model_id = env["ir.model"]._get_id(records._name)
    Activity = env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
    values = []
    for record in todo:
        user = reviewers.get(record.organization_id.id)
        if not user:
            continue
        in_lang = env(context=dict(env.context, lang=user.lang or "en_US"))
        values.append(
            {
                "res_model_id": model_id,
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": in_lang._(REVIEW_SUMMARIES[records._name]),
                "date_deadline": fields.Date.add(
                    fields.Date.context_today(record), days=activity_type.delay_count
                ),
            }
        )
    Activity.create(values)


def close_superior_review(records):
    """The superior decided: their activity on these records is done."""
    env = records.env
    activity_type = env.ref(REVIEW_ACTIVITY_TYPE)
    activities = records.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
    if activities:
        activities.action_feedback()


def withdraw_superior_review(records):
    """The organisation took the submission back: nothing is left to review."""
    activity_type = records.env.ref(REVIEW_ACTIVITY_TYPE)
    records.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).unlink()
