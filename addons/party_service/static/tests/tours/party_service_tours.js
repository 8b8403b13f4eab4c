/** @odoo-module **/

import { registry } from "@web/core/registry";

// Phone: a person without an account asks for help.
registry.category("web_tour.tours").add("party_service_public_request_tour", {
    url: "/service/request",
    steps: () => [
        {
            content: "Pick the category",
            trigger: "select[name=category_id]",
            run: "selectByLabel Tour Living",
        },
        {
            content: "Title",
            trigger: "input[name=name]",
            run: "edit Water leak in the stairwell",
        },
        {
            content: "What is needed",
            trigger: "textarea[name=description]",
            run: "edit The pipe on the third floor leaks.",
        },
        {
            content: "Address",
            trigger: "input[name=party_address]",
            run: "edit 18 East Lake Road",
        },
        {
            content: "E-mail",
            trigger: "input[name=partner_email]",
            run: "edit resident@example.com",
        },
        {
            content: "Send",
            trigger: "button.o_party_service_submit",
            run: "click",
        },
        {
            content: "Received, with the private link",
            trigger: ".o_party_service_submitted",
        },
    ],
});

// Phone: the officer assigns the request to a member of the branch.
registry.category("web_tour.tours").add("party_service_officer_assign_tour", {
    url: "/odoo/action-party_service.helpdesk_ticket_action_party",
    steps: () => [
        {
            content: "The request is a card on a phone",
            trigger: ".o_kanban_record:contains('Water leak in the stairwell')",
            run: "click",
        },
        {
            content: "Assign the member: on a phone, a search opens",
            trigger: ".o_field_widget[name=party_member_id] input",
            run: "click",
        },
        {
            content: "Pick the member's card",
            trigger: ".modal .o_kanban_record:contains('Tour Member')",
            run: "click",
        },
        {
            content: "Assigned",
            trigger: ".o_field_widget[name=party_state]:contains('Assigned')",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

// Phone: the member resolves it from the portal.
registry.category("web_tour.tours").add("party_service_member_resolve_tour", {
    url: "/my/service",
    steps: () => [
        {
            content: "The request assigned to the member",
            trigger: ".o_party_service_ticket:contains('Water leak in the stairwell') .o_party_service_resolve",
            run: "click",
        },
        {
            content: "Resolved",
            trigger: ".o_party_service_message",
        },
    ],
});

// Phone: the requester rates it through the private link.
registry.category("web_tour.tours").add("party_service_requester_rate_tour", {
    steps: () => [
        {
            content: "Five stars",
            trigger: "label[for=score_5]",
            run: "click",
        },
        {
            content: "A comment",
            trigger: "textarea[name=comment]",
            run: "edit Fixed the same day, thank you.",
        },
        {
            content: "Rate",
            trigger: "button.o_party_service_rate",
            run: "click",
        },
        {
            content: "Thanked",
            trigger: ".o_party_service_rated",
        },
    ],
});

// Desktop: the officer closes an assessment period and opens a member's score.
registry.category("web_tour.tours").add("party_service_close_period_tour", {
    url: "/odoo/action-party_service.party_assessment_action",
    steps: () => [
        {
            content: "Open the period",
            trigger: ".o_data_row:contains('Tour Period') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Close it",
            trigger: "button[name=action_close]",
            run: "click",
        },
        {
            content: "Confirm: the scores are frozen",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Closed",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Closed')",
        },
        {
            content: "The period's scores",
            trigger: "button[name=action_view_lines]",
            run: "click",
        },
        {
            content: "Open a member's score",
            // the rankings list (the period form's own list has no period column)
            trigger: ".o_list_view .o_data_row:contains('Tour Member') .o_data_cell[name=assessment_id]",
            run: "click",
        },
        {
            content: "The score opens onto the facts behind it",
            trigger: ".o_form_view button[name=action_view_requests]",
            run: "click",
        },
        {
            content: "The resolved request the score counts",
            trigger: ".o_list_view .o_data_row:contains('Tour request')",
        },
    ],
});
