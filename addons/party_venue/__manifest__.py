{
    "name": "Party Venue Standardization",
    "summary": "Venues (阵地建设规范化): venue registry and sharing, bookings for meetings, "
    "standard checklist and inspections, equipment and fixed assets, construction projects "
    "with a hard budget guard",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Party Building",
    "website": "https://github.com/party-building/odoo-party-five-modernizations",
    "author": "Party Building Five Modernizations contributors",
    "license": "LGPL-3",
    "images": [
        "static/description/screenshot_venues.png",
        "static/description/screenshot_venue_form.png",
    ],
    # Records uninstalling this addon would delete with its tables, and that must be
    # kept: the uninstall is refused with their list (party_branch, ir.module.module).
    "party_uninstall_held": {
        "party.venue.project": [("state", "in", ["approved", "closed"])],
        "party.venue.project.commitment": [("state", "!=", "cancelled")],
        "party.venue.inspection": [("state", "=", "done")],
    },
    "depends": [
        "party_branch",
        "party_life",
        "resource",
        "maintenance",
        "account_asset_management",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/party_venue_security.xml",
        "data/party_venue_function_data.xml",
        "data/party_venue_checklist_data.xml",
        "views/party_venue_views.xml",
        "views/party_venue_booking_views.xml",
        "views/party_venue_project_views.xml",
        "views/party_venue_inspection_views.xml",
        "views/party_venue_config_views.xml",
        "views/party_meeting_views.xml",
        "views/party_organization_views.xml",
        "views/maintenance_equipment_views.xml",
        "views/account_asset_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/party_venue_menus.xml",
        "data/party_index_venue_data.xml",
        "views/party_index_views.xml",
    ],
    "post_init_hook": "_post_init_hook",
    "demo": [
        "demo/party_venue_demo.xml",
        "demo/party_index_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "party_venue/static/tests/tours/*.js",
        ],
    },
}
