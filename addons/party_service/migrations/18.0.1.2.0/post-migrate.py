"""18.0.1.2.0: the public form offers the Party's categories only (party_category).
The categories the Party already uses, named by a routing rule or by a Party
service request, stay on the form; helpdesk's others (IT support...) leave it."""


def migrate(cr, version):
    cr.execute(
        "UPDATE helpdesk_ticket_category SET party_category = TRUE "
        "WHERE id IN (SELECT category_id FROM party_service_route WHERE category_id IS NOT NULL) "
        "OR id IN (SELECT category_id FROM helpdesk_ticket "
        "WHERE category_id IS NOT NULL AND party_organization_id IS NOT NULL)"
    )
