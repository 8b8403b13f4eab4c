/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member opens their notices, reads the unread one and
// acknowledges it.
registry.category("web_tour.tours").add("party_branch_phone_notice_tour", {
    url: "/my/notices",
    steps: () => [
        {
            content: "The unread notice comes first, marked new",
            trigger: ".o_party_notice_unread_item:contains('Flood duty roster')",
            run: "click",
        },
        {
            content: "The notice's text is shown",
            trigger: ".o_party_notice_body:contains('Stay reachable.')",
        },
        {
            content: "The notice asks for acknowledgement",
            trigger: "button.o_party_notice_acknowledge",
            run: "click",
        },
        {
            content: "Acknowledged",
            trigger: ".o_party_notice_acknowledged",
        },
    ],
});
