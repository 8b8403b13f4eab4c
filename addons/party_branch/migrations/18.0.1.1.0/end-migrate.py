"""18.0.1.1.0: Party users no longer keep the groups an app spread to every employee.

When an app installs, Odoo gives every internal user the groups it adds to the default
user template (website: Editor and Designer; eLearning: Officer and Manager, who
creates and deletes every course). Since commit 95e6928 party_branch takes those back
from the Party users at that moment (res.users.write), but a database installed
before kept them: its auditor could edit every course, which a fresh install does not
allow. ``-u`` does not remove group memberships, so this script does what the code
would have done then: from each Party user who is not a system administrator
(``_party_rights_users``), the template's groups that every such user holds (what a
spread leaves behind; a group an administrator gave some of them is not one of those)
and that the user's own groups do not imply. An ``end-`` script: it runs once every
addon of the upgrade is loaded (apps installed by the same ``-u`` for a new dependency
spread their groups too).
"""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("base.default_user", raise_if_not_found=False)
    users = env["res.users"]._party_rights_users()
    if not template or not users:
        return
    spread = template.sudo().with_context(active_test=False).groups_id
    for user in users:
        spread &= user.groups_id
    by_groups = {}
    for user in users:
        own = user.groups_id - spread
        if wrong := spread - own - own.trans_implied_ids:
            by_groups[wrong] = by_groups.get(wrong, env["res.users"]) | user
    for wrong, group_users in by_groups.items():
        group_users.write({"groups_id": [Command.unlink(gid) for gid in wrong.ids]})
