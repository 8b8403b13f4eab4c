"""Who acts as the superior organisation of a record (docs/security.md, rule 2).

What a superior decides (approving a disclosure or a fund report, accepting an asset
filing, closing the rating of a secretary's report, deleting a record a finding reads,
moving a deadline) is checked against the organisation the record belongs to, which
is fixed from its creation on (``_party_fixed_fields``). The superior of that
organisation is:

* a Party administrator of its company;
* for the root organisation (nobody is above it), its own officers;
* otherwise an officer of an organisation above it (who manages its parent) who holds
  no position in the organisation itself: a branch secretary who leads a Party group
  below the branch does not approve, as the group's superior, what they submit as
  its leader, and nobody approves as the superior what they report on themselves.
"""

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tools.translate import LazyTranslate


def check_superior(model, organizations, message, subjects=None):
    """Raise ``AccessError(message)`` unless the caller acts as the superior of every
    organisation of ``organizations`` (see the module). ``subjects``: the users the
    records are about (the secretary of a report), who never act as their superior."""
    env = model.env
    if env.su:
        return
    user = env.user
    if subjects and user in subjects:
        raise AccessError(message)
    orgs = organizations.sudo()
    roots = orgs.filtered(lambda o: not o.parent_id)
    try:
        model._party_check_organizations(orgs.parent_id | roots)
    except AccessError as exc:
        raise AccessError(message) from exc
    if not model._party_is_admin() and (orgs - roots) & user.party_managed_organization_ids:
        raise AccessError(message)


# ------------------------------------------------------------ the superior's to-do

_lt = LazyTranslate(__name__)

REVIEW_SUMMARIES = {
    "party.disclosure": _lt("Approve or reject the disclosure"),
    "party.asset.filing": _lt("Accept or return the asset filing"),
    "party.fund.report": _lt("Approve the fund report"),
    "party.secretary.report": _lt("Close the rating of the secretary's report"),
}
REVIEW_ACTIVITY_TYPE = "party_systems.mail_activity_type_superior_review"


def superior_reviewers(env, organizations, exclude=None):
    """{organisation id: user}: who receives what ``organizations`` submit to their
    superior, by ``check_superior``'s rule: the secretary of the nearest organisation
    above that has one (who holds no position in the organisation itself; for the
    root, its own secretary), else the first of the company's Party office
    (``res.company._party_office_users``). ``exclude``: users who never receive it
    (who submitted). Three queries whatever the number of organisations."""
    exclude = exclude or env["res.users"]
    orgs = organizations.sudo()
    chains = {org.id: [int(pid) for pid in org.parent_path.split("/") if pid] for org in orgs}
    tree = (
        env["party.organization"].sudo().browse({pid for chain in chains.values() for pid in chain})
    )
    state = tree._position_state()
    secretaries = env["res.users"].sudo()
    for org_id in tree.ids:
        secretaries |= state[org_id]["secretary"].user_id
    # one computation for every candidate's positions (check_superior: who holds a
    # position in the organisation itself is not its superior)
    held = {user.id: user.party_managed_organization_ids.ids for user in secretaries}
    office = orgs.company_id._party_office_users()
    result = {}
    for org in orgs:
        chain = chains[org.id]
        above = list(reversed(chain[:-1])) if len(chain) > 1 else chain
        for org_id in above:
            user = state[org_id]["secretary"].user_id
            if (
                user
                and user.active
                and user not in exclude
                and (len(chain) == 1 or org.id not in held[user.id])
            ):
                result[org.id] = user
                break
        else:
            users = office.get(org.company_id.id, env["res.users"])
            users = (users - exclude) or users
            if users:
                result[org.id] = users[0]
    return result


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
