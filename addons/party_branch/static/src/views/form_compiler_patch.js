/** @odoo-module **/

import { FormCompiler } from "@web/views/form/form_compiler";
import { patch } from "@web/core/utils/patch";

// On a phone Odoo moves every button of a form's header into the ⚙ menu, three taps
// away: a secretary looked for "Mark as Held" there. On the Party's own forms the
// header's buttons stay on the screen (they also remain in the ⚙ menu).
patch(FormCompiler.prototype, {
    compileHeader(el, params) {
        const statusBar = super.compileHeader(el, params);
        if (params.asDropdownItems) {
            return statusBar;
        }
        for (const buttons of statusBar.children) {
            if (buttons.tagName === "StatusBarButtons") {
                buttons.setAttribute(
                    "t-if",
                    "!__comp__.env.isSmall or __comp__.env.inDialog or " +
                        "(__comp__.props.record.resModel || '').startsWith('party.')"
                );
            }
        }
        return statusBar;
    },
});
