{
    "name": "Party Branch Standardization",
    "summary": "Party organisation tree, positions and terms, member roster, "
    "compliance findings and membership transfers (支部建设标准化)",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Party Building",
    "website": "https://github.com/party-building/odoo-party-five-modernizations",
    "author": "Party Building Five Modernizations contributors",
    "license": "LGPL-3",
    "images": [
        "static/description/screenshot_organizations.png",
        "static/description/screenshot_members.png",
    ],
    "depends": ["mail", "hr", "portal", "base_import", "web_hierarchy"],
    "data": [
        "security/party_security.xml",
        "security/ir.model.access.csv",
        "data/party_position_type_data.xml",
        "data/party_term_rule_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/party_organization_views.xml",
        "views/party_position_views.xml",
        "views/party_member_views.xml",
        "views/party_finding_views.xml",
        "views/party_member_transfer_views.xml",
        "views/party_term_rule_views.xml",
        "views/res_company_views.xml",
        "views/party_dashboard_views.xml",
        "views/party_menus.xml",
        "views/party_portal_templates.xml",
    ],
    "demo": [
        "demo/party_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "party_branch/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "pre_init_hook": "_pre_init_hook",
}
