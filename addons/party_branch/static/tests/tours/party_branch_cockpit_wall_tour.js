/** @odoo-module **/

import { registry } from "@web/core/registry";

// The cockpit on a wall screen (大屏, 1920x1080): the big-screen mode fills the screen
// with its sections in four columns.
registry.category("web_tour.tours").add("party_branch_cockpit_wall_tour", {
    url: "/odoo/action-party_branch.party_cockpit_action",
    steps: () => [
        {
            content: "Switch to the big screen",
            trigger: ".o_party_cockpit_wall_toggle",
            run: "click",
        },
        {
            content: "The big screen shows the index and the tree",
            trigger:
                ".o_party_cockpit_wall .o_party_cockpit_section_index .o_party_cockpit_kpi, .o_party_cockpit_wall .o_party_cockpit_section_tree",
        },
        {
            content: "It fills the 1920x1080 screen, four sections a row",
            trigger: ".o_party_cockpit_wall .o_party_cockpit_grid",
            run() {
                const wall = document.querySelector(".o_party_cockpit_wall");
                const box = wall.getBoundingClientRect();
                if (box.width < 1900 || box.height < 1000) {
                    throw new Error(`the big screen is ${box.width}x${box.height}`);
                }
                const grid = wall.querySelector(".o_party_cockpit_grid");
                const columns = getComputedStyle(grid).gridTemplateColumns.split(" ").length;
                if (columns !== 4) {
                    throw new Error(`the big screen has ${columns} columns`);
                }
            },
        },
        {
            content: "Leave the big screen",
            trigger: ".o_party_cockpit_wall .o_party_cockpit_wall_toggle:contains('Exit Big Screen')",
            run: "click",
        },
        {
            content: "Back to the cockpit in the web client",
            trigger: ".o_party_cockpit:not(.o_party_cockpit_wall) .o_party_cockpit_section_index",
        },
    ],
});
