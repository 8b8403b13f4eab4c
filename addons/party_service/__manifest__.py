{
    "name": "Party Service Refinement",
    "summary": "Serving the public and the service assessment (管理服务精细化): service requests "
    "on OCA Helpdesk with routing, deadlines, escalation and ratings, a public request form, "
    "pairing assistance, volunteer hours, the members' service assessment",
    "version": "18.0.1.3.0",
    "category": "Human Resources/Party Building",
    "website": "https://github.com/party-building/odoo-party-five-modernizations",
    "author": "Party Building Five Modernizations contributors",
    "license": "LGPL-3",
    # Records uninstalling this addon would delete with its tables, and that must be
    # kept: the uninstall is refused with their list (party_branch, ir.module.module).
    "party_uninstall_held": {
        "party.assessment": [("state", "=", "closed")],
        "party.pairing.visit": [("state", "=", "done")],
    },
    "depends": [
        "party_branch",
        "party_life",
        "helpdesk_mgmt",
        "rating",
        "website",
        "event",
        "report_xlsx",
    ],
    "data": [
        "data/website_menu_data.xml",
        "security/ir.model.access.csv",
        "security/party_service_security.xml",
        "data/mail_activity_type_data.xml",
        "data/helpdesk_data.xml",
        "data/party_assessment_rule_data.xml",
        "data/party_point_rule_data.xml",
        "data/ir_cron_data.xml",
        "report/party_assessment_reports.xml",
        "views/helpdesk_ticket_views.xml",
        "views/party_service_route_views.xml",
        "views/party_assessment_rule_views.xml",
        "views/party_assessment_views.xml",
        "views/party_pairing_views.xml",
        "views/event_views.xml",
        "views/party_service_menus.xml",
        "views/party_service_website_templates.xml",
        "views/party_service_portal_templates.xml",
        "views/party_portal_home_templates.xml",
        "data/party_index_refinement_data.xml",
        "views/party_index_views.xml",
    ],
    "post_init_hook": "_post_init_hook",
    "demo": [
        "demo/party_service_demo.xml",
        "demo/party_index_demo.xml",
        "demo/party_point_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "party_service/static/tests/tours/*.js",
        ],
    },
}
