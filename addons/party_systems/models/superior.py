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

from odoo.exceptions import AccessError


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
