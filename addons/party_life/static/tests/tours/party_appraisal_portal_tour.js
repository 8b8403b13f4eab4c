/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("party_appraisal_portal_tour", {
    url: "/my/appraisals",
    steps: () => [
        {
            content: "Open this year's appraisal",
            trigger: ".o_party_appraisal_row:contains('Appraisal Branch')",
            run: "click",
        },
        {
            content: "Rate the first colleague",
            trigger: ".o_party_appraisal_ballot label:contains('PAT Colleague One') + select",
            run: "select excellent",
        },
        {
            content: "Rate the second colleague",
            trigger: ".o_party_appraisal_ballot label:contains('PAT Colleague Two') + select",
            run: "select qualified",
        },
        {
            content: "Cast the ballot",
            trigger: ".o_party_appraisal_submit",
            run: "click",
        },
        {
            content: "The ballot is cast",
            trigger: ".o_party_appraisal_voted",
        },
    ],
});
