"""The rules of member development (《中国共产党发展党员工作细则》2014) as data: the
numbers the 细则 sets, the stages, and what each rule refuses (one entry a refusal, its
error and its message, translated by ``party.development._refuse``). See the docstring
of ``models/party_development.py`` for the articles and how they count.

The steps added for issue 24 (their articles checked against the text of the 细则;
where only the chapter could be checked, the chapter is cited):

- 第八条: the activist is chosen among the applicants recommended by members (党员推荐)
  or by a mass organisation (群团组织推优, the Youth League's 推优): a recommendation
  (date, by whom, documents) before the selection.
- 第二章 (入党积极分子的确定和培养教育): the organisation names one or two full members
  as the activist's contact persons (培养联系人, 一至两名正式党员) before the
  activist becomes a development target; they acknowledge the activist's reports.
- 第三章 (发展对象的确定和考察): the political review (政治审查) of the development
  target, with who did it and its conclusion attached; none before the target stage.
- 第十九条: the branch committee's review, then the pre-examination (预审) by the
  superior Party committee with approval power, which issues the application form
  (《中国共产党入党志愿书》) to the targets who pass; 第二十条: only a target who passed
  the pre-examination goes to the branch member assembly.
- 公示: the 细则 sets no public notice; local rules and common practice publish the
  development target before the admission for at least 5 working days (the period is
  data: ``ir.config_parameter`` ``party_life.development_notice_working_days``, with
  its source in party_development_data.xml). The assembly votes after it ended.
- 《中国共产党章程》第六条: the probationary member takes the oath facing the Party
  flag (入党宣誓): not before the admission is approved.
"""

from odoo.exceptions import AccessError, UserError, ValidationError


def _lt(message):
    """Mark ``message`` for the translation template (Odoo extracts ``_lt(...)``);
    ``PartyDevelopment._refuse`` translates and fills it in the user's language."""
    return message


RULE = "《中国共产党发展党员工作细则》"
STAGES = [
    ("applicant", "Applicant"),
    ("activist", "Activist"),
    ("target", "Development Target"),
    ("probationary", "Probationary Member"),
    ("full", "Full Member"),
    ("closed", "Closed"),
]
# Counting (docs/architecture.md, "Numeric rules"): 以上/以下/以内/届满 include the number, 超过/不满 exclude it.
MIN_AGE = 18  # 第五条 年满十八岁: from the 18th birthday
TALK_MONTHS = 1  # 第七条 一个月内: the talk on the deadline day is in time
ACTIVIST_YEARS = 1  # 第十三条 经过一年以上培养教育和考察: the anniversary qualifies
TRAINING_HOURS = 24  # 第十七条 一般不少于3天或24个学时: 24 hours qualify
TRAINING_DAYS = 3
INTRODUCERS = 2  # 第十四条 两名正式党员作入党介绍人
# 三个月内审批 (article 第二十八条 not verified against the text): on the deadline day in time
APPROVAL_MONTHS = 3
PROBATION_YEARS = 1  # 第三十二条 预备期为一年: conversion from the anniversary
EXTENSION_MIN, EXTENSION_MAX = 6, 12  # 第三十二条 延长预备期不能少于半年，最长不超过一年
CONTACTS_MIN, CONTACTS_MAX = 1, 2  # 第二章 一至两名正式党员作培养联系人: 1 and 2 allowed
# 公示: not in the 细则; common practice 不少于5个工作日 (data, see party_development_data.xml)
NOTICE_PARAM = "party_life.development_notice_working_days"
NOTICE_WORKING_DAYS = 5
RULE_CONSTITUTION = "《中国共产党章程》"
RECOMMENDATION_METHODS = [
    ("members", "Recommended by Party members (党员推荐)"),
    ("mass_org", "Recommended by a mass organisation (群团组织推优)"),
]

# What the rules refuse: one entry a refusal, the error raised and its message.
# ``%(name)s`` is the applicant and ``%(rule)s`` the regulation (RULE), filled in
# by ``PartyDevelopment._refuse``; other parameters are given by the caller.
REFUSALS = {
    "under_18": (
        ValidationError,
        _lt(
            "%(name)s was under 18 on the application date (%(date)s): an applicant must be at "
            "least 18 years old (%(rule)s 第五条)."
        ),
    ),
    "talk_before_application": (
        ValidationError,
        _lt("The talk cannot come before the application (%(rule)s 第七条)."),
    ),
    "talk_late": (
        ValidationError,
        _lt(
            "%(name)s: the branch talks with the applicant within 1 month of the application, by "
            "%(deadline)s (%(rule)s 第七条)."
        ),
    ),
    "activist_not_applicant": (
        ValidationError,
        _lt("An activist is selected among applicants (%(rule)s 第八条)."),
    ),
    "target_too_early": (
        ValidationError,
        _lt(
            "%(name)s: an activist is trained for 1 year or more (一年以上) before becoming a "
            "development target, from %(eligible)s (%(rule)s 第十三条)."
        ),
    ),
    "introducers_too_many": (
        ValidationError,
        _lt("%(name)s: there are exactly two introducers (%(rule)s 第十四条)."),
    ),
    "introducer_not_full": (
        ValidationError,
        _lt(
            "%(member)s cannot introduce %(name)s: introducers are full members in good standing "
            "(%(rule)s 第十四条)."
        ),
    ),
    "vote_not_branch_assembly": (
        ValidationError,
        _lt(
            "%(name)s: admission and conversion are voted by the branch member assembly of "
            "%(org)s (%(rule)s 第二十条, 第三十三条)."
        ),
    ),
    "approval_before_vote": (
        ValidationError,
        _lt("The superior approves after the branch's vote (%(rule)s 第二十八条)."),
    ),
    "approval_late": (
        ValidationError,
        _lt(
            "%(name)s: the superior committee approves the admission within 3 months of the "
            "branch assembly's vote, by %(deadline)s (%(rule)s 第二十八条)."
        ),
    ),
    "extension_range": (
        ValidationError,
        _lt(
            "%(name)s: the probation is extended once, by no less than 6 months and no more than "
            "1 year (%(rule)s 第三十二条)."
        ),
    ),
    "votes_exceed": (
        ValidationError,
        _lt(
            "%(name)s: the votes cast cannot exceed the full members due to vote (%(rule)s "
            "第二十一条)."
        ),
    ),
    "vote_no_meeting": (
        UserError,
        _lt(
            "%(name)s: the vote is taken at a branch member assembly: choose the meeting "
            "(%(rule)s 第二十条)."
        ),
    ),
    "vote_meeting_not_held": (
        UserError,
        _lt(
            "%(meeting)s has not been held: record the vote once the branch member assembly took "
            "place (%(rule)s 第二十条)."
        ),
    ),
    "vote_date_mismatch": (
        UserError,
        _lt("The vote date %(date)s is not the date of %(meeting)s."),
    ),
    "vote_not_passed": (
        UserError,
        _lt(
            "%(name)s: %(votes)s votes for out of %(due)s full members due to vote is not more "
            "than half: the branch member assembly did not pass the resolution; probationary "
            "members have no vote (%(rule)s 第二十一条)."
        ),
    ),
    "vote_no_quorum": (
        UserError,
        _lt(
            "%(name)s: %(present)s of the %(due)s full members due to vote were present at "
            "%(meeting)s: the branch member assembly decides with more than half of them present "
            "(%(rule)s 第二十条)."
        ),
    ),
    "votes_exceed_present": (
        UserError,
        _lt(
            "%(name)s: %(votes)s votes cast, but %(present)s full members with a vote were "
            "present at %(meeting)s (%(rule)s 第二十一条)."
        ),
    ),
    "wrong_stage": (
        UserError,
        _lt("%(name)s is at the stage %(stage)s: this step is for %(expected)s."),
    ),
    "internal_contact": (
        AccessError,
        _lt("The contact of an internal user is entered by a Party administrator."),
    ),
    "talk_missing": (
        UserError,
        _lt("%(name)s: record the talk with the applicant first (%(rule)s 第七条)."),
    ),
    "vote_recorded": (
        UserError,
        _lt("The admission vote is already recorded."),
    ),
    "review_missing": (
        UserError,
        _lt(
            "%(name)s: the political review of the development target is recorded before the "
            "admission (%(rule)s 第十六条)."
        ),
    ),
    "training_short": (
        UserError,
        _lt(
            "%(name)s: the development target attends a concentrated training of generally at "
            "least 3 days or 24 hours before the admission; %(hours)s hours recorded (%(rule)s "
            "第十七条)."
        ),
    ),
    "introducers_missing": (
        UserError,
        _lt(
            "%(name)s: two full members are the introducers; %(count)s recorded (%(rule)s "
            "第十四条)."
        ),
    ),
    "vote_before_target": (
        UserError,
        _lt(
            "%(name)s: the admission vote comes after the target stage and the political review "
            "(%(rule)s 第二十条)."
        ),
    ),
    "approval_not_superior": (
        AccessError,
        _lt(
            "%(name)s: an admission voted by the branch member assembly is approved by the "
            "superior Party committee (上级党委审批, %(rule)s), never by an officer of the "
            "branch itself."
        ),
    ),
    "approval_without_vote": (
        UserError,
        _lt(
            "%(name)s: the branch member assembly votes the admission before the superior "
            "approves it (%(rule)s 第二十五条)."
        ),
    ),
    "conversion_too_early": (
        UserError,
        _lt(
            "%(name)s: the probation ends on %(end)s; the conversion is voted when it has ended "
            "(%(rule)s 第三十二条)."
        ),
    ),
    "extended_twice": (
        UserError,
        _lt("%(name)s: the probation can be extended only once (%(rule)s 第三十二条)."),
    ),
    "extension_missing": (
        UserError,
        _lt("Enter the extension, 6 to 12 months (%(rule)s 第三十二条)."),
    ),
    "close_reason_missing": (
        UserError,
        _lt("Record the reason for closing the development of %(name)s."),
    ),
    "recommendation_missing": (
        UserError,
        _lt(
            "%(name)s: an activist is chosen among applicants recommended by Party members or "
            "by a mass organisation such as the Youth League: record the recommendation first "
            "(%(rule)s 第八条)."
        ),
    ),
    "recommendation_order": (
        ValidationError,
        _lt(
            "%(name)s: the recommendation comes after the application and before the selection "
            "as activist (%(rule)s 第八条)."
        ),
    ),
    "contacts_missing": (
        UserError,
        _lt(
            "%(name)s: the organisation names one or two full members as the activist's contact "
            "persons before the activist becomes a development target (%(rule)s 第二章)."
        ),
    ),
    "contacts_count": (
        ValidationError,
        _lt(
            "%(name)s: an activist has one or two contact persons (%(rule)s 第二章, "
            "一至两名正式党员)."
        ),
    ),
    "contact_not_full": (
        ValidationError,
        _lt(
            "%(member)s cannot be a contact person of %(name)s: contact persons are full members "
            "in good standing of %(org)s (%(rule)s 第二章)."
        ),
    ),
    "contacts_before_activist": (
        ValidationError,
        _lt(
            "%(name)s: contact persons are named for an activist, on or after the selection as "
            "activist (%(rule)s 第二章)."
        ),
    ),
    "review_before_target": (
        ValidationError,
        _lt(
            "%(name)s: the political review is of the development target: it is dated on or "
            "after the selection as development target (%(rule)s 第三章)."
        ),
    ),
    "preexam_missing": (
        UserError,
        _lt(
            "%(name)s: only a development target who passed the pre-examination of the "
            "superior Party committee goes to the branch member assembly (%(rule)s 第十九条, "
            "第二十条)."
        ),
    ),
    "preexam_order": (
        ValidationError,
        _lt(
            "%(name)s: the superior committee pre-examines a development target whose political "
            "review is recorded, on or after its date, and before the assembly's vote (%(rule)s "
            "第十九条)."
        ),
    ),
    "preexam_not_superior": (
        ValidationError,
        _lt(
            "%(name)s: the pre-examination is made by a Party committee above %(org)s "
            "(%(rule)s 第十九条)."
        ),
    ),
    "notice_missing": (
        UserError,
        _lt(
            "%(name)s: publish the development target for %(days)s working days before the "
            "admission vote (公示)."
        ),
    ),
    "notice_order": (
        ValidationError,
        _lt(
            "%(name)s: the public notice of the development target starts on or after the "
            "selection as development target, and the assembly votes after it ended on "
            "%(end)s (公示)."
        ),
    ),
    "form_missing": (
        UserError,
        _lt(
            "%(name)s: the development target fills in the application form (入党志愿书) issued "
            "after the pre-examination before the assembly's vote and the admission (%(rule)s "
            "第十九条)."
        ),
    ),
    "form_order": (
        ValidationError,
        _lt(
            "%(name)s: the application form (入党志愿书) is issued to the development targets who "
            "passed the pre-examination: it is dated on or after the pre-examination and on or "
            "before the assembly's vote (%(rule)s 第十九条)."
        ),
    ),
    "oath_before_admission": (
        ValidationError,
        _lt(
            "%(name)s: the oath is taken by a probationary member, on or after the approval of "
            "the admission (%(constitution)s 第六条)."
        ),
    ),
}
