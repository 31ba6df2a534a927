"""Keeping the roll-up (models.CaseFigure) current: a day is rebuilt whole from the cases — the
ones received, accepted and decided that day, and the correction notices issued — in one
transaction, so re-running any range gives exactly the same rows (docs/adr/0015). Celery beat
(`stats.rollup`, every 5 minutes) rebuilds from the last day it finished, going back
ONEWINDOW_STATS_RECHECK_DAYS, through today; `onewindow stats_rebuild` rebuilds any range."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.models import HANDLING_STATUSES, Case, CaseEvent
from onewindow.catalog.models import CaseKind, LimitUnit
from onewindow.common.partitions import ensure_years
from onewindow.evaluations.models import Rating
from onewindow.evaluations.selectors import counted
from onewindow.fees.models import Payment, Refund
from onewindow.org.models import DutyAssignment, PostKind, WindowPost
from onewindow.stats.models import CaseFigure, CaseMonthFigure, RatingFigure, Rollup, StaffFigure
from onewindow.stats.rows import COUNTERS, KEY, ROLLUP, next_month
from onewindow.workcalendar.arithmetic import WorkingCalendar
from onewindow.workcalendar.selectors import working_calendar


@dataclass(frozen=True)
class Completion:
    """What one decided case adds to its day's row."""

    immediate: bool
    promised: bool
    early: bool
    on_time: bool
    days_used: int
    days_statutory: int


def completion_of(row: dict, *, calendar: WorkingCalendar) -> Completion:
    """The seeds' definitions for one decided case (`row`: decided_date, accepted_date, the due
    dates, suspended days and the version's kind and statutory limit):
    - immediate: an 即办件; promised: any other kind (承诺件, 联办件, 上报件);
    - early: a promised case decided before its promised date; on time: decided on or before the
      promised date (the statutory one when there is none; a case with neither is on time);
    - days used: working days from acceptance to decision, less the days suspended (特别程序);
      statutory days: the statutory limit in working days (a limit in natural days counted on
      the calendar from the acceptance)."""
    decided = row["decided_date"]
    accepted = row["accepted_date"] or decided
    immediate = row["version__case_kind"] == CaseKind.IMMEDIATE
    promised_due = row["promised_due_date"]
    due = promised_due or row["statutory_due_date"]
    limit = row["version__statutory_limit"] or 0
    if row["version__statutory_unit"] == LimitUnit.NATURAL_DAYS:
        limit = calendar.between(accepted, accepted + timedelta(days=limit))
    promised = not immediate
    return Completion(
        immediate=immediate,
        promised=promised,
        early=promised and promised_due is not None and decided < promised_due,
        on_time=due is None or decided <= due,
        days_used=max(0, calendar.between(accepted, decided) - (row["suspended_days"] or 0))
        if promised
        else 0,
        days_statutory=limit if promised else 0,
    )


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def figures_of_day(day: date, *, calendar: WorkingCalendar) -> dict[tuple, dict[str, int]]:
    """The day's rows, keyed by site, department, item and channel, from the cases."""
    rows: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    for counter, cases in (
        ("received", Case.objects.filter(received_date=day)),
        ("accepted", Case.objects.filter(accepted_date=day)),
    ):
        for group in cases.order_by().values(*KEY).annotate(n=Count("id")):
            rows[tuple(group[name] for name in KEY)][counter] += group["n"]
    start, end = _day_bounds(day)
    notices = CaseEvent.objects.filter(action=CaseEvent.Action.CORRECTION_NOTICE, at__gte=start, at__lt=end)
    case_key = [f"case__{name}" for name in KEY]
    for group in notices.order_by().values(*case_key).annotate(n=Count("id")):
        rows[tuple(group[name] for name in case_key)]["correction_notices"] += group["n"]
    decided = (
        Case.objects.filter(decided_date=day)
        .order_by()
        .values(
            *KEY,
            "decided_date",
            "accepted_date",
            "promised_due_date",
            "statutory_due_date",
            "suspended_days",
            "version__case_kind",
            "version__statutory_limit",
            "version__statutory_unit",
        )
    )
    for case in decided.iterator(chunk_size=5000):
        done = completion_of(case, calendar=calendar)
        row = rows[tuple(case[name] for name in KEY)]
        row["completed"] += 1
        row["completed_immediate"] += done.immediate
        row["completed_promised"] += done.promised
        row["completed_early"] += done.early
        row["completed_on_time"] += done.on_time
        row["days_used"] += done.days_used
        row["days_statutory"] += done.days_statutory
    for counter, paid, prefix in (
        ("fees_collected", Payment.objects.filter(paid_date=day), "notice__case__"),
        (
            "fees_refunded",
            Refund.objects.filter(status=Refund.Status.APPROVED, decided_date=day),
            "payment__notice__case__",
        ),
    ):
        keys = [f"{prefix}{name}" for name in KEY]
        for group in paid.order_by().values(*keys).annotate(total=Sum("amount")):
            rows[tuple(group[name] for name in keys)][counter] += group["total"]
    return dict(rows)


def open_overdue_of_day(day: date) -> dict[tuple, int]:
    """The cases open past their promised date when the day ended (red on that day's board):
    accepted by then and, still in handling or decided later, due before it. A point in time,
    not a sum: a period reports its last day's. Cases decided late are found through the
    partial index of late decisions (cases_decided_late), so a day years back reads a few rows."""
    cases = Case.objects.filter(accepted_date__lte=day, promised_due_date__lt=day).filter(
        Q(status__in=HANDLING_STATUSES)
        | (Q(decided_date__gt=day) & Q(decided_date__gt=F("promised_due_date")))
    )
    return {
        tuple(group[name] for name in KEY): group["n"]
        for group in cases.order_by().values(*KEY).annotate(n=Count("id"))
    }


def ratings_of_day(day: date) -> list[RatingFigure]:
    """The day's counted ratings per site, department, window and staff member."""
    ratings = counted(Rating.objects.filter(rated_date=day)).order_by()
    return [
        RatingFigure(
            day=day,
            **{name: group[name] for name in ("site_id", "department_id", "window_id", "staff_id")},
            ratings=group["n"],
            bad=group["bad"],
        )
        for group in ratings.values("site_id", "department_id", "window_id", "staff_id").annotate(
            n=Count("id"), bad=Count("id", filter=Q(is_bad=True))
        )
    ]


def staff_of_day(day: date) -> list[StaffFigure]:
    """Each staff member's day: received and accepted as the clerk, decided (and on time) as the
    one who decided; their window from the day's duty roster, else the window of their A post
    (a day the roster did not cover), else none (a reviewer off the floor)."""
    rows: dict[tuple, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(("received", "accepted", "decided", "decided_on_time"), 0)
    )
    for counter, cases, who in (
        ("received", Case.objects.filter(received_date=day, received_by__isnull=False), "received_by_id"),
        ("accepted", Case.objects.filter(accepted_date=day, accepted_by__isnull=False), "accepted_by_id"),
        ("decided", Case.objects.filter(decided_date=day, decided_by__isnull=False), "decided_by_id"),
    ):
        extra = {}
        if counter == "decided":
            late = Q(promised_due_date__lt=day) | Q(
                promised_due_date__isnull=True, statutory_due_date__lt=day
            )
            extra["on_time"] = Count("id", filter=~late)
        for group in cases.order_by().values("site_id", who).annotate(n=Count("id"), **extra):
            row = rows[(group["site_id"], group[who])]
            row[counter] += group["n"]
            if counter == "decided":
                row["decided_on_time"] += group["on_time"]
    people = {staff for _site, staff in rows}
    windows = dict(
        WindowPost.objects.filter(staff_id__in=people, post=PostKind.PRIMARY, active_from_date__lte=day)
        .filter(Q(active_to_date__isnull=True) | Q(active_to_date__gt=day))
        .values_list("staff_id", "window_id")
    )  # the window whose A post they hold, unless the day's roster put them elsewhere
    windows.update(
        DutyAssignment.objects.filter(duty_date=day, staff_id__in=people).values_list("staff_id", "window_id")
    )
    return [
        StaffFigure(day=day, site_id=site, staff_id=staff, window_id=windows.get(staff), **counts)
        for (site, staff), counts in rows.items()
    ]


def rollup_days(first: date, last: date) -> int:
    """Rebuild the roll-up of every day from `first` through `last` (each day in one
    transaction), then of the months they fall in; returns the day rows written."""
    calendar = working_calendar()
    # PostgreSQL: the years' partitions of the day rows, and the next year's ahead of it.
    ensure_years(CaseFigure._meta.db_table, "day", range(first.year, last.year + 2))
    written = 0
    day = first
    while day <= last:
        rows = figures_of_day(day, calendar=calendar)
        overdue = open_overdue_of_day(day)
        for key in overdue.keys() - rows.keys():
            rows[key] = dict.fromkeys(COUNTERS, 0)
        ratings, staff = ratings_of_day(day), staff_of_day(day)
        with transaction.atomic():
            CaseFigure.objects.filter(day=day).delete()
            CaseFigure.objects.bulk_create(
                CaseFigure(
                    day=day, **dict(zip(KEY, key, strict=True)), **counts, open_overdue=overdue.get(key, 0)
                )
                for key, counts in rows.items()
            )
            RatingFigure.objects.filter(day=day).delete()
            RatingFigure.objects.bulk_create(ratings)
            StaffFigure.objects.filter(day=day).delete()
            StaffFigure.objects.bulk_create(staff)
        written += len(rows) + len(ratings) + len(staff)
        day += timedelta(days=1)
    month = first.replace(day=1)
    while month <= last:
        rollup_month(month)
        month = next_month(month)
    return written


def rollup_month(month: date) -> int:
    """The month's rows (`month`: its first day), summed from its days' rows in one transaction;
    returns how many."""
    days = CaseFigure.objects.filter(day__gte=month, day__lt=next_month(month)).order_by()
    sums = days.values(*KEY).annotate(**{f"sum_{name}": Sum(name) for name in COUNTERS})
    with transaction.atomic():
        CaseMonthFigure.objects.filter(month=month).delete()
        rows = CaseMonthFigure.objects.bulk_create(
            CaseMonthFigure(
                month=month,
                **{name: row[name] for name in KEY},
                **{name: row[f"sum_{name}"] for name in COUNTERS},
            )
            for row in sums
        )
    return len(rows)


def rollup_current(*, at: datetime) -> int:
    """The periodic run: from the day after the last one finished, going back
    ONEWINDOW_STATS_RECHECK_DAYS (decisions and notices of earlier cases land on today, but a
    correction to a case may touch yesterday), through today; the first run starts at the first
    case. Returns the rows written."""
    today = timezone.localtime(at).date()
    state, _created = Rollup.objects.get_or_create(name=ROLLUP)
    if state.rebuilt_through is None:
        first = Case.objects.aggregate(first=Min("received_date"))["first"] or today
    else:
        first = min(state.rebuilt_through, today) - timedelta(days=settings.ONEWINDOW_STATS_RECHECK_DAYS)
    written = rollup_days(first, today)
    Rollup.objects.filter(pk=state.pk).update(rebuilt_through=today, rebuilt_at=at)
    return written


class ReportError(Exception):
    """A report that cannot be made: a period not yet over, or not a month's, quarter's or year's."""


def report_generate(*, kind: str, start: date, site, department=None, at: datetime, user=None):
    """Make the report of the period (reports.content_of) and keep its PDF and Excel files,
    replacing the same report made before (one per kind, period, center and department). The
    period must have ended before `at`'s day. Raises ReportError."""
    from django.core.files.base import ContentFile

    from onewindow.stats import reports
    from onewindow.stats.models import Report

    try:
        first, last = reports.period_of(kind, start)
    except ValueError as error:
        raise ReportError(_("报告期间须为整月、整季度或整年。")) from error
    if last >= timezone.localtime(at).date():
        raise ReportError(_("期间尚未结束，不能生成报告。"))
    if department is not None and department.site_id != site.pk:
        raise ReportError(_("该部门不在所选服务中心。"))
    content = reports.content_of(kind=kind, start=first, site=site, department=department)
    footer = _("%(site)s · 生成于 %(at)s") % {
        "site": site.name,
        "at": timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
    }
    pdf = reports.report_pdf(content, footer=footer)
    xlsx = reports.report_workbook(content)
    stem = f"{site.pk}-{department.pk if department else 0}-{kind.lower()}-{first:%Y%m}"
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .filter(kind=kind, period_start=first, site=site, department=department)
            .first()
        )
        old = (report.pdf.name, report.xlsx.name) if report else ()
        if report is None:
            report = Report(kind=kind, period_start=first, site=site, department=department)
        report.period_end, report.title = last, content.title
        report.accepted, report.completed = content.now.accepted, content.now.completed
        report.generated_at, report.generated_by = at, user
        report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.save()
        stale = [name for name in old if name not in (report.pdf.name, report.xlsx.name)]
        storage = report.pdf.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in stale])
    return report


def reports_generate_due(*, at: datetime) -> int:
    """The scheduled run (daily): each center's and each of its departments' report of the last
    month, quarter and year that ended, if not made yet. Returns how many were made."""
    from onewindow.org.models import Department, Site
    from onewindow.stats import reports
    from onewindow.stats.models import Report

    today = timezone.localtime(at).date()
    made = 0
    for kind in (Report.Kind.MONTH, Report.Kind.QUARTER, Report.Kind.YEAR):
        start = reports.last_finished(kind, today)
        for site in Site.objects.filter(kind=Site.Kind.CENTER).order_by("path"):
            subjects = [None, *Department.objects.filter(site=site).order_by("pk")]
            done = set(
                Report.objects.filter(kind=kind, period_start=start, site=site).values_list(
                    "department_id", flat=True
                )
            )
            for department in subjects:
                if (department.pk if department else None) not in done:
                    report_generate(kind=kind, start=start, site=site, department=department, at=at)
                    made += 1
    return made
