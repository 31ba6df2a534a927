from datetime import UTC, date, datetime

import pytest

from onewindow.workcalendar import services
from onewindow.workcalendar.models import CalendarChange, CalendarDay, CalendarYear
from onewindow.workcalendar.selectors import working_calendar

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def test_migrate_seeds_every_package_year_and_seeding_again_adds_nothing(seeded_calendar):
    years = services.package_years()
    assert set(CalendarYear.objects.filter(is_published=True).values_list("year", flat=True)) >= set(years)
    assert CalendarDay.objects.get(date=date(2026, 2, 14)).kind == CalendarDay.Kind.MAKEUP_WORKDAY
    assert CalendarDay.objects.get(date=date(2026, 2, 17)).name == "春节"
    before = CalendarDay.objects.count()
    assert services.calendar_seed_from_package(at=NOW) == []
    assert CalendarDay.objects.count() == before


def _enter_2027_spring_festival(actor=None):
    services.calendar_year_open(year=2027, actor=actor, at=NOW)
    return services.calendar_arrangement_add(
        year=2027,
        name="春节",
        first_date=date(2027, 2, 5),
        last_date=date(2027, 2, 13),
        makeup_dates=[date(2027, 1, 31), date(2027, 2, 20)],
        actor=actor,
        at=NOW,
    )


def test_a_year_counts_only_once_published(seeded_calendar):
    # Given the office entered 2027's Spring Festival but has not published it
    _enter_2027_spring_festival()
    calendar = working_calendar()
    # Then deadlines still use Monday–Friday for 2027
    assert calendar.is_year_covered(2027) is False
    assert calendar.add(date(2027, 2, 4), 1) == date(2027, 2, 5)
    # When it is published
    services.calendar_year_publish(year=2027, notice_reference="国办发明电〔2026〕7号", actor=None, at=NOW)
    calendar = working_calendar()
    # Then the festival and the make-up Saturday count
    assert calendar.is_year_covered(2027) is True
    assert calendar.add(date(2027, 2, 4), 1) == date(2027, 2, 15)
    assert calendar.is_working_day(date(2027, 2, 20)) is True
    assert list(CalendarChange.objects.filter(year=2027).values_list("action", flat=True)) == [
        "YEAR_PUBLISHED",
        "DAY_SET",
        "YEAR_OPENED",
    ]


@pytest.mark.parametrize(
    ("first", "last", "makeup", "message"),
    [
        (date(2027, 2, 13), date(2027, 2, 5), [], "结束日期不能早于开始日期"),
        (date(2027, 2, 1), date(2027, 2, 28), [], "不超过 15 天"),
        (date(2027, 2, 5), date(2027, 2, 13), [date(2027, 2, 3)], "本来就是工作日"),
        (date(2027, 2, 5), date(2027, 2, 13), [date(2027, 2, 6)], "已在放假期间内"),
        (date(2029, 2, 5), date(2029, 2, 6), [], "不在 2027 年度内"),
        (date(232, 9, 22), date(2027, 1, 1), [], "不超过 15 天"),  # centuries: refused, not queried
    ],
)
def test_a_wrong_arrangement_is_refused_and_nothing_is_saved(seeded_calendar, first, last, makeup, message):
    services.calendar_year_open(year=2027, actor=None, at=NOW)
    with pytest.raises(services.CalendarError, match=message):
        services.calendar_arrangement_add(
            year=2027, name="春节", first_date=first, last_date=last, makeup_dates=makeup, actor=None, at=NOW
        )
    assert not CalendarDay.objects.filter(date__year__in=[2027, 2029]).exists()


def test_a_date_recorded_twice_is_refused(seeded_calendar):
    _enter_2027_spring_festival()
    with pytest.raises(services.CalendarError, match="2027-02-05 已登记为「放假·春节」"):
        services.calendar_arrangement_add(
            year=2027,
            name="另一个",
            first_date=date(2027, 2, 5),
            last_date=date(2027, 2, 5),
            makeup_dates=[],
            actor=None,
            at=NOW,
        )


def test_an_arrangement_needs_its_year_opened_and_publishing_needs_holidays(seeded_calendar):
    with pytest.raises(services.CalendarError, match="尚未建立"):
        services.calendar_arrangement_add(
            year=2028,
            name="元旦",
            first_date=date(2028, 1, 1),
            last_date=date(2028, 1, 1),
            makeup_dates=[],
            actor=None,
            at=NOW,
        )
    services.calendar_year_open(year=2028, actor=None, at=NOW)
    with pytest.raises(services.CalendarError, match="还没有录入任何放假安排"):
        services.calendar_year_publish(year=2028, notice_reference="", actor=None, at=NOW)


def test_the_office_can_correct_a_published_year_day_by_day(seeded_calendar):
    # Given 2026-10-08 is a working day, when the office records it as a holiday, then it is not
    services.calendar_day_set(
        day=date(2026, 10, 8), kind=CalendarDay.Kind.HOLIDAY, name="国庆节", actor=None, at=NOW
    )
    assert working_calendar().is_working_day(date(2026, 10, 8)) is False
    services.calendar_day_remove(day=date(2026, 10, 8), actor=None, at=NOW)
    assert working_calendar().is_working_day(date(2026, 10, 8)) is True
    with pytest.raises(services.CalendarError, match="没有登记"):
        services.calendar_day_remove(day=date(2026, 10, 8), actor=None, at=NOW)
    with pytest.raises(services.CalendarError, match="本来就是工作日"):
        services.calendar_day_set(
            day=date(2026, 10, 9), kind=CalendarDay.Kind.MAKEUP_WORKDAY, name="x", actor=None, at=NOW
        )
