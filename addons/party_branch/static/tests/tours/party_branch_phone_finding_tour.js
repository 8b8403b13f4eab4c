/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the secretary opens a finding of her branch from the dashboard,
// sees the activity that makes her responsible for it and marks it done.
registry.category("web_tour.tours").add("party_branch_phone_finding_tour", {
    url: "/odoo/action-party_branch.party_dashboard_action",
    steps: () => [
        {
            content: "The dashboard card of the secretary's branch counts its open findings",
            trigger: ".o_kanban_record:contains('Phone Branch') button[name='action_view_findings']",
            run: "click",
        },
        {
            content: "The findings are cards on a phone; open the one about the branch's size",
            trigger: ".o_kanban_view .o_kanban_record:contains('fewer than 3')",
            run: "click",
        },
        {
            content: "The finding says what is wrong",
            trigger: ".o_form_view .oe_title:contains('fewer than 3')",
        },
        {
            content: "The secretary is responsible: the activity is hers",
            trigger: ".o-mail-Activity:contains('Phone Branch') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Mark it done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            content: "The activity is done: the chatter says so",
            trigger: ".o-mail-Message:contains('Compliance Finding')",
        },
        {
            content: "No open activity is left on the finding",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity))",
        },
    ],
});
