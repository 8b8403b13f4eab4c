/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the secretary opens the cockpit of her own branch; its sections
// fit the screen, one under the other, and a figure opens its records.
registry.category("web_tour.tours").add("party_branch_phone_cockpit_tour", {
    url: "/odoo/action-party_branch.party_cockpit_action",
    steps: () => [
        {
            content: "The cockpit is the secretary's branch",
            trigger: ".o_party_cockpit_title:contains('Phone Cockpit Branch')",
        },
        {
            content: "Its sections fit the phone's width",
            trigger: ".o_party_cockpit_section_findings",
            run() {
                const page = document.querySelector(".o_party_cockpit");
                if (page.scrollWidth > page.clientWidth + 1) {
                    throw new Error(`the cockpit is ${page.scrollWidth} px wide on a phone`);
                }
                const width = this.anchor.getBoundingClientRect().width;
                if (width > window.innerWidth) {
                    throw new Error(`a section is ${width} px wide on a phone`);
                }
            },
        },
        {
            content: "Open the branch's open findings",
            trigger: ".o_party_cockpit_section_findings .o_party_cockpit_kpi:first",
            run: "click",
        },
        {
            content: "The findings of her branch",
            trigger: ".o_kanban_record:contains('phone cockpit finding')",
        },
    ],
});
