"""Signing in and out, and the month's attendance against a roster checked by hand, across the
Mid-Autumn holiday of 2026 (Friday 09-25 off, Sunday 09-20 a make-up working day)."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from onewindow.assessment import selectors, services
from onewindow.assessment.models import AttendanceDay
from onewindow.assessment.scoring import Mark
from onewindow.assessment.tests.factories import on_duty, signs
from onewindow.cases.tests.factories import at
from onewindow.common.api import NotAllowed
from onewindow.org import services as org_services

pytestmark = pytest.mark.django_db


def test_a_second_sign_in_the_same_day_changes_nothing_and_says_when(hall, seeded_calendar):
    clerk = hall["clerk"]
    first = services.attendance_sign_in(staff=clerk, at=at(date(2026, 9, 18), 8, 52))
    again = services.attendance_sign_in(staff=clerk, at=at(date(2026, 9, 18), 9, 40))
    assert first.changed and not again.changed
    assert again.message == "您今天已于 08:52 签到，无需重复签到。"
    assert AttendanceDay.objects.filter(staff=clerk).count() == 1
    assert again.day.signed_in_at == at(date(2026, 9, 18), 8, 52)


def test_late_and_early_are_told_at_once_against_the_sites_hours(hall, seeded_calendar):
    rule = services.attendance_rule_save(
        site=hall["county"],
        user=hall["office"].user,
        at=at(date(2026, 9, 1)),
        opens_at=time(8, 30),
        closes_at=time(17, 0),
    )
    assert rule.site == hall["county"]
    late = services.attendance_sign_in(staff=hall["clerk"], at=at(date(2026, 9, 18), 8, 31))
    assert late.message == "签到成功：08:31。上班时间为 08:30，记为迟到。"
    early = services.attendance_sign_out(staff=hall["clerk"], at=at(date(2026, 9, 18), 16, 59))
    assert early.message == "签退成功：16:59。下班时间为 17:00，记为早退。"
    again = services.attendance_sign_out(staff=hall["clerk"], at=at(date(2026, 9, 18), 17, 30))
    assert not again.changed and again.message == "您今天已于 16:59 签退，无需重复签退。"
    # The township below follows the county's hours.
    township = services.attendance_sign_in(staff=hall["township_clerk"], at=at(date(2026, 9, 18), 8, 45))
    assert "迟到" in township.message


def test_signing_out_before_signing_in_is_refused(hall, seeded_calendar):
    with pytest.raises(services.AttendanceError) as error:
        services.attendance_sign_out(staff=hall["clerk"], at=at(date(2026, 9, 18), 17, 0))
    assert error.value.code == "not_signed_in" and error.value.status_code == 409


def test_hours_are_checked_and_kept_by_the_office_only(hall, seeded_calendar):
    with pytest.raises(ValidationError) as error:
        services.attendance_rule_save(
            site=hall["county"],
            user=hall["office"].user,
            at=at(date(2026, 9, 1)),
            opens_at=time(17),
            closes_at=time(9),
        )
    assert "下班时间须晚于上班时间" in str(error.value)
    with pytest.raises(NotAllowed):
        services.attendance_rule_save(
            site=hall["county"],
            user=hall["clerk"].user,
            at=at(date(2026, 9, 1)),
            opens_at=time(8),
            closes_at=time(17),
        )
    with pytest.raises(NotAllowed):  # a township office does not set the county's hours
        services.attendance_rule_save(
            site=hall["county"],
            user=hall["township_office"].user,
            at=at(date(2026, 9, 1)),
            opens_at=time(8),
            closes_at=time(17),
        )


@pytest.fixture
def september(hall, seeded_calendar):
    """The clerk at window 1 on six working days around the holiday, checked by hand (hours
    09:00–17:00):
    09-18 Fri  in 08:55 out 17:05       normal
    09-20 Sun  (make-up working day) in 09:10 out 17:00   late
    09-21 Mon  no sign-in, on leave 09-21..09-22          leave (not due)
    09-22 Tue  on leave but came: in 08:50 out 17:30      normal
    09-23 Wed  no sign-in, no leave                       absent
    09-24 Thu  in 08:59 out 16:30                         left early
    09-25 Fri  Mid-Autumn holiday: nobody on the roster; the clerk signs in anyway: rest
    09-28 Mon  in 09:00:59 (09:00 on the clock), never signed out   left early
    clerk_b signs in on 09-21 without being on the roster: shown, not counted."""
    window = hall["windows"][0]
    clerk = hall["clerk"]
    on_duty(
        hall,
        window,
        clerk,
        date(2026, 9, 18),
        date(2026, 9, 20),
        date(2026, 9, 21),
        date(2026, 9, 22),
        date(2026, 9, 23),
        date(2026, 9, 24),
        date(2026, 9, 28),
    )
    org_services.staff_absence_record(
        staff=clerk, kind="LEAVE", start_date=date(2026, 9, 21), end_date=date(2026, 9, 23), note="事假"
    )
    signs(clerk, date(2026, 9, 18), time(8, 55), time(17, 5))
    signs(clerk, date(2026, 9, 20), time(9, 10), time(17, 0))
    signs(clerk, date(2026, 9, 22), time(8, 50), time(17, 30))
    signs(clerk, date(2026, 9, 24), time(8, 59), time(16, 30))
    signs(clerk, date(2026, 9, 25), time(9, 0), time(11, 0))
    services.attendance_sign_in(staff=clerk, at=at(date(2026, 9, 28), 9, 0).replace(second=59))
    signs(hall["clerk_b"], date(2026, 9, 21), time(8, 40), time(17, 10))
    return window


def test_the_roster_holiday_and_absences_give_the_hand_checked_marks(hall, september):
    sheet = selectors.attendance_sheet(site=hall["county"], month=date(2026, 9, 1), today=date(2026, 10, 9))
    rows = {row.staff.pk: row for row in sheet["rows"]}
    clerk = rows[hall["clerk"].pk]
    marks = {cell.day.day: cell.mark for cell in clerk.cells}
    assert marks[18] == Mark.NORMAL
    assert marks[19] == Mark.REST and marks[20] == Mark.LATE  # Saturday off, Sunday worked
    assert marks[21] == Mark.LEAVE and marks[22] == Mark.NORMAL
    assert marks[23] == Mark.ABSENT and marks[24] == Mark.EARLY
    assert marks[25] == Mark.REST  # the holiday: signing in does not make it a duty day
    assert marks[28] == Mark.EARLY  # 09:00:59 is not late; no sign-out is leaving early
    assert marks[29] == Mark.OFF  # not on the roster
    tally = clerk.tally
    assert (tally.due, tally.normal, tally.late, tally.early, tally.absent, tally.leave) == (6, 2, 1, 2, 1, 1)
    # 6 days due − 1 absent − ½ × (1 late + 2 early) = 3.5
    assert tally.credited == 3.5
    other = rows[hall["clerk_b"].pk]
    assert {cell.day.day: cell.sign for cell in other.cells}[21] == "○"
    assert other.tally.due == 0
    assert sheet["working"][date(2026, 9, 25)] is False and sheet["working"][date(2026, 9, 20)] is True


def test_today_is_not_judged_until_it_is_over(hall, september):
    sheet = selectors.attendance_sheet(site=hall["county"], month=date(2026, 9, 1), today=date(2026, 9, 28))
    clerk = next(row for row in sheet["rows"] if row.staff.pk == hall["clerk"].pk)
    assert clerk.cells[27].mark == Mark.PENDING  # 09-28: signed in on time, the day is not over
    assert clerk.tally.due == 5
