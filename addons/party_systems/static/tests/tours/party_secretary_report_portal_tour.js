/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("party_secretary_report_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the secretaries' reports from the portal home",
            trigger: "a[href='/my/party/secretary-reports']",
            run: "click",
        },
        {
            content: "Open the secretary's report to rate",
            trigger: ".o_party_secretary_report_row:contains('PSR Secretary')",
            run: "click",
        },
        {
            content: "Read the report on duties",
            trigger: ".o_party_secretary_report:contains('PSR duties text')",
        },
        {
            content: "Rate it good",
            trigger: ".o_party_rate_good",
            run: "click",
        },
        {
            content: "The rating is recorded",
            trigger: ".o_party_secretary_report_rated",
        },
        {
            content: "and shown as the member's own",
            trigger: ".o_party_secretary_report_my_rating:contains('Good')",
        },
    ],
});
