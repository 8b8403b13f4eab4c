/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member opens a held meeting from her meetings and reads its
// minutes.
registry.category("web_tour.tours").add("party_life_phone_member_minutes_tour", {
    url: "/my/meetings",
    steps: () => [
        {
            content: "Open the held meeting",
            trigger: ".o_party_meeting_card:contains('Minutes Phone Assembly') .o_party_meeting_open",
            run: "click",
        },
        {
            content: "The meeting's page",
            trigger: ".o_party_meeting_page:contains('Minutes Phone Assembly')",
        },
        {
            content: "She reads its minutes",
            trigger: ".o_party_meeting_minutes_text:contains('The branch adopts the flood season plan')",
        },
    ],
});
