/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member ticks the two months she owes on My Party Dues, pays
// them with payment_demo's provider, and finds the receipt of the payment.
registry.category("web_tour.tours").add("party_life_phone_pay_dues_online_tour", {
    url: "/my/dues",
    steps: () => [
        {
            content: "Tick the first month owed",
            trigger: ".o_party_dues_row:eq(0) input.o_party_dues_pick",
            run: "click",
        },
        {
            content: "Tick the second month owed",
            trigger: ".o_party_dues_row:eq(1) input.o_party_dues_pick",
            run: "click",
        },
        {
            content: "Pay the months ticked online",
            trigger: "button.o_party_dues_pay_button",
            run: "click",
        },
        {
            content: "The amount to pay is what the two months owe",
            trigger: ".o_party_dues_pay_amount:contains('180.00')",
        },
        {
            content: "Choose the demo provider's payment method",
            trigger: "input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']:enabled",
            run: "click",
        },
        {
            content: "Back on My Party Dues: the receipt of the payment",
            trigger: ".o_party_dues_payments a.o_party_dues_payment[href^='/my/dues/receipt/']",
        },
        {
            content: "Nothing is left to pay: no month to tick",
            trigger: ".o_party_dues_list:not(:has(input.o_party_dues_pick))",
        },
    ],
});
