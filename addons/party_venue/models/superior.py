"""Who is an organisation's superior (上级党组织), for what the superior decides:
a project's budget and its increases, a venue's "in use since".

The superior of an organisation is an officer of an organisation strictly above it
who is no officer of the organisation itself, or a Party administrator. A Party
group is no level of its own: what a group submits is decided above its branch.
The organisation read is the record's fixed one (a project's), or one only the
organisation's managers move (a venue's), so nobody becomes the superior of a
record by moving it below themselves.
"""


def not_superior(env, organizations):
    """The organisations of ``organizations`` the caller is not the superior of."""
    if env.su or env.user.has_group("party_branch.group_party_admin"):
        return organizations.browse()
    held = set(env.user.party_managed_organization_ids.ids)
    refused = []
    for org in organizations.sudo():
        submitting = org.parent_id if org.org_type == "group" and org.parent_id else org
        above = {int(i) for i in (submitting.parent_path or "").split("/") if i}
        above.discard(submitting.id)
        if held & {org.id, submitting.id} or not held & above:
            refused.append(org.id)
    return organizations.browse(refused)
