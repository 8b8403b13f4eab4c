/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member types the room screen's 6-digit code on her meetings
// page and sees herself present. The test opens /my/meetings?pmr_code=<the code of now>:
// the code is what the room screen shows at that moment.
// (no url of its own: the tour runs on the address the test opens, code included)
registry.category("web_tour.tours").add("party_life_phone_member_room_code_tour", {
    steps: () => [
        {
            content: "Type the code the room screen shows",
            trigger: ".o_party_meeting_card:contains('Room Phone Day') input.o_party_meeting_code",
            async run(actions) {
                const code = new URLSearchParams(window.location.search).get("pmr_code");
                await actions.edit(code);
            },
        },
        {
            content: "Sign in with the code",
            trigger: ".o_party_meeting_card:contains('Room Phone Day') .o_party_meeting_code_sign_in",
            run: "click",
        },
        {
            content: "Signed in",
            trigger: ".o_party_meeting_signed_in",
        },
        {
            content: "The meeting shows her present, and no code to type any more",
            trigger: ".o_party_meeting_card:contains('Room Phone Day'):not(:has(.o_party_meeting_code)) .badge.text-bg-success",
        },
    ],
});

// On a phone (390 px): the member asks for leave from tomorrow's meeting, with a reason.
registry.category("web_tour.tours").add("party_life_phone_member_leave_tour", {
    url: "/my/meetings",
    steps: () => [
        {
            content: "Ask for leave from tomorrow's meeting",
            trigger: ".o_party_meeting_card:contains('Leave Phone Day') .o_party_meeting_leave summary",
            run: "click",
        },
        {
            content: "The reason",
            trigger: ".o_party_meeting_card:contains('Leave Phone Day') .o_party_meeting_leave_reason",
            run: "edit Night shift at the pumping station",
        },
        {
            content: "Send it",
            trigger: ".o_party_meeting_card:contains('Leave Phone Day') .o_party_meeting_leave_send",
            run: "click",
        },
        {
            content: "Sent, waiting for the secretary",
            trigger: ".o_party_meeting_leave_requested",
        },
        {
            content: "The meeting shows the request",
            trigger: ".o_party_meeting_card:contains('Leave Phone Day') .o_party_meeting_leave_state",
        },
    ],
});
