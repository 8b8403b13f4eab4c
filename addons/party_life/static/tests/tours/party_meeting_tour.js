/** @odoo-module **/

import { registry } from "@web/core/registry";

const now = luxon.DateTime.now();

// The secretary plans a branch assembly starting now, and signs in.
registry.category("web_tour.tours").add("party_meeting_plan_tour", {
    url: "/odoo/action-party_life.party_meeting_action",
    steps: () => [
        {
            content: "New meeting",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Branch member assembly",
            trigger: ".o_field_widget[name=meeting_type] select",
            run: 'select "branch_assembly"',
        },
        {
            content: "Of the secretary's branch",
            trigger: ".o_field_widget[name=organization_id] input",
            run: "edit Tour Branch",
        },
        {
            content: "Pick the branch",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Branch')",
            run: "click",
        },
        {
            content: "Starting now",
            trigger: ".o_field_widget[name=start] input",
            run: `edit ${now.toFormat("MM/dd/yyyy HH:mm:ss")} && press Escape`,
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour Branch Assembly",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The members are expected",
            trigger: ".o_field_widget[name=attendance_ids] .o_data_row:contains('Tour Member One')",
        },
        {
            content: "The secretary signs in",
            trigger: "button[name=action_sign_in]",
            run: "click",
        },
        {
            content: "Signed in",
            trigger: ".o_field_widget[name=my_attendance_state]:contains('Present')",
        },
    ],
});

// The secretary records the minutes and marks the meeting held.
registry.category("web_tour.tours").add("party_meeting_held_tour", {
    steps: () => [
        {
            content: "Open the minutes",
            trigger: ".o_notebook .nav-link:contains('Minutes')",
            run: "click",
        },
        {
            content: "Write the minutes",
            trigger: ".o_field_html[name=minutes] .odoo-editor-editable",
            run: "editor The assembly adopted the work plan of the quarter.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Mark as held",
            trigger: "button[name=action_held]",
            run: "click",
        },
        {
            content: "Held",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Held')",
        },
    ],
});
