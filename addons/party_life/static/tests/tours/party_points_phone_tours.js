/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member sees their points of the year and their rank on the
// Party home, opens them and sees the lines behind them.
registry.category("web_tour.tours").add("party_life_phone_member_points_tour", {
    url: "/my/party",
    steps: () => [
        {
            content: "My points of the year on the Party home",
            trigger: ".o_party_home_points .o_party_home_points_value:contains('4.00')",
        },
        {
            content: "My rank in my organisation",
            trigger: ".o_party_home_points .o_party_home_points_rank:contains('2')",
        },
        {
            content: "Open my points",
            trigger: ".o_party_home_points a.o_party_home_more",
            run: "click",
        },
        {
            content: "The points and the rank on my points page",
            trigger: ".o_party_points_summary:has(.o_party_points_rank:contains('2')) .o_party_points_total:contains('4.00')",
        },
        {
            content: "The lines behind them: the meetings I attended",
            trigger: ".o_party_points_line:contains('Meeting attended'):contains('2.00')",
        },
        {
            content: "Not my colleague's third meeting: two lines only",
            trigger: ".list-group:not(:has(.o_party_points_line + .o_party_points_line + .o_party_points_line))",
        },
    ],
});
