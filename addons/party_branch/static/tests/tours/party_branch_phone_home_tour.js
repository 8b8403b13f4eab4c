/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): after login the secretary lands on the Party dashboard and the
// drawer offers the Party menus at once, not only "All apps".
registry.category("web_tour.tours").add("party_branch_phone_home_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The first screen is the Party dashboard",
            trigger: ".o_kanban_view .o_kanban_record:contains('Phone Home Branch')",
        },
        {
            content: "Open the drawer",
            trigger: ".o_menu_toggle",
            run: "click",
        },
        {
            content: "The drawer lists the Party menus: members one tap away",
            trigger: ".o_app_menu_sidebar li:contains('Members')",
        },
        {
            content: "and the findings",
            trigger: ".o_app_menu_sidebar li:contains('Findings')",
        },
    ],
});
