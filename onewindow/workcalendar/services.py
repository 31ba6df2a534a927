"""Writing the calendar. Every change is one transaction, logged, and bumps the revision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from onewindow.common.api import DomainError
from onewindow.workcalendar.models import CalendarChange, CalendarDay, CalendarYear
from onewindow.workcalendar.selectors import calendar_cache_clear

#: The package's English festival names → the names the State Council notice uses.
PACKAGE_FESTIVAL_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
#: An arrangement is one festival's block of days off; the longest ever was 9 days (2026 春节).
MAX_ARRANGEMENT_DAYS = 15


class CalendarError(DomainError):
    code = "calendar_invalid"


def _log(*, year: int, action: str, detail: str, actor, at: datetime) -> None:
    calendar_cache_clear()
    CalendarChange.objects.create(
        year=year, action=action, detail=detail[:300], changed_by=actor, changed_at=at
    )


def package_years() -> list[int]:
    from chinese_calendar import constants

    return sorted({day.year for day in constants.holidays} | {day.year for day in constants.workdays})


@transaction.atomic
def calendar_seed_from_package(*, at: datetime, years: Iterable[int] | None = None) -> list[int]:
    """Load every year the chinese-calendar package covers that the database does not have yet.

    A year already present (from the package or entered by the office) is left alone, so running
    this again is harmless. Returns the years added.
    """
    from chinese_calendar import constants

    wanted = set(years) if years is not None else set(package_years())
    existing = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    added = sorted(wanted - existing)
    if not added:
        return []
    rows = [
        CalendarDay(
            date=day, kind=kind, name=PACKAGE_FESTIVAL_NAMES.get(str(name), str(name)), calendar_year=day.year
        )
        for source, kind in (
            (constants.holidays, CalendarDay.Kind.HOLIDAY),
            (constants.workdays, CalendarDay.Kind.MAKEUP_WORKDAY),
        )
        for day, name in source.items()
        if day.year in added
    ]
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)
    CalendarYear.objects.bulk_create(
        [
            CalendarYear(year=year, source=CalendarYear.Source.PACKAGE, is_published=True, published_at=at)
            for year in added
        ]
    )
    for year in added:
        _log(
            year=year,
            action=CalendarChange.Action.SEEDED,
            detail=_("由 chinese-calendar 数据包导入"),
            actor=None,
            at=at,
        )
    return added


@transaction.atomic
def calendar_year_open(*, year: int, actor, at: datetime) -> CalendarYear:
    """Open a year for the office to enter its arrangement (not in force until published)."""
    if not 1990 <= year <= 2200:
        raise CalendarError(_("年份须在 1990 至 2200 之间。"))
    record, created = CalendarYear.objects.get_or_create(
        year=year, defaults={"source": CalendarYear.Source.OFFICE, "is_published": False}
    )
    if created:
        _log(
            year=year,
            action=CalendarChange.Action.YEAR_OPENED,
            detail=_("新建年度，待录入"),
            actor=actor,
            at=at,
        )
    return record


def _check_year_open(year: int) -> CalendarYear:
    record = CalendarYear.objects.select_for_update().filter(year=year).first()
    if record is None:
        raise CalendarError(_("%(year)s 年尚未建立，请先新建年度。") % {"year": year})
    return record


def _set_day(*, day: date, kind: str, name: str, year: int, actor, at: datetime) -> None:
    if kind == CalendarDay.Kind.MAKEUP_WORKDAY and day.weekday() < 5:
        raise CalendarError(
            _("%(date)s 是周一至周五，本来就是工作日，不能设为调休上班日。") % {"date": day.isoformat()}
        )
    CalendarDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name, "calendar_year": year}
    )
    label = CalendarDay.Kind(kind).label
    _log(
        year=year,
        action=CalendarChange.Action.DAY_SET,
        detail=f"{day.isoformat()} {label}（{name}）",
        actor=actor,
        at=at,
    )


@transaction.atomic
def calendar_arrangement_add(
    *,
    year: int,
    name: str,
    first_date: date,
    last_date: date,
    makeup_dates: Iterable[date],
    actor,
    at: datetime,
) -> list[CalendarDay]:
    """Enter one festival's arrangement as the notice reads: days off from `first_date` to
    `last_date` inclusive, plus the weekend days that become working days.

    Raises CalendarError (nothing saved) for an empty name, a reversed or over-long range, dates far
    from the year, a make-up day on a weekday or inside the days off, or a date already recorded.
    """
    if not 1990 <= year <= 2200:
        raise CalendarError(_("年份须在 1990 至 2200 之间。"))
    name = (name or "").strip()
    makeup_dates = sorted(set(makeup_dates))
    errors = []
    if not name:
        errors.append(_("请填写节日名称。"))
    if last_date < first_date:
        errors.append(_("放假结束日期不能早于开始日期。"))
    elif (last_date - first_date).days + 1 > MAX_ARRANGEMENT_DAYS:
        errors.append(_("一次放假安排不超过 %(days)s 天，请检查日期。") % {"days": MAX_ARRANGEMENT_DAYS})
    window_start, window_end = date(year, 1, 1) - timedelta(days=15), date(year, 12, 31) + timedelta(days=15)
    for day in [first_date, last_date, *makeup_dates]:
        if not window_start <= day <= window_end:
            errors.append(_("%(date)s 不在 %(year)s 年度内。") % {"date": day.isoformat(), "year": year})
    span = (last_date - first_date).days + 1
    # A range refused above lists no days (a centuries-long one would not fit in one query).
    holidays = (
        [first_date + timedelta(days=offset) for offset in range(span)]
        if 0 < span <= MAX_ARRANGEMENT_DAYS
        else []
    )
    for day in makeup_dates:
        if first_date <= day <= last_date:
            errors.append(_("%(date)s 已在放假期间内，不能同时是调休上班日。") % {"date": day.isoformat()})
        elif day.weekday() < 5:
            errors.append(
                _("%(date)s 是周一至周五，本来就是工作日，不能设为调休上班日。") % {"date": day.isoformat()}
            )
    taken = CalendarDay.objects.filter(date__in=[*holidays, *makeup_dates]).order_by("date")
    errors.extend(
        _("%(date)s 已登记为「%(existing)s」，请先删除。")
        % {"date": day.date.isoformat(), "existing": f"{day.get_kind_display()}·{day.name}"}
        for day in taken
    )
    if errors:
        raise CalendarError("；".join(dict.fromkeys(errors)))
    _check_year_open(year)
    try:
        with transaction.atomic():
            created = CalendarDay.objects.bulk_create(
                [
                    CalendarDay(date=day, kind=CalendarDay.Kind.HOLIDAY, name=name, calendar_year=year)
                    for day in holidays
                ]
                + [
                    CalendarDay(date=day, kind=CalendarDay.Kind.MAKEUP_WORKDAY, name=name, calendar_year=year)
                    for day in makeup_dates
                ]
            )
    except IntegrityError:
        raise CalendarError(_("有日期刚被他人登记，请刷新后重试。")) from None
    detail = _("%(name)s：%(first)s 至 %(last)s 放假，共 %(count)s 天") % {
        "name": name,
        "first": first_date.isoformat(),
        "last": last_date.isoformat(),
        "count": len(holidays),
    }
    if makeup_dates:
        detail += _("；%(dates)s 上班") % {"dates": "、".join(day.isoformat() for day in makeup_dates)}
    _log(year=year, action=CalendarChange.Action.DAY_SET, detail=detail, actor=actor, at=at)
    return created


@transaction.atomic
def calendar_day_set(*, day: date, kind: str, name: str, actor, at: datetime) -> CalendarDay:
    """Record (or change) one day as a holiday or a make-up working day."""
    name = (name or "").strip()
    if kind not in CalendarDay.Kind.values:
        raise CalendarError(_("类型只能是「放假」或「调休上班」。"))
    if not name:
        raise CalendarError(_("请填写节日名称。"))
    _check_year_open(day.year)
    _set_day(day=day, kind=kind, name=name, year=day.year, actor=actor, at=at)
    return CalendarDay.objects.get(date=day)


@transaction.atomic
def calendar_day_remove(*, day: date, actor, at: datetime) -> None:
    """Remove a recorded day, so it is an ordinary weekday or weekend day again."""
    record = CalendarDay.objects.select_for_update().filter(date=day).first()
    if record is None:
        raise CalendarError(_("%(date)s 没有登记为节假日或调休日。") % {"date": day.isoformat()})
    _check_year_open(record.calendar_year)
    record.delete()
    _log(
        year=day.year,
        action=CalendarChange.Action.DAY_REMOVED,
        detail=f"{day.isoformat()} {record.get_kind_display()}（{record.name}）",
        actor=actor,
        at=at,
    )


@transaction.atomic
def calendar_year_publish(*, year: int, notice_reference: str, actor, at: datetime) -> CalendarYear:
    """Put the year's arrangement in force. Raises CalendarError if the year has no holidays yet."""
    record = _check_year_open(year)
    if record.is_published:
        raise CalendarError(_("%(year)s 年已发布。") % {"year": year})
    if not CalendarDay.objects.filter(calendar_year=year, kind=CalendarDay.Kind.HOLIDAY).exists():
        raise CalendarError(_("%(year)s 年还没有录入任何放假安排，不能发布。") % {"year": year})
    record.is_published = True
    record.notice_reference = (notice_reference or "").strip()
    record.published_at = at
    record.published_by = actor
    record.save(update_fields=["is_published", "notice_reference", "published_at", "published_by"])
    _log(
        year=year,
        action=CalendarChange.Action.YEAR_PUBLISHED,
        detail=record.notice_reference or _("发布"),
        actor=actor,
        at=at,
    )
    return record
