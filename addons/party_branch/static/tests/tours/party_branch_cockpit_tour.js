/** @odoo-module **/

import { registry } from "@web/core/registry";

// The Party committee opens the cockpit and drills from a weak (red) branch of the tree
// to its open findings.
registry.category("web_tour.tours").add("party_branch_cockpit_tour", {
    url: "/odoo/action-party_branch.party_cockpit_action",
    steps: () => [
        {
            content: "The cockpit shows the committee's tree",
            trigger: ".o_party_cockpit_title:contains('Cockpit Tour Committee')",
        },
        {
            content: "The strong branch is green",
            trigger:
                ".o_party_cockpit_section_tree .o_party_cockpit_tone_good:contains('Tour Strong Branch')",
        },
        {
            content: "The weak branch is red: open its findings",
            trigger:
                ".o_party_cockpit_section_tree .o_party_cockpit_tone_weak:contains('Tour Weak Branch') .o_party_cockpit_cell_2 a",
            run: "click",
        },
        {
            content: "The open findings of the weak branch are listed",
            trigger: ".o_data_row:contains('tour finding of the weak branch')",
        },
        {
            content: "and only theirs",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Tour Strong Branch')))",
        },
    ],
});
