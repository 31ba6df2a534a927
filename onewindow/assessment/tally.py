"""What a month counts for each window and staff member of a site's tree, read from the source
tables with date-bounded queries on their indexes (a month, never all history):

- cases decided in the month (case_decided_date), each belonging to the counter that received it:
  the clerk who received it and the window the duty roster put them at that day (the ratings of
  a case attach there too; an online application received by nobody belongs to no window);
- counted ratings of the month (rating_site_date), by their window and staff member;
- complaints upheld or partly upheld answered in the month (complaint_upheld_answered), by the
  window and staff member the investigation found responsible;
- supervision findings recorded in the month and not revoked (finding_site_recorded);
- the duty roster of the month's working days (one row per window and day), the sign-ins and
  the absences on record: attendance per staff member and per window, and A/B coverage.

The same querysets list the records behind a score on its explanation page (selectors), so what
a page shows is what was counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from onewindow.assessment.models import AttendanceDay, SubjectKind
from onewindow.assessment.rules import hours_for, rules_by_path
from onewindow.assessment.scoring import AttendanceTally, DayFacts, Mark, day_mark
from onewindow.cases.models import Case
from onewindow.catalog.models import CaseKind
from onewindow.complaints.models import UPHELD_RESULTS, Complaint, Status
from onewindow.evaluations.models import Rating
from onewindow.evaluations.selectors import counted
from onewindow.org.models import DutyAssignment, Site, Staff, StaffAbsence, Window, WindowPost
from onewindow.stats.services import completion_of
from onewindow.supervision.models import Finding
from onewindow.workcalendar.arithmetic import WorkingCalendar

#: The complaint statuses whose answer stands (a review that reopened the investigation does not).
ANSWERED_STATUSES = (Status.ANSWERED, Status.REVIEWING, Status.CLOSED)
#: The case values completion_of reads.
COMPLETION_FIELDS = (
    "decided_date",
    "accepted_date",
    "promised_due_date",
    "statutory_due_date",
    "suspended_days",
    "version__case_kind",
    "version__statutory_limit",
    "version__statutory_unit",
)

Key = tuple[str, int]  # (SubjectKind, id)


def window_key(window_id: int) -> Key:
    return (SubjectKind.WINDOW, window_id)


def staff_key(staff_id: int) -> Key:
    return (SubjectKind.STAFF, staff_id)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# The sources -------------------------------------------------------------------------------------


def counter_cases(*, first: date, through: date) -> QuerySet[Case]:
    """Cases decided from `first` through `through` that a clerk received, each annotated with
    `counter_window_id`: the window the roster put the clerk at on the day received (None when
    the clerk sat at none)."""
    duty = DutyAssignment.objects.filter(staff=OuterRef("received_by"), duty_date=OuterRef("received_date"))
    return Case.objects.filter(
        decided_date__gte=first, decided_date__lte=through, received_by__isnull=False
    ).annotate(counter_window_id=Subquery(duty.values("window_id")[:1]))


@dataclass(frozen=True)
class CaseOutcome:
    """What one decided case counts for (stats.services.completion_of's definitions)."""

    on_time: bool
    promised: bool
    early: bool
    on_site: bool


def outcome_of(row: dict, *, calendar: WorkingCalendar) -> CaseOutcome:
    """`row` has COMPLETION_FIELDS. On site (现场办结): an immediate case (即办件) decided on the
    day it was accepted."""
    done = completion_of(row, calendar=calendar)
    on_site = row["version__case_kind"] == CaseKind.IMMEDIATE and row["decided_date"] == row["accepted_date"]
    return CaseOutcome(on_time=done.on_time, promised=done.promised, early=done.early, on_site=on_site)


def counted_ratings(*, first: date, through: date) -> QuerySet[Rating]:
    return counted(Rating.objects.filter(rated_date__gte=first, rated_date__lte=through))


def upheld_complaints(*, first: date, through: date) -> QuerySet[Complaint]:
    """Complaints upheld or partly upheld whose (standing) answer was given in the period."""
    return Complaint.objects.filter(
        result__in=UPHELD_RESULTS,
        answered_at__gte=_moment(first),
        answered_at__lt=_moment(through + timedelta(days=1)),
        status__in=ANSWERED_STATUSES,
    )


def standing_findings(*, first: date, through: date, root: Site) -> QuerySet[Finding]:
    """Findings recorded in the period by the sections of `root`'s tree or above it, not revoked
    on appeal (a pending appeal stands until decided)."""
    return Finding.objects.filter(
        Q(site__path__startswith=root.path) | Q(site__path__in=root.lineage_paths),
        recorded_date__gte=first,
        recorded_date__lte=through,
    ).exclude(appeal=Finding.Appeal.REVOKED)


def duties(*, first: date, through: date, site_ids) -> QuerySet[DutyAssignment]:
    return DutyAssignment.objects.filter(
        duty_date__gte=first, duty_date__lte=through, window__site_id__in=site_ids
    )


@dataclass(frozen=True)
class DutyDay:
    """One roster row with how the day went."""

    window_id: int
    staff_id: int
    day: date
    mark: Mark
    signed_in_at: datetime | None
    signed_out_at: datetime | None


def duty_days(
    rows: list[tuple[int, int, date, int]], *, first: date, through: date, calendar: WorkingCalendar
) -> list[DutyDay]:
    """Each roster row (window id, staff id, day, the window's site id) marked against the sign-ins,
    the absences on record and the hours of the window's site; every day through `through` is over."""
    staff_ids = {staff_id for _window, staff_id, _day, _site in rows}
    signed = {
        (row.staff_id, row.work_date): row
        for row in AttendanceDay.objects.filter(
            staff_id__in=staff_ids, work_date__gte=first, work_date__lte=through
        )
    }
    excused: set[tuple[int, date]] = set()
    for absence in StaffAbsence.objects.filter(
        staff_id__in=staff_ids, start_date__lte=through, end_date__gt=first
    ):
        day = max(absence.start_date, first)
        while day < absence.end_date and day <= through:
            excused.add((absence.staff_id, day))
            day += timedelta(days=1)
    rules = rules_by_path()
    sites = {site.pk: site for site in Site.objects.filter(pk__in={site for *_rest, site in rows})}
    hours = {site_id: hours_for(site, rules=rules).hours for site_id, site in sites.items()}
    judged_on = through + timedelta(days=1)
    marked = []
    for window_id, staff_id, day, site_id in rows:
        sign = signed.get((staff_id, day))
        signed_in = timezone.localtime(sign.signed_in_at) if sign else None
        signed_out = timezone.localtime(sign.signed_out_at) if sign and sign.signed_out_at else None
        facts = DayFacts(
            day=day,
            is_working_day=calendar.is_working_day(day),
            on_duty=True,
            excused=(staff_id, day) in excused,
            signed_in=signed_in.time() if signed_in else None,
            signed_out=signed_out.time() if signed_out else None,
        )
        mark = day_mark(facts, hours=hours[site_id], today=judged_on)
        marked.append(DutyDay(window_id, staff_id, day, mark, signed_in, signed_out))
    return marked


def working_days(first: date, through: date, *, calendar: WorkingCalendar) -> list[date]:
    days, day = [], first
    while day <= through:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def covered_days(
    window_ids,
    rows: list[tuple[int, int, date, int]],
    *,
    first: date,
    through: date,
    calendar: WorkingCalendar,
) -> dict[int, list[tuple[date, int | None, bool]]]:
    """A/B coverage: for each window, each working day with who the roster put there and whether
    they held the window's A or B post that day."""
    posts = defaultdict(list)
    for post in WindowPost.objects.filter(window_id__in=window_ids, active_from_date__lte=through).filter(
        Q(active_to_date__isnull=True) | Q(active_to_date__gt=first)
    ):
        posts[post.window_id].append(post)
    on_duty = {(window_id, day): staff_id for window_id, staff_id, day, _site in rows}
    days = working_days(first, through, calendar=calendar)
    coverage = {}
    for window_id in window_ids:
        lines = []
        for day in days:
            staff_id = on_duty.get((window_id, day))
            holds = staff_id is not None and any(
                post.staff_id == staff_id
                and post.active_from_date <= day
                and (post.active_to_date is None or post.active_to_date > day)
                for post in posts[window_id]
            )
            lines.append((day, staff_id, holds))
        coverage[window_id] = lines
    return coverage


# The month --------------------------------------------------------------------------------------


@dataclass
class CaseTally:
    completed: int = 0
    on_time: int = 0
    promised: int = 0
    early: int = 0
    on_site: int = 0


@dataclass
class MonthTally:
    """A month's counts per subject key (window_key / staff_key)."""

    first: date
    through: date
    windows: dict[int, Window] = field(default_factory=dict)
    staff: dict[int, Staff] = field(default_factory=dict)
    cases: dict[Key, CaseTally] = field(default_factory=lambda: defaultdict(CaseTally))
    ratings: dict[Key, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # total, bad
    attendance: dict[Key, AttendanceTally] = field(default_factory=lambda: defaultdict(AttendanceTally))
    coverage: dict[int, tuple[int, int]] = field(default_factory=dict)  # window id → covered, working days
    complaints: dict[Key, Counter] = field(default_factory=lambda: defaultdict(Counter))
    findings: dict[Key, Counter] = field(default_factory=lambda: defaultdict(Counter))
    duty_days: dict[int, Counter] = field(
        default_factory=lambda: defaultdict(Counter)
    )  # staff → window → days


def month_tally(*, root: Site, first: date, through: date, calendar: WorkingCalendar) -> MonthTally:
    """Count the month (`first` through `through`) for every window of `root`'s tree that is
    active or had anything counted, and every staff member of the tree who was on the roster or
    had anything counted."""
    site_ids = list(Site.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    tally = MonthTally(first=first, through=through)
    seen_windows: set[int] = set()
    seen_staff: set[int] = set()

    cases = (
        counter_cases(first=first, through=through)
        .filter(site_id__in=site_ids)
        .order_by()
        .values("received_by_id", "counter_window_id", *COMPLETION_FIELDS)
    )
    for row in cases.iterator(chunk_size=2000):
        outcome = outcome_of(row, calendar=calendar)
        keys = [staff_key(row["received_by_id"])]
        seen_staff.add(row["received_by_id"])
        if row["counter_window_id"] is not None:
            keys.append(window_key(row["counter_window_id"]))
            seen_windows.add(row["counter_window_id"])
        for key in keys:
            counts = tally.cases[key]
            counts.completed += 1
            counts.on_time += outcome.on_time
            counts.promised += outcome.promised
            counts.early += outcome.early
            counts.on_site += outcome.on_site

    ratings = counted_ratings(first=first, through=through).filter(site_id__in=site_ids)
    for window_id, staff_id, is_bad in ratings.order_by().values_list("window_id", "staff_id", "is_bad"):
        for key in ([window_key(window_id)] if window_id else []) + (
            [staff_key(staff_id)] if staff_id else []
        ):
            tally.ratings[key][0] += 1
            tally.ratings[key][1] += is_bad
        seen_windows.update([window_id] if window_id else [])
        seen_staff.update([staff_id] if staff_id else [])

    complaints = upheld_complaints(first=first, through=through).filter(
        Q(result_window__site_id__in=site_ids) | Q(result_staff__site_id__in=site_ids)
    )
    for window_id, staff_id, result in complaints.order_by().values_list(
        "result_window_id", "result_staff_id", "result"
    ):
        if window_id:
            tally.complaints[window_key(window_id)][result] += 1
            seen_windows.add(window_id)
        if staff_id:
            tally.complaints[staff_key(staff_id)][result] += 1
            seen_staff.add(staff_id)

    findings = standing_findings(first=first, through=through, root=root).filter(
        Q(window__site_id__in=site_ids) | Q(staff__site_id__in=site_ids)
    )
    for window_id, staff_id, kind in findings.order_by().values_list("window_id", "staff_id", "kind"):
        if window_id:
            tally.findings[window_key(window_id)][kind] += 1
            seen_windows.add(window_id)
        if staff_id:
            tally.findings[staff_key(staff_id)][kind] += 1
            seen_staff.add(staff_id)

    roster = list(
        duties(first=first, through=through, site_ids=site_ids)
        .order_by()
        .values_list("window_id", "staff_id", "duty_date", "window__site_id")
    )
    for day in duty_days(roster, first=first, through=through, calendar=calendar):
        tally.attendance[window_key(day.window_id)].add(day.mark)
        tally.attendance[staff_key(day.staff_id)].add(day.mark)
        tally.duty_days[day.staff_id][day.window_id] += 1
        seen_windows.add(day.window_id)
        seen_staff.add(day.staff_id)

    tally.windows = {
        window.pk: window
        for window in Window.objects.select_related("site")
        .prefetch_related("departments")
        .filter(site_id__in=site_ids)
        .filter(Q(is_active=True) | Q(pk__in=seen_windows))
    }
    tally.staff = {
        member.pk: member
        for member in Staff.objects.select_related("site", "user", "department").filter(
            site_id__in=site_ids, pk__in=seen_staff
        )
    }
    coverage = covered_days(list(tally.windows), roster, first=first, through=through, calendar=calendar)
    tally.coverage = {
        window_id: (sum(1 for _day, _staff, holds in lines if holds), len(lines))
        for window_id, lines in coverage.items()
    }
    return tally
