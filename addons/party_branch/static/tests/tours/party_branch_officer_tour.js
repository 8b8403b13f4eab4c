/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("party_branch_officer_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Party Building app",
            trigger: ".o_app[data-menu-xmlid='party_branch.menu_party_root']",
            run: "click",
        },
        {
            content: "The dashboard shows the officer's branch",
            trigger: ".o_kanban_record:contains('Tour Branch')",
            run: "click",
        },
        {
            content: "Open the branch's members",
            trigger: ".o_form_view button[name='action_view_members']",
            run: "click",
        },
        {
            content: "Add a member",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the new member",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour Newcomer",
        },
        {
            content: "Enter a valid ID number",
            trigger: ".o_field_widget[name='id_number'] input",
            run: "edit 110101199003071233 && click .o_form_view .oe_title",
        },
        {
            content: "The date of birth is read from the ID number",
            trigger: ".o_field_widget[name='birthdate'] input:value(03/07/1990)",
        },
        {
            content: "Save the member",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The member is saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the branch",
            trigger: ".o_breadcrumb .breadcrumb-item:nth-child(2) a",
            run: "click",
        },
        {
            content: "The branch now counts the new member",
            trigger: "button[name='action_view_members'] .o_stat_value:contains('4')",
        },
        {
            content: "The vacant position is shown",
            trigger: ".o_field_widget[name='vacant_position_type_ids'] .badge:contains('Propaganda Officer')",
        },
        {
            content: "The vacancy counter shows it too",
            trigger: "button[name='action_view_positions'] .o_stat_value:contains('1')",
        },
    ],
});
