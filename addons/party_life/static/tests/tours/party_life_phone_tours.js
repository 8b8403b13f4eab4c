/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the secretary collects the dues owed in her branch.
registry.category("web_tour.tours").add("party_life_phone_collect_dues_tour", {
    url: "/odoo/action-party_life.party_dues_action",
    steps: () => [
        {
            content: "Open the app's menu",
            trigger: ".o_menu_toggle",
            run: "click",
        },
        {
            content: "Collect Dues",
            trigger: ".o_app_menu_sidebar [data-menu-xmlid='party_life.menu_party_dues_collect']",
            run: "click",
        },
        {
            content: "The secretary's branch is already chosen",
            trigger: ".modal .o_field_widget[name=organization_id] input:value(Phone Dues Branch)",
        },
        {
            content: "Load the members who owe dues",
            trigger: ".modal button[name=action_load_members]",
            run: "click",
        },
        {
            content: "The member owing dues is loaded with the amount owed",
            trigger: ".modal .o_field_widget[name=line_ids]:contains('Phone Payer')",
        },
        {
            content: "What the load found is said",
            trigger: ".modal .o_field_widget[name=load_note]:contains('Phone Dues Branch')",
        },
        {
            content: "Register and post",
            trigger: ".modal button[name=action_register]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary:not([name])",
            run: "click",
        },
        {
            content: "The payment registered is shown",
            trigger: ".o_action_manager .o_data_row:contains('Phone Payer')",
        },
    ],
});

// On a phone (390 px): the member opens her portal, signs in to the meeting that is on
// and sees herself present.
registry.category("web_tour.tours").add("party_life_phone_member_sign_in_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The Party section of the portal: my meetings",
            trigger: "a[href='/my/meetings']",
            run: "click",
        },
        {
            content: "Sign in to the meeting that is on",
            trigger: ".o_party_meeting_card:contains('Phone Theme Day') .o_party_meeting_sign_in",
            run: "click",
        },
        {
            content: "Signed in",
            trigger: ".o_party_meeting_signed_in",
        },
        {
            content: "The meeting shows her present, and no sign-in button any more",
            trigger: ".o_party_meeting_card:contains('Phone Theme Day'):not(:has(.o_party_meeting_sign_in)) .badge.text-bg-success",
        },
    ],
});
