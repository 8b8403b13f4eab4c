"""One way for every Party portal page to say what became of the member's last action.

An action route (a POST) runs the model's action as the caller and redirects back;
what the member reads on the next page is a *flash*: a message the server chose,
kept in the session and shown once, by one QWeb snippet
(``party_branch.portal_flash``) that the portal layout renders above the page.

- a done action flashes its success (``_party_flash("success", env._("..."))``);
- a refused action flashes the model's own message (its ``UserError``,
  ``ValidationError`` or ``AccessError``), and nothing of it is written: the action
  runs in a savepoint that the refusal rolls back (``_party_act``);
- nothing a page shows comes from its address: there is no ``?error=`` or
  ``?message=`` parameter to read, so a link someone crafts shows nothing.

Controllers inherit :class:`PartyPortalBase` (with ``CustomerPortal`` or
``http.Controller``); the module functions serve code that is not a controller
method. Every ``CustomerPortal`` page gets the pending flash in its values through
``_prepare_portal_layout_values`` (:class:`PartyPortalLayout`); a page rendered
without the portal layout values passes ``party_flash=self._party_pop_flash()`` and
calls the snippet itself.
"""

from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

SESSION_KEY = "party_flash"
# the Bootstrap contextual classes of the alert (danger: a refusal)
KINDS = {"success": "success", "info": "info", "warning": "warning", "danger": "danger"}
KINDS["error"] = "danger"
_POPPED = "_party_flash_popped"


def party_flash(kind, message, css=None):
    """Keep ``message`` for the next page the caller opens, once.

    ``kind``: success, info, warning, danger (or error). ``message``: a text the
    server chose, already translated (``env._("...")``, an exception's message).
    ``css``: an extra class on the alert (what tests and tours look for)."""
    if kind not in KINDS:
        raise ValueError(f"unknown flash kind {kind!r}")
    request.session[SESSION_KEY] = {
        "kind": KINDS[kind],
        "text": str(message),
        "css": css or "",
    }


def party_pop_flash():
    """The flash kept for this page ({kind, text, css}) or None, removed from the
    session: it is shown once. Popped once per request (a page that asks twice
    gets the same answer)."""
    flash = getattr(request, _POPPED, False)
    if flash is False:
        flash = request.session.pop(SESSION_KEY, None)
        setattr(request, _POPPED, flash)
    if not isinstance(flash, dict) or flash.get("kind") not in KINDS.values():
        return None
    return flash


def party_error_text(error):
    """The message of a model's refusal, as the member reads it."""
    if isinstance(error, MissingError):
        return request.env._("This record does not exist or is not yours.")
    message = error.args[0] if error.args else ""
    return str(message) or request.env._("This could not be done.")


class PartyPortalBase:
    """The flash of the Party portal, for a controller to inherit."""

    def _party_flash(self, kind, message, css=None):
        party_flash(kind, message, css=css)

    def _party_pop_flash(self):
        return party_pop_flash()

    def _party_act(  # pylint: disable=too-many-arguments
        self, url, action, success, css=None, denied=None, not_found=False, savepoint=True
    ):
        """Run ``action()`` (the model's action, as the caller) and redirect to ``url``:
        with the flash ``success`` when it is done; with the model's message and
        nothing written when it is refused (a ``UserError``, ``ValidationError``,
        ``AccessError`` or ``MissingError``). ``denied``: the one message for an
        ``AccessError`` and a ``MissingError`` alike, where a page must not tell a
        record that is not the caller's from one that does not exist;
        ``not_found``: both are the 404 of a record the caller does not see.
        ``savepoint``: False only for an action that keeps something of a refusal on
        purpose, in a transaction of its own (the count of a member's wrong sign-in
        codes), and writes nothing else before refusing."""
        try:
            if savepoint:
                with request.env.cr.savepoint():
                    action()
            else:
                action()
        except (AccessError, MissingError) as error:
            if not_found:
                raise NotFound() from None
            self._party_flash("danger", denied or party_error_text(error))
        except UserError as error:
            self._party_flash("danger", party_error_text(error))
        else:
            self._party_flash("success", success, css=css)
        return request.redirect(url)

    def _party_refuse(self, url, message):
        """Go back to ``url`` with ``message`` (a refusal the controller itself finds,
        such as a choice that is not offered)."""
        self._party_flash("danger", message)
        return request.redirect(url)


class PartyPortalLayout(PartyPortalBase, CustomerPortal):
    """Every portal page gets the pending flash, for the layout's alert: the lists and
    pages of ``/my`` (their layout values) and the pages of one document (a ticket, an
    invoice: their page values)."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["party_flash"] = self._party_pop_flash()
        return values

    def _get_page_view_values(self, document, access_token, values, *args, **kwargs):
        values = super()._get_page_view_values(document, access_token, values, *args, **kwargs)
        values["party_flash"] = self._party_pop_flash()
        return values
