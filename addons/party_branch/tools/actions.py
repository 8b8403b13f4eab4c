"""The smart buttons: one record's related list, and the figure on the button.

A smart button (``action_view_*``) is a public method: a caller may send any id. The
list it opens is read with the caller's own rights, but the button itself answers only
for one record the caller may read (``check_access("read")``), before the action names
anything of it.
"""


def list_action(record, xmlid, domain, context=None):
    """The window action ``xmlid`` on ``domain``, for the one ``record`` the caller may
    read (ValueError for several, AccessError for one they may not read). ``context``
    replaces the action's own when given; without it the action keeps the context its
    XML declares."""
    record.ensure_one()
    record.check_access("read")
    action = record.env["ir.actions.act_window"]._for_xml_id(xmlid)
    action["domain"] = domain
    if context is not None:
        action["context"] = context
    return action


def related_counts(records, model, field, domain=()):
    """{record: count} of the ``model`` records whose ``field`` is one of ``records`` (and
    that match ``domain``): one grouped query in ``records``' environment (the caller's
    rights, as the list the button opens), whatever the number of records."""
    return dict(
        records.env[model]._read_group([(field, "in", records.ids), *domain], [field], ["__count"])
    )
