"""Demo data once an addon's translations are in.

Odoo loads an addon's demo data, then its translations (``odoo.modules.loading``), then
runs its ``post_init_hook``. What the demo wrote in the administrator's language before
the translations were there is half translated: a record's creation notice reads
"Party Member 创建" (mail's template translated, the model's name not yet), and a
finding names a checklist item in English. :func:`after_translations`, called by each
addon's ``post_init_hook``, puts both right when the addon was installed with demo data.
"""

from markupsafe import escape

from odoo.tools import SQL
from odoo.tools.translate import code_translations


def after_translations(env, module):
    """The addon ``module``'s demo, once its translations are loaded: the creation notices
    in each installed language, and the findings re-rendered by a compliance run."""
    if not env["ir.module.module"].search_count([("name", "=", module), ("demo", "=", True)]):
        return
    retranslate_creation_notices(env)
    env["party.organization"]._cron_check_compliance()


def retranslate_creation_notices(env):
    """Creation notices ("<model> created") whose model name is still the English one,
    written with the translated name: one query per model and language. The models of
    every notice in the database, not only an addon's own: the records its demo creates
    (calendar events, courses, maintenance requests …) are of other addons' models, whose
    own demo data had the same problem (Odoo loads their translations after it too)."""
    env.cr.execute(
        "SELECT DISTINCT model FROM mail_message "
        "WHERE message_type = 'notification' AND model IS NOT NULL"
    )
    names = [row[0] for row in env.cr.fetchall()]
    models = env["ir.model"].sudo().search([("model", "in", names)])
    english = {model.id: model.with_context(lang="en_US").name for model in models}
    for lang, __ in env["res.lang"].get_installed():
        if lang == "en_US":
            continue
        template = code_translations.get_python_translations("mail", lang).get("%s created")
        if not template:
            continue
        for model in models.with_context(lang=lang):
            if model.name == english[model.id]:
                continue
            # the whole paragraph: "Member created" must not match "Party Member created"
            old = f"<p>{escape(template % english[model.id])}</p>"
            new = f"<p>{escape(template % model.name)}</p>"
            env.cr.execute(
                SQL(
                    "UPDATE mail_message SET body = replace(body, %s, %s) "
                    "WHERE model = %s AND message_type = 'notification' AND body LIKE %s",
                    old,
                    new,
                    model.model,
                    f"%{old}%",
                )
            )
    env["mail.message"].invalidate_model(["body"])
