/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): an applicant (no member yet) opens her Party home, reads her
// stage and next step, and opens her application's page.
registry.category("web_tour.tours").add("party_life_phone_applicant_path_tour", {
    url: "/my/party",
    steps: () => [
        {
            content: "Her path to membership on the home",
            trigger: ".o_party_home_development .o_party_development_stage:contains('Activist')",
        },
        {
            content: "Her next step",
            trigger: ".o_party_home_development .o_party_development_next_step:contains('Selection as development target')",
        },
        {
            content: "Open her application",
            trigger: ".o_party_home_development .o_party_home_more",
            run: "click",
        },
        {
            content: "The page of her application: the stage",
            trigger: ".o_party_application .o_party_development_stage:contains('Activist')",
        },
        {
            content: "Her contact persons",
            trigger: ".o_party_development_contacts:contains('Secretary A')",
        },
        {
            content: "The steps done",
            trigger: ".o_party_development_done:contains('Selected as activist')",
        },
    ],
});
