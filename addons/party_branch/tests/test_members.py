from datetime import date, timedelta

from stdnum.cn import ric

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.party_branch.tools import gb11643

from .common import PUBLISHED_ID, PartyBranchCase, make_id


@tagged("post_install", "-at_install")
class TestMemberIdNumber(PartyBranchCase):
    """GB 11643-1999 identity numbers on party.member."""

    def _count(self, name):
        return self.Member.search_count([("name", "=", name)])

    def test_published_example_accepted(self):
        member = self._member(
            self.branch_a,
            "Published Example",
            id_number=PUBLISHED_ID,
            birthdate=date(1949, 12, 31),
            gender="female",
            join_date=date(1970, 1, 1),
            full_date=date(1971, 1, 1),
        )
        self.assertEqual(member.id_number, PUBLISHED_ID)

    def test_wrong_check_digit_refused(self):
        wrong = PUBLISHED_ID[:17] + "1"
        with self.assertRaisesRegex(ValidationError, r"wrong check digit.*end with X.*GB 11643"):
            self._member(self.branch_a, "Wrong Check Digit", id_number=wrong)
        self.assertEqual(self._count("Wrong Check Digit"), 0)

    def test_wrong_check_digit_on_built_number_refused(self):
        number = make_id(date(1980, 2, 29))
        wrong = number[:17] + ("0" if number[17] != "0" else "1")
        with self.assertRaisesRegex(ValidationError, "GB 11643"):
            self._member(self.branch_a, "Wrong Check Digit", id_number=wrong)
        self.assertEqual(self._count("Wrong Check Digit"), 0)

    def test_malformed_id_number_refused(self):
        with self.assertRaisesRegex(ValidationError, "17 digits.*GB 11643"):
            self._member(self.branch_a, "Short Number", id_number="1101051949123100")
        self.assertEqual(self._count("Short Number"), 0)

    def test_id_number_encoding_no_real_date_refused(self):
        first17 = "11010519490230002"  # 30 February
        number = first17 + gb11643.check_char(first17)
        with self.assertRaisesRegex(ValidationError, "real date of birth.*GB 11643"):
            self._member(self.branch_a, "No Real Date", id_number=number)
        self.assertEqual(self._count("No Real Date"), 0)

    def test_id_number_birthdate_mismatch_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "does not match the ID number.*1949-12-31.*GB 11643"
        ):
            self._member(
                self.branch_a,
                "Birthdate Mismatch",
                id_number=PUBLISHED_ID,
                birthdate=date(1949, 12, 30),
            )
        self.assertEqual(self._count("Birthdate Mismatch"), 0)

    def test_id_number_gender_mismatch_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "gender.*does not match the ID number.*GB 11643"
        ):
            self._member(self.branch_a, "Gender Mismatch", id_number=PUBLISHED_ID, gender="male")
        self.assertEqual(self._count("Gender Mismatch"), 0)

    def test_later_gender_change_against_id_number_refused(self):
        with self.assertRaisesRegex(ValidationError, "GB 11643"):
            self.member_a.gender = "male"
        self.assertEqual(self.member_a.gender, "female")

    def test_lowercase_x_normalised_on_create(self):
        member = self._member(self.branch_a, "Lowercase", id_number=PUBLISHED_ID.lower())
        self.assertEqual(member.id_number, PUBLISHED_ID)

    def test_lowercase_x_normalised_on_write(self):
        member = self._member(self.branch_a, "Lowercase")
        member.id_number = " " + PUBLISHED_ID.lower()
        self.assertEqual(member.id_number, PUBLISHED_ID)

    def test_built_numbers_agree_with_stdnum(self):
        """The builder and the checks keep stdnum's check digit and birth date."""
        for birth, order in (
            (date(1949, 12, 31), 2),
            (date(2000, 2, 29), 999),
            (date(1980, 1, 1), 0),
        ):
            number = gb11643.make(110105, birth, order)
            self.assertEqual(ric.validate(number), number)
            self.assertTrue(gb11643.has_valid_check_digit(number))
            self.assertEqual(gb11643.birthdate(number), ric.get_birth_date(number))
        self.assertEqual(gb11643.make(110105, date(1949, 12, 31), 2), PUBLISHED_ID)
        self.assertEqual(gb11643.normalize(" 110105 19491231 002x "), PUBLISHED_ID)
        self.assertEqual(gb11643.gender(PUBLISHED_ID), "female")
        self.assertFalse(gb11643.has_valid_format("01010519491231002X"))

    def test_onchange_fills_birthdate_and_gender(self):
        member = self.Member.new({"name": "New", "id_number": PUBLISHED_ID.lower()})
        member._onchange_id_number()
        self.assertEqual(member.birthdate, date(1949, 12, 31))
        self.assertEqual(member.gender, "female")


@tagged("post_install", "-at_install")
class TestMemberDates(PartyBranchCase):
    """Dates of birth, admission and full membership."""

    def _count(self, name):
        return self.Member.search_count([("name", "=", name)])

    def test_future_birthdate_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "Date of Birth of Future Birth cannot be in the future"
        ):
            self._member(
                self.branch_a,
                "Future Birth",
                "probationary",
                birthdate=self.today + timedelta(days=1),
                join_date=False,
            )
        self.assertEqual(self._count("Future Birth"), 0)

    def test_future_admission_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "Admission Date of Future Join cannot be in the future"
        ):
            self._member(
                self.branch_a,
                "Future Join",
                "probationary",
                join_date=self.today + timedelta(days=1),
            )
        self.assertEqual(self._count("Future Join"), 0)

    def test_future_full_date_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "Full Membership Date .*cannot be in the future"
        ):
            self._member(self.branch_a, "Future Full", full_date=self.today + timedelta(days=1))
        self.assertEqual(self._count("Future Full"), 0)

    def test_future_last_contact_refused(self):
        with self.assertRaisesRegex(ValidationError, "Last Contact .*cannot be in the future"):
            self._member(
                self.branch_a, "Future Contact", last_contact_date=self.today + timedelta(days=1)
            )
        self.assertEqual(self._count("Future Contact"), 0)

    def test_dates_of_today_accepted(self):
        member = self._member(
            self.branch_a,
            "Joined Today",
            "probationary",
            join_date=self.today,
            last_contact_date=self.today,
        )
        self.assertEqual(member.join_date, self.today)

    def test_full_date_before_join_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "must come after the admission date"):
            self._member(
                self.branch_a, "Early Full", join_date=date(2012, 5, 1), full_date=date(2012, 4, 30)
            )
        self.assertEqual(self._count("Early Full"), 0)

    def test_full_date_equal_join_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "must come after the admission date"):
            self._member(
                self.branch_a,
                "Same Day Full",
                join_date=date(2012, 5, 1),
                full_date=date(2012, 5, 1),
            )
        self.assertEqual(self._count("Same Day Full"), 0)

    def test_full_date_after_join_date_accepted(self):
        member = self._member(
            self.branch_a, "Next Day Full", join_date=date(2012, 5, 1), full_date=date(2012, 5, 2)
        )
        self.assertEqual(member.member_category, "full")

    def test_full_date_without_join_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "record the admission date"):
            self._member(self.branch_a, "No Join", join_date=False)
        self.assertEqual(self._count("No Join"), 0)

    def test_admission_before_18_refused(self):
        with self.assertRaisesRegex(ValidationError, "before the age of 18"):
            self._member(
                self.branch_a,
                "Too Young",
                "probationary",
                birthdate=date(1990, 6, 15),
                join_date=date(2008, 6, 14),
            )
        self.assertEqual(self._count("Too Young"), 0)

    def test_admission_on_18th_birthday_accepted(self):
        member = self._member(
            self.branch_a,
            "Just 18",
            "probationary",
            birthdate=date(1990, 6, 15),
            join_date=date(2008, 6, 15),
        )
        self.assertEqual(member.join_date, date(2008, 6, 15))

    def test_full_category_without_full_date_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "is a full member: record the full membership date"
        ):
            self._member(self.branch_a, "Full No Date", full_date=False)
        self.assertEqual(self._count("Full No Date"), 0)

    def test_probationary_with_full_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "recorded as probationary"):
            self._member(
                self.branch_a, "Probationary Dated", "probationary", full_date=date(2011, 3, 1)
            )
        self.assertEqual(self._count("Probationary Dated"), 0)

    def test_negative_dues_base_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._member(self.branch_a, "Negative Base", dues_base=-1)
        self.assertEqual(self._count("Negative Base"), 0)

    def test_negative_dues_base_write_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.member_b.dues_base = -0.01
        self.assertEqual(self.member_b.dues_base, 4500)


@tagged("post_install", "-at_install")
class TestMemberSingleMembership(PartyBranchCase):
    """One active Party membership per person."""

    def _count(self):
        return self.Member.search_count(
            [("organization_id", "in", (self.branch_a | self.branch_b).ids)]
        )

    def test_same_id_number_in_another_organisation_refused(self):
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "already has an active membership") as error:
            self._member(self.branch_a, "Member B Again", id_number=self.member_b.sudo().id_number)
        self.assertEqual(self._count(), count)
        # the message is no oracle: it names neither the holder of the number nor their branch
        self.assertNotIn("Member B", str(error.exception).replace("Member B Again", ""))
        self.assertNotIn("Branch B", str(error.exception))

    def test_same_id_number_with_lowercase_x_refused(self):
        self._member(self.branch_a, "Published", id_number=PUBLISHED_ID)
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "already has an active membership"):
            self._member(self.branch_b, "Published Again", id_number=PUBLISHED_ID.lower())
        self.assertEqual(self._count(), count)

    def test_same_user_refused(self):
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "already has an active membership"):
            self._member(self.branch_b, "Officer A Again", user_id=self.officer_a.id)
        self.assertEqual(self._count(), count)

    def test_two_members_created_together_with_same_id_refused(self):
        count = self._count()
        number = make_id(date(1988, 3, 3))
        with self.assertRaisesRegex(ValidationError, "already has an active membership"):
            self.Member.create(
                [
                    self._member_vals(self.branch_a, "Twin 1", id_number=number),
                    self._member_vals(self.branch_b, "Twin 2", id_number=number),
                ]
            )
        self.assertEqual(self._count(), count)

    def test_reactivating_old_membership_refused(self):
        number = self.member_b.sudo().id_number
        self.member_b.status = "transferred_out"
        self._member(self.branch_a, "Member B Again", id_number=number)
        with self.assertRaisesRegex(ValidationError, "already has an active membership"):
            self.member_b.status = "active"
        self.assertEqual(self.member_b.status, "transferred_out")

    def test_new_membership_allowed_after_transferred_out(self):
        number = self.member_b.sudo().id_number
        self.member_b.status = "transferred_out"
        again = self._member(self.branch_a, "Member B Again", id_number=number)
        self.assertEqual(again.status, "active")

    def test_new_membership_for_user_allowed_after_transferred_out(self):
        self.secretary_b.status = "transferred_out"
        again = self._member(self.branch_a, "Secretary B Again", user_id=self.officer_b.id)
        self.assertEqual(again.user_id, self.officer_b)


@tagged("post_install", "-at_install")
class TestMemberLifecycle(PartyBranchCase):
    """Organisation changes, deletion, ages and standings."""

    def test_officer_cannot_change_organisation_directly(self):
        member = self.member_a.with_user(self.officer_c)
        with self.assertRaisesRegex(UserError, "only through a transfer of membership"):
            member.organization_id = self.branch_b
        self.assertEqual(self.member_a.organization_id, self.branch_a)

    def test_officer_can_edit_other_fields(self):
        self.member_a.with_user(self.officer_a).write(
            {"phone": "+86 10 1234 5678", "organization_id": self.branch_a.id}
        )
        self.assertEqual(self.member_a.phone, "+86 10 1234 5678")

    def test_committee_admin_can_change_organisation(self):
        self.member_b.with_user(self.admin).write({"organization_id": self.branch_a.id})
        self.assertEqual(self.member_b.organization_id, self.branch_a)

    def test_member_is_never_deleted(self):
        with self.assertRaisesRegex(UserError, "never deleted"):
            self.member_b.unlink()
        self.assertTrue(self.member_b.exists())

    def test_committee_admin_cannot_delete_member(self):
        with self.assertRaises(UserError):
            self.member_b.with_user(self.admin).unlink()
        self.assertTrue(self.member_b.exists())

    @freeze_time("2024-06-15 10:00:00")
    def test_age_and_age_band(self):
        expected = {
            date(1994, 6, 16): (29, "30"),
            date(1994, 6, 15): (30, "30"),
            date(1993, 6, 16): (30, "30"),
            date(1993, 6, 15): (31, "40"),
            date(1984, 6, 15): (40, "40"),
            date(1983, 6, 15): (41, "50"),
            date(1964, 6, 15): (60, "60"),
            date(1954, 6, 15): (70, "70"),
            date(1953, 6, 15): (71, "99"),
        }
        self._assert_years_and_band(
            expected,
            "age",
            "age_band",
            lambda day: {"category": "probationary", "birthdate": day, "join_date": False},
        )

    @freeze_time("2024-06-15 10:00:00")
    def test_standing_years_and_band(self):
        expected = {
            date(2023, 6, 16): (0, "5"),
            date(2019, 6, 16): (4, "5"),
            date(2019, 6, 15): (5, "10"),
            date(2014, 6, 16): (9, "10"),
            date(2014, 6, 15): (10, "20"),
            date(2004, 6, 15): (20, "30"),
            date(1995, 6, 16): (28, "30"),
            date(1994, 6, 15): (30, "99"),
        }
        self._assert_years_and_band(
            expected,
            "standing_years",
            "standing_band",
            lambda day: {"join_date": day - timedelta(days=365), "full_date": day},
        )

    def _assert_years_and_band(self, expected, years_field, band_field, values):
        """For each day of ``expected``, a member of Branch A created with the values
        ``values(day)`` has ``expected[day]`` in (``years_field``, ``band_field``)."""
        for day, figures in expected.items():
            member = self._member(self.branch_a, f"{years_field} {day}", **values(day))
            self.assertEqual((member[years_field], member[band_field]), figures, day)

    def test_probationary_member_standing_band(self):
        member = self._member(self.branch_a, "Probationary", "probationary")
        self.assertEqual((member.standing_years, member.standing_band), (0, "0"))

    @freeze_time("2024-06-15 10:00:00")
    def test_conversion_to_full_member_updates_standing(self):
        member = self._member(
            self.branch_a, "Converted", "probationary", join_date=date(2010, 3, 1)
        )
        member.write({"member_category": "full", "full_date": date(2011, 3, 1)})
        self.assertEqual((member.standing_years, member.standing_band), (13, "20"))

    def test_cron_refresh_ages(self):
        with freeze_time("2024-06-15 10:00:00"):
            member = self._member(
                self.branch_a,
                "Birthday Tomorrow",
                birthdate=date(1993, 6, 16),
                join_date=date(2019, 6, 16),
                full_date=date(2020, 6, 16),
            )
            self.assertEqual((member.age, member.age_band), (30, "30"))
            self.assertEqual((member.standing_years, member.standing_band), (3, "5"))
        with freeze_time("2025-06-16 10:00:00"):
            self.Member._cron_refresh_ages()
            member.invalidate_recordset()
            self.assertEqual((member.age, member.age_band), (32, "40"))
            self.assertEqual((member.standing_years, member.standing_band), (5, "10"))

    def test_cron_refresh_ages_stores_the_values(self):
        with freeze_time("2024-06-15 10:00:00"):
            member = self._member(
                self.branch_a,
                "Stored Age",
                birthdate=date(1993, 6, 16),
                join_date=date(2019, 6, 16),
                full_date=date(2020, 6, 16),
            )
        with freeze_time("2024-06-16 10:00:00"):
            self.Member._cron_refresh_ages()
        self.env.invalidate_all()
        self.assertEqual(
            self.Member.search_count(
                [("id", "=", member.id), ("age", "=", 31), ("age_band", "=", "40")]
            ),
            1,
        )
