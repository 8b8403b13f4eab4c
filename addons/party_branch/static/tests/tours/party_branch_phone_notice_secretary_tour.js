/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the secretary publishes a draft notice to her branch and opens
// the list of the members who have not read it yet.
registry.category("web_tour.tours").add("party_branch_phone_notice_secretary_tour", {
    url: "/odoo/action-party_branch.party_notice_action",
    steps: () => [
        {
            content: "Notices are cards on a phone; open the draft",
            trigger: ".o_kanban_record:contains('Phone roster')",
            run: "click",
        },
        {
            content: "The form's actions are in the gear menu on a phone",
            trigger: ".o_form_view .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Publish",
            trigger: ".o-dropdown--menu button[name='action_publish']",
            run: "click",
        },
        {
            content: "Confirm: a published notice is not edited afterwards",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The counts appear once published: open them",
            trigger: ".o_form_view .o_button_more",
            run: "click",
        },
        {
            content: "Who has not read it yet",
            trigger: ".o-form-buttonbox-small button[name='action_view_unread']",
            run: "click",
        },
        {
            content: "The member who has not opened the notice is listed",
            trigger: ".o_content:contains('Phone Reader')",
        },
    ],
});
