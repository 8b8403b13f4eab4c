/** @odoo-module **/

import { registry } from "@web/core/registry";

const deadline = luxon.DateTime.now().plus({ days: 30 });

// The secretary proposes a decision, puts it on the committee meeting's agenda,
// opens the vote and votes for it.
registry.category("web_tour.tours").add("party_decision_propose_tour", {
    steps: () => [
        {
            content: "New decision",
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour Budget Resolution",
        },
        {
            content: "Organisation",
            trigger: ".o_field_widget[name=organization_id] input",
            run: "edit Tour Systems Branch",
        },
        {
            content: "Pick the branch",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Systems Branch')",
            run: "click",
        },
        {
            content: "Large fund use (三重一大)",
            trigger: ".o_field_widget[name=matter_type] select",
            run: 'select "fund_use"',
        },
        {
            content: "The committee meeting",
            trigger: ".o_field_widget[name=meeting_id] input",
            run: "edit Tour Committee Meeting",
        },
        {
            content: "Pick the meeting",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Committee Meeting')",
            run: "click",
        },
        {
            content: "Put it on the agenda",
            trigger: "button[name=action_schedule]",
            run: "click",
        },
        {
            content: "Open the vote",
            trigger: "button[name=action_open_voting]",
            run: "click",
        },
        {
            content: "The secretary votes for",
            trigger: "button[name=action_vote_for]",
            run: "click",
        },
        {
            content: "The vote is recorded",
            trigger: ".o_field_widget[name=my_vote]:contains('For')",
        },
    ],
});

// The members voted; the secretary closes the vote and assigns the execution.
registry.category("web_tour.tours").add("party_decision_resolve_tour", {
    steps: () => [
        {
            content: "Close the vote",
            trigger: "button[name=action_close_voting]",
            run: "click",
        },
        {
            content: "The execution can be assigned: the resolution passed",
            trigger: "button[name=action_assign_execution]",
        },
        {
            content: "Open the execution",
            trigger: ".o_notebook .nav-link:contains('Execution')",
            run: "click",
        },
        {
            content: "Owner",
            trigger: ".o_field_widget[name=execution_owner_id] input",
            run: "edit Tour Secretary",
        },
        {
            content: "Pick the owner",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Secretary')",
            run: "click",
        },
        {
            content: "Deadline",
            trigger: ".o_field_widget[name=execution_deadline] input",
            run: `edit ${deadline.toFormat("MM/dd/yyyy")} && press Escape`,
        },
        {
            content: "Assign the execution",
            trigger: "button[name=action_assign_execution]",
            run: "click",
        },
        {
            content: "Execution in progress",
            trigger: "button[name=action_execution_done]",
        },
    ],
});

// The website shows the public disclosure and not the members-only one.
registry.category("web_tour.tours").add("party_disclosure_website_tour", {
    url: "/party/disclosures",
    steps: () => [
        {
            content: "The public disclosure is listed",
            trigger: ".o_party_disclosures a:contains('Tour Public Notice')",
        },
        {
            content: "The members-only disclosure is not",
            trigger: ".o_party_disclosures:not(:contains('Tour Members Notice'))",
        },
        {
            content: "Open the public disclosure",
            trigger: ".o_party_disclosures a:contains('Tour Public Notice')",
            run: "click",
        },
        {
            content: "Its text",
            trigger: "p:contains('Tour public body')",
        },
    ],
});
