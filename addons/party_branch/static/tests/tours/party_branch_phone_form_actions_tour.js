/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): a Party form's main action is on the screen, not only under ⚙.
registry.category("web_tour.tours").add("party_branch_phone_form_actions_tour", {
    steps: () => [
        {
            content: "The member's form shows its action without opening the ⚙ menu",
            trigger: ".o_form_view .o_form_statusbar button[name='action_record_contact']:visible",
            run: "click",
        },
        {
            content: "The action ran: the contact is recorded today",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
