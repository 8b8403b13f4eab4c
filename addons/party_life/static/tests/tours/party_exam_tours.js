/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member opens her study from her Party home, goes to her
// required course, takes its exam, passes it and sees the result on her study page.
registry.category("web_tour.tours").add("party_life_phone_member_exam_tour", {
    url: "/my/party",
    steps: () => [
        {
            content: "My study this year, on the Party home",
            trigger: ".o_party_home_study a[href='/my/party/study']",
            run: "click",
        },
        {
            content: "The hours still to study",
            trigger: ".o_party_study_shortfall",
        },
        {
            content: "My required course",
            trigger: ".o_party_study_course a:contains('Phone Course')",
            run: "click",
        },
        {
            content: "The course's exam",
            trigger: "a:contains('Phone Exam')",
            run: "click",
        },
        {
            content: "Start the exam",
            trigger: "button.btn-primary:contains('Start Certification')",
            run: "click",
        },
        {
            content: "Answer: one year",
            trigger: "div.js_question-wrapper:contains('Probation of a member') label:contains('One year')",
            run: "click",
        },
        {
            content: "Answer: two introducers",
            trigger: "div.js_question-wrapper:contains('Introducers needed') label:contains('Two')",
            run: "click",
        },
        {
            content: "Submit",
            trigger: "button[type='submit']",
            run: "click",
        },
        {
            content: "The score",
            trigger: "h1:contains('You scored')",
        },
        {
            content: "Back to my study",
            trigger: "body",
            run: "goToUrl /my/party/study",
        },
        {
            content: "The exam passed, on my study page",
            trigger: ".o_party_study_exam:contains('Phone Exam') .o_party_exam_passed",
        },
    ],
});

// On a phone (390 px): the secretary opens the study of the year and sees who has not
// studied enough.
registry.category("web_tour.tours").add("party_life_phone_study_short_tour", {
    url: "/odoo/action-party_life.party_member_study_action",
    steps: () => [
        {
            content: "Who has not studied enough: the member short of hours",
            trigger: ".o_data_row:contains('Phone Slow Learner')",
        },
        {
            content: "The secretary herself: 56 hours required of a secretary, none studied",
            trigger: ".o_data_row:contains('Phone Study Secretary'):contains('56.00')",
        },
        {
            content: "Who has studied enough is not listed",
            trigger: ".o_action_manager:not(:has(.o_data_row:contains('Phone Keen Learner')))",
        },
    ],
});

// On a phone (390 px): after the night's points run, the member sees the points of the
// exam she passed on her points page.
registry.category("web_tour.tours").add("party_life_phone_member_exam_points_tour", {
    url: "/my/party",
    steps: () => [
        {
            content: "My points of the year on the Party home: the exam and the course it completed",
            trigger: ".o_party_home_points .o_party_home_points_value:contains('10.00')",
        },
        {
            content: "Open my points",
            trigger: ".o_party_home_points a.o_party_home_more",
            run: "click",
        },
        {
            content: "The line of the exam passed",
            trigger: ".o_party_points_line:contains('Exam passed'):contains('5.00')",
        },
    ],
});
