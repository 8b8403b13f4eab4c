/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): an activist opens her thought reports, writes this quarter's
// report and hands it in; it is listed, waiting to be acknowledged.
registry.category("web_tour.tours").add("party_life_phone_thought_report_tour", {
    url: "/my/party/thought-reports",
    steps: () => [
        {
            content: "The form to hand in a report",
            trigger: ".o_party_thought_report_form",
        },
        {
            content: "She writes her report",
            trigger: "textarea.o_party_thought_report_body",
            run: "edit This quarter I attended every Party lecture of the branch.",
        },
        {
            content: "She hands it in",
            trigger: "button.o_party_thought_report_send",
            run: "click",
        },
        {
            content: "Handed in",
            trigger: ".o_party_thought_report_sent",
        },
        {
            content: "Her report is listed, waiting to be acknowledged",
            trigger: ".o_party_thought_report_card:contains('every Party lecture') .o_party_thought_report_state:contains('Handed In')",
        },
    ],
});
