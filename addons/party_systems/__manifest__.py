{
    "name": "Party Working Systems",
    "summary": "Working systems (工作制度体系化): regulation library in six columns, decisions "
    "and votes (议事决策, 三重一大), heart-to-heart talks, petitions, Party affairs disclosure, "
    "fund reports from the accounts, secretaries' yearly reports (双述双评)",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Party Building",
    "website": "https://github.com/party-building/odoo-party-five-modernizations",
    "author": "Party Building Five Modernizations contributors",
    "license": "LGPL-3",
    "depends": [
        "party_branch",
        "party_life",
        "account",
        "website",
        "portal",
        "report_xlsx",
        "account_financial_report",
        "account_asset_management",
    ],
    "data": [
        "data/website_menu_data.xml",
        "security/ir.model.access.csv",
        "security/party_systems_security.xml",
        "data/party_systems_data.xml",
        "report/party_fund_report_reports.xml",
        "views/party_decision_views.xml",
        "views/party_disclosure_views.xml",
        "views/party_talk_views.xml",
        "views/party_regulation_views.xml",
        "views/party_fund_report_views.xml",
        "views/party_secretary_report_views.xml",
        "views/party_petition_views.xml",
        "views/party_stability_matter_views.xml",
        "views/party_asset_filing_views.xml",
        "views/account_asset_views.xml",
        "views/res_company_views.xml",
        "views/party_systems_portal_templates.xml",
        "views/party_systems_menus.xml",
    ],
    "demo": [
        "demo/party_systems_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "party_systems/static/src/scss/party_regulation.scss",
        ],
        "web.assets_tests": [
            "party_systems/static/tests/tours/*.js",
        ],
    },
}
