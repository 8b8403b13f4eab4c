"""What the wkhtmltopdf on this server can do.

Odoo prints the company's header and footer (name, logo, address) through
wkhtmltopdf's ``--header-html``/``--footer-html``, which only a wkhtmltopdf built
with its patched Qt supports: Debian's package (0.12.6, unpatched) prints the
page without them, and a receipt without its issuer. The suite's reports then
print the company block in the page body instead (``party_branch.report_letterhead``).
"""

import functools
import subprocess

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin


@functools.cache
def header_supported():
    """Whether wkhtmltopdf prints header and footer pages (``(with patched qt)``)."""
    try:
        binary = _get_wkhtmltopdf_bin()
        out = subprocess.run(
            [binary, "--version"], capture_output=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"patched qt" in out.lower()
