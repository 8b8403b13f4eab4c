/** @odoo-module **/

import { registry } from "@web/core/registry";

// An officer books a venue for a meeting, sees the clash with another booking,
// picks a free slot, and the meeting shows the venue.
registry.category("web_tour.tours").add("party_venue_booking_tour", {
    steps: () => [
        {
            content: "Book a venue from the meeting",
            trigger: "button[name=action_book_venue]",
            run: "click",
        },
        {
            content: "Choose the venue",
            trigger: ".modal .o_field_widget[name=venue_id] input",
            run: "edit Tour Room",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Room')",
            run: "click",
        },
        {
            content: "Save the booking",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The slot is taken by another booking",
            trigger: ".modal-body:contains('already booked')",
        },
        {
            content: "Close the message",
            trigger: ".modal-footer button:contains('Close')",
            run: "click",
        },
        {
            content: "A free slot: from 11:00",
            trigger: ".modal .o_field_widget[name=start] input",
            run: "edit 06/03/2030 11:00:00 && press Tab",
        },
        {
            content: "until 12:00",
            trigger: ".modal .o_field_widget[name=stop] input",
            run: "edit 06/03/2030 12:00:00 && press Tab",
        },
        {
            content: "Save the booking",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The meeting shows the venue",
            trigger: ".o_field_widget[name=venue_id]:contains('Tour Room')",
        },
        {
            content: "and the time of its booking",
            trigger: ".o_field_widget[name=start]:contains('11:00')",
        },
    ],
});
