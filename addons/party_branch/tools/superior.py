"""Who is the superior of an organisation (上级党组织): the one statement of the rule
(docs/security.md, rule 2).

What a superior decides (approving a disclosure, a fund report or a venue project's
budget, accepting an asset filing, closing the rating of a secretary's report, moving
a deadline or a venue's "in use since", deleting a record a finding reads) is checked
against the organisation the record belongs to, which is fixed from its creation on
(``_party_fixed_fields``) or moved only by its managers. The superior of that
organisation is:

* a Party administrator of the organisation's company;
* for the root organisation (nobody is above it), its own officers;
* otherwise an officer of an organisation strictly above the *submitting*
  organisation, who holds no position in the organisation itself nor in the
  submitting organisation;
* never the users the record is about (``subjects``: the secretary of a report).

The submitting organisation is the organisation itself, except for a Party group
(党小组), which submits through its branch: the Party's organisations are its
central, local and primary organisations (党章第三、四、五章), and the primary one of
a group is its branch (党支部), which divides its members into groups (支部工作条例:
党小组 under the branch, its leader named by the branch); a group is no level of
organisation, so its 上级党组织 is its branch's. A
branch secretary therefore does not approve what a group of their own branch submits
(that would be the branch deciding for itself), and a group leader never acts as the
superior of their group. A group directly below a root branch is decided by the
branch's own officers who hold no position in the group.

Everything here is set-based: a fixed number of queries whatever the number of
organisations.
"""

from odoo.exceptions import AccessError

ADMIN_GROUP = "party_branch.group_party_admin"


def _levels(org):
    """``(deciding, excluded)`` for one organisation (as superuser): the ids of the
    organisations whose officers decide as its superior, nearest first, and the ids
    of the organisations where a position excludes them."""
    submitting = org.parent_id if org.org_type == "group" and org.parent_id else org
    chain = [int(i) for i in (submitting.parent_path or "").split("/") if i]
    if len(chain) <= 1:
        # the root: its own officers, but not for a group below it from its leader
        return [submitting.id], {org.id} - {submitting.id}
    return list(reversed(chain[:-1])), {org.id, submitting.id}


def not_superior(env, organizations):
    """The organisations of ``organizations`` the caller of ``env`` is not the superior
    of (see the module); empty in superuser mode."""
    if env.su:
        return organizations.browse()
    user = env.user
    admin = user.has_group(ADMIN_GROUP)
    held = set() if admin else set(user.sudo().party_managed_organization_ids.ids)
    refused = []
    for org in organizations.sudo():
        if org.company_id not in user.company_ids:
            refused.append(org.id)
            continue
        if admin:
            continue
        deciding, excluded = _levels(org)
        if held & excluded or not held & set(deciding):
            refused.append(org.id)
    return organizations.browse(refused)


def check_superior(model, organizations, message, subjects=None):
    """Raise ``AccessError(message)`` unless the caller of ``model`` acts as the
    superior of every organisation of ``organizations`` (see the module).
    ``subjects``: the users the records are about (the secretary of a report), who
    never act as their superior."""
    env = model.env
    if env.su:
        return
    if subjects and env.user in subjects:
        raise AccessError(message)
    if not_superior(env, organizations):
        raise AccessError(message)


def superior_reviewers(env, organizations, exclude=None):
    """{organisation id: user}: who receives what ``organizations`` submit to their
    superior, by the rule of the module: the secretary of the nearest deciding
    organisation that has one (who holds no position in the organisation itself nor
    in the submitting one), else the first of the company's Party office
    (``res.company._party_office_users``). ``exclude``: users who never receive it
    (who submitted). Three queries whatever the number of organisations."""
    exclude = exclude or env["res.users"]
    orgs = organizations.sudo()
    levels = {org.id: _levels(org) for org in orgs}
    tree = (
        env["party.organization"]
        .sudo()
        .browse({pid for deciding, _excluded in levels.values() for pid in deciding})
    )
    state = tree._position_state()
    secretaries = env["res.users"].sudo()
    for org_id in tree.ids:
        secretaries |= state[org_id]["secretary"].user_id
    # one computation for every candidate's positions
    held = {user.id: set(user.party_managed_organization_ids.ids) for user in secretaries}
    office = orgs.company_id._party_office_users()
    result = {}
    for org in orgs:
        deciding, excluded = levels[org.id]
        for org_id in deciding:
            user = state[org_id]["secretary"].user_id
            if user and user.active and user not in exclude and not held[user.id] & excluded:
                result[org.id] = user
                break
        else:
            users = office.get(org.company_id.id, env["res.users"])
            users = (users - exclude) or users
            if users:
                result[org.id] = users[0]
    return result
