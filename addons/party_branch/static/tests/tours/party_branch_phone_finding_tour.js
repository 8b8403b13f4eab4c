/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the secretary opens her branch from the dashboard, reads the
// day's digest of its findings (one activity listing each finding and its rule), opens
// a finding from it, comes back and marks the digest done.
registry.category("web_tour.tours").add("party_branch_phone_finding_tour", {
    url: "/odoo/action-party_branch.party_dashboard_action",
    steps: () => [
        {
            content: "Open the card of the secretary's branch",
            trigger: ".o_kanban_record:contains('Phone Branch') span:contains('Phone Branch')",
            run: "click",
        },
        {
            content: "The branch's digest: one activity for the day's findings, hers",
            trigger: ".o-mail-Activity:contains('1 compliance finding(s) to resolve')",
        },
        {
            content: "It names the finding and its rule; open the finding",
            trigger: ".o-mail-Activity-note a:contains('Too Few Members')",
            run: "click",
        },
        {
            content: "The finding says what is wrong",
            trigger: ".o_form_view .oe_title:contains('fewer than 3')",
        },
        {
            content: "Back to the branch",
            trigger: ".o_back_button, .breadcrumb-item a:contains('Phone Branch')",
            run: "click",
        },
        {
            content: "Mark the digest done",
            trigger: ".o-mail-Activity:contains('compliance finding') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            content: "The activity is done: the chatter says so",
            trigger: ".o-mail-Message:contains('Compliance Finding')",
        },
        {
            content: "No open activity is left on the branch",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity))",
        },
    ],
});
