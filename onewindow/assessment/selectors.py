"""Reading assessment and attendance: the scores a user may see and their ranking, the records
behind a score (through the same querysets that counted them, scoped by each source's own
`…_visible_to`), the monthly attendance sheet of a site, the department report and the awards
published on the portal."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from onewindow.assessment import permissions
from onewindow.assessment.models import (
    AttendanceDay,
    Award,
    Component,
    Indicator,
    Score,
    ScoreRun,
    SubjectKind,
)
from onewindow.assessment.rules import hours_for, scheme_for, schemes_by_path
from onewindow.assessment.scoring import (
    AttendanceTally,
    DayFacts,
    Mark,
    day_mark,
    month_days,
    month_last_day,
    ranks,
)
from onewindow.assessment.tally import (
    DutyDay,
    counted_ratings,
    counter_cases,
    covered_days,
    duty_days,
    outcome_of,
    standing_findings,
    upheld_complaints,
)
from onewindow.cases.models import Case
from onewindow.cases.selectors import case_visible_to
from onewindow.catalog.models import CaseKind
from onewindow.complaints.selectors import complaints_visible_to
from onewindow.evaluations.selectors import ratings_visible_to
from onewindow.org.models import Department, DutyAssignment, Site, Staff, StaffAbsence, Window
from onewindow.org.selectors import access_for, site_visible_to
from onewindow.stats.selectors import figures as case_figures
from onewindow.supervision.models import Finding
from onewindow.supervision.selectors import findings_visible_to
from onewindow.workcalendar.selectors import working_calendar

# Scores and rankings ----------------------------------------------------------------------------


def score_visible_to(user) -> QuerySet[Score]:
    """The office and the sections: the scores of their site and below; administrators: all;
    anyone else: none."""
    scores = Score.objects.select_related("window__site", "staff__user", "staff__site", "site", "department")
    if not permissions.can_read(user):
        return scores.none()
    if access_for(user).scope == "all":
        return scores
    return scores.filter(site__in=site_visible_to(user))


def subject_label(score: Score) -> str:
    if score.kind == SubjectKind.WINDOW:
        return f"{score.window.number}号窗口 {score.window.name}"
    return f"{score.staff.name}（{score.staff.employee_number}）"


@dataclass
class Ranked:
    rank: int
    score: Score
    label: str
    components: dict[str, Component] = field(default_factory=dict)


def ranking(scores: QuerySet[Score], *, month: date, kind: str) -> list[Ranked]:
    """The month's scores of `kind` among `scores`, best first (ties share a rank), each with its
    components by indicator."""
    rows = list(
        scores.filter(month=month, kind=kind)
        .prefetch_related("components")
        .order_by("-total", "site__path", "id")
    )
    return [
        Ranked(
            rank=rank,
            score=row,
            label=subject_label(row),
            components={component.indicator: component for component in row.components.all()},
        )
        for rank, row in zip(ranks([row.total for row in rows]), rows, strict=True)
    ]


def last_runs(*, month: date, sites) -> list[ScoreRun]:
    return list(
        ScoreRun.objects.select_related("site", "computed_by")
        .filter(month=month, site__in=sites)
        .order_by("site__path")
    )


def month_awards(user, *, month: date) -> list[Award]:
    """The month's awards at the sites the user sees, revoked ones included (for the office)."""
    return list(
        Award.objects.select_related("window", "staff__user", "site", "granted_by")
        .filter(month=month, site__in=site_visible_to(user))
        .order_by("kind", "status", "rank", "id")
    )


def awards_visible_to(user) -> QuerySet[Award]:
    awards = Award.objects.select_related("window", "staff__user", "site", "granted_by", "published_by")
    if not permissions.can_read(user):
        return awards.none()
    if access_for(user).scope == "all":
        return awards
    return awards.filter(site__in=site_visible_to(user))


# The records behind a score ------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseLine:
    case: Case
    on_time: bool
    early: bool
    promised: bool
    on_site: bool


def case_outcome(case: Case, *, calendar) -> CaseLine:
    row = {
        "decided_date": case.decided_date,
        "accepted_date": case.accepted_date,
        "promised_due_date": case.promised_due_date,
        "statutory_due_date": case.statutory_due_date,
        "suspended_days": case.suspended_days,
        "version__case_kind": case.version.case_kind,
        "version__statutory_limit": case.version.statutory_limit,
        "version__statutory_unit": case.version.statutory_unit,
    }
    outcome = outcome_of(row, calendar=calendar)
    return CaseLine(case, outcome.on_time, outcome.early, outcome.promised, outcome.on_site)


#: What kind of records explains each indicator.
RECORD_KINDS = {
    Indicator.ON_TIME: "cases",
    Indicator.EARLY: "cases",
    Indicator.ON_SITE: "cases",
    Indicator.SATISFACTION: "ratings",
    Indicator.ATTENDANCE: "attendance",
    Indicator.AB_COVERAGE: "coverage",
    Indicator.COMPLAINTS: "complaints",
    Indicator.FINDINGS: "findings",
}


def _subject(score: Score, window_field: str, staff_field: str) -> dict:
    if score.kind == SubjectKind.WINDOW:
        return {window_field: score.window_id}
    return {staff_field: score.staff_id}


def records_of(score: Score, indicator: str, *, user) -> QuerySet | list:
    """The records counted in `score`'s `indicator`, as far as `user` may see them: cases,
    ratings, complaints and findings as querysets (for paging), attendance and coverage days as
    lists. Rows are re-read now: a record changed since the computation shows as it is now."""
    first, through = score.month, score.through_date
    if indicator in (Indicator.ON_TIME, Indicator.EARLY, Indicator.ON_SITE):
        cases = counter_cases(first=first, through=through).filter(
            **_subject(score, "counter_window_id", "received_by_id")
        )
        if indicator == Indicator.EARLY:
            cases = cases.exclude(version__case_kind=CaseKind.IMMEDIATE)
        visible = case_visible_to(user).values("pk")
        return (
            cases.filter(pk__in=visible)
            .select_related("version", "department", "received_by__user")
            .order_by("decided_date", "id")
        )
    if indicator == Indicator.SATISFACTION:
        ratings = counted_ratings(first=first, through=through).filter(
            **_subject(score, "window_id", "staff_id")
        )
        return (
            ratings.filter(pk__in=ratings_visible_to(user).values("pk"))
            .select_related("case", "window", "staff__user")
            .order_by("rated_date", "id")
        )
    if indicator == Indicator.COMPLAINTS:
        complaints = upheld_complaints(first=first, through=through).filter(
            **_subject(score, "result_window_id", "result_staff_id")
        )
        return (
            complaints.filter(pk__in=complaints_visible_to(user).values("pk"))
            .select_related("result_window", "result_staff__user")
            .order_by("answered_at", "id")
        )
    if indicator == Indicator.FINDINGS:
        findings = standing_findings(first=first, through=through, root=score.site).filter(
            **_subject(score, "window_id", "staff_id")
        )
        return findings.filter(pk__in=findings_visible_to(user).values("pk")).order_by("recorded_date", "id")
    if indicator == Indicator.ATTENDANCE:
        return attendance_days_of(score)
    if indicator == Indicator.AB_COVERAGE:
        return coverage_days_of(score)
    raise KeyError(indicator)


def _names(staff_ids) -> dict[int, Staff]:
    return {member.pk: member for member in Staff.objects.select_related("user").filter(pk__in=staff_ids)}


@dataclass(frozen=True)
class AttendanceLine:
    day: DutyDay
    window: Window
    staff: Staff


def attendance_days_of(score: Score) -> list[AttendanceLine]:
    """The roster days counted in a score's attendance, marked."""
    rows = list(
        DutyAssignment.objects.filter(
            duty_date__gte=score.month,
            duty_date__lte=score.through_date,
            **_subject(score, "window_id", "staff_id"),
        )
        .order_by("duty_date")
        .values_list("window_id", "staff_id", "duty_date", "window__site_id")
    )
    days = duty_days(rows, first=score.month, through=score.through_date, calendar=working_calendar())
    windows = {window.pk: window for window in Window.objects.filter(pk__in={day.window_id for day in days})}
    people = _names({day.staff_id for day in days})
    return [AttendanceLine(day, windows[day.window_id], people[day.staff_id]) for day in days]


@dataclass(frozen=True)
class CoverageLine:
    day: date
    staff: Staff | None
    holds_post: bool


def coverage_days_of(score: Score) -> list[CoverageLine]:
    """A window's working days of the month with who sat there and whether they held its A or
    B post; nothing for a staff member's score (coverage is a window's)."""
    if score.kind != SubjectKind.WINDOW:
        return []
    rows = list(
        DutyAssignment.objects.filter(
            window_id=score.window_id, duty_date__gte=score.month, duty_date__lte=score.through_date
        ).values_list("window_id", "staff_id", "duty_date", "window__site_id")
    )
    lines = covered_days(
        [score.window_id], rows, first=score.month, through=score.through_date, calendar=working_calendar()
    )[score.window_id]
    people = _names({staff_id for _day, staff_id, _holds in lines if staff_id})
    return [CoverageLine(day, people.get(staff_id), holds) for day, staff_id, holds in lines]


# Attendance -------------------------------------------------------------------------------------


def attendance_today(staff: Staff, *, today: date) -> dict:
    """The desk's panel: today's row (or None), the hours in force and today's duty."""
    row = AttendanceDay.objects.filter(staff=staff, work_date=today).first()
    return {
        "row": row,
        "hours": hours_for(staff.site).hours,
        "signed_in": timezone.localtime(row.signed_in_at) if row else None,
        "signed_out": timezone.localtime(row.signed_out_at) if row and row.signed_out_at else None,
    }


#: How each mark is written on the sheet.
MARK_SIGNS = {
    Mark.NORMAL: "√",
    Mark.LATE: "迟",
    Mark.EARLY: "早",
    Mark.LATE_EARLY: "迟早",
    Mark.ABSENT: "缺",
    Mark.LEAVE: "假",
    Mark.PENDING: "·",
    Mark.OFF: "",
    Mark.REST: "休",
}


@dataclass
class SheetCell:
    day: date
    mark: Mark
    signed_in: object = None
    signed_out: object = None
    absence: str = ""

    @property
    def sign(self) -> str:
        if self.mark == Mark.OFF and self.signed_in is not None:
            return "○"
        return MARK_SIGNS[self.mark]


@dataclass
class SheetRow:
    staff: Staff
    cells: list[SheetCell]
    tally: AttendanceTally


def attendance_sheet(*, site: Site, month: date, today: date) -> dict:
    """The monthly attendance sheet of a site (考勤表): each staff member of the site who was on its
    roster or signed in during the month, a mark per day, and the month's counts (days judged so
    far: today counts once over)."""
    first, last = month, month_last_day(month)
    calendar = working_calendar()
    hours = hours_for(site).hours
    duty = {
        (staff_id, day): window_number
        for staff_id, day, window_number in DutyAssignment.objects.filter(
            window__site=site, duty_date__gte=first, duty_date__lte=last
        ).values_list("staff_id", "duty_date", "window__number")
    }
    signed = {
        (row.staff_id, row.work_date): row
        for row in AttendanceDay.objects.filter(site=site, work_date__gte=first, work_date__lte=last)
    }
    staff_ids = {staff_id for staff_id, _day in duty} | {staff_id for staff_id, _day in signed}
    absent: dict[tuple[int, date], str] = {}
    for absence in StaffAbsence.objects.filter(
        staff_id__in=staff_ids, start_date__lte=last, end_date__gt=first
    ):
        day = max(absence.start_date, first)
        while day < absence.end_date and day <= last:
            absent[(absence.staff_id, day)] = absence.get_kind_display()
            day += timedelta(days=1)
    people = (
        Staff.objects.select_related("user", "department")
        .filter(pk__in=staff_ids)
        .order_by("employee_number")
    )
    days = month_days(month)
    working = {day: calendar.is_working_day(day) for day in days}
    rows = []
    for member in people:
        cells, tally = [], AttendanceTally()
        for day in days:
            sign = signed.get((member.pk, day))
            signed_in = timezone.localtime(sign.signed_in_at) if sign else None
            signed_out = timezone.localtime(sign.signed_out_at) if sign and sign.signed_out_at else None
            facts = DayFacts(
                day=day,
                is_working_day=working[day],
                on_duty=(member.pk, day) in duty,
                excused=(member.pk, day) in absent,
                signed_in=signed_in.time() if signed_in else None,
                signed_out=signed_out.time() if signed_out else None,
            )
            mark = day_mark(facts, hours=hours, today=today)
            if mark == Mark.OFF and facts.excused and facts.is_working_day and facts.signed_in is None:
                mark = Mark.LEAVE  # away on record and so off the roster: shown, never due
            tally.add(mark)
            cells.append(SheetCell(day, mark, signed_in, signed_out, absent.get((member.pk, day), "")))
        rows.append(SheetRow(member, cells, tally))
    return {"days": days, "working": working, "rows": rows, "hours": hours}


# The department report ----------------------------------------------------------------------------


def _rate(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class DepartmentLine:
    department: Department
    accepted: int = 0
    completed: int = 0
    on_time_rate: Decimal | None = None
    early_rate: Decimal | None = None
    ratings: int = 0
    satisfaction: Decimal | None = None
    complaints_upheld: int = 0
    findings: int = 0
    window_months: int = 0
    window_average: Decimal | None = None
    share: int = 10

    @property
    def share_points(self) -> Decimal | None:
        """The windows' average score scaled to the department's annual assessment (满分 = share)."""
        if self.window_average is None:
            return None
        return (self.window_average * self.share / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def department_report(*, sites: list[int], first: date, last: date, departments=None) -> list[DepartmentLine]:
    """Each department of `sites` over the period (whole months): its cases (the statistics'
    roll-up), on-time and early rates, satisfaction, complaints upheld and findings against it or
    its staff, and the average monthly score of its windows (承办窗口 serving it), scaled by the
    share of its annual assessment the scheme gives the hall."""
    chosen = Department.objects.select_related("site").filter(site_id__in=sites)
    if departments is not None:
        chosen = chosen.filter(pk__in=departments)
    lines = {
        department.pk: DepartmentLine(department)
        for department in chosen.order_by("site__path", "sort_order", "name")
    }
    ids = list(lines)
    for row in case_figures(first=first, last=last, by="department", sites=sites, departments=ids):
        line = lines.get(row.group["department_id"])
        if line is None:
            continue
        line.accepted, line.completed = row.accepted, row.completed
        line.on_time_rate, line.early_rate = row.on_time_rate, row.early_rate
    rated = (
        counted_ratings(first=first, through=last)
        .filter(department_id__in=ids)
        .order_by()
        .values("department_id")
        .annotate(total=Count("id"), bad=Count("id", filter=Q(is_bad=True)))
    )
    for row in rated:
        line = lines[row["department_id"]]
        line.ratings = row["total"]
        line.satisfaction = _rate(row["total"] - row["bad"], row["total"])
    against: Counter = Counter()
    for department_id, staff_department_id in (
        upheld_complaints(first=first, through=last)
        .filter(Q(result_department_id__in=ids) | Q(result_staff__department_id__in=ids))
        .values_list("result_department_id", "result_staff__department_id")
    ):
        for department in {department_id, staff_department_id} - {None}:
            against[department] += 1
    found: Counter = Counter()
    for department_id, staff_department_id in (
        Finding.objects.filter(recorded_date__gte=first, recorded_date__lte=last)
        .exclude(appeal=Finding.Appeal.REVOKED)
        .filter(Q(department_id__in=ids) | Q(staff__department_id__in=ids))
        .values_list("department_id", "staff__department_id")
    ):
        for department in {department_id, staff_department_id} - {None}:
            found[department] += 1
    averages = (
        Score.objects.filter(
            kind=SubjectKind.WINDOW,
            month__gte=first.replace(day=1),
            month__lte=last,
            window__kind=Window.Kind.HANDLING,
            window__departments__in=ids,
        )
        .values("window__departments")
        .annotate(average=Avg("total"), months=Count("id"))
    )
    for row in averages:
        line = lines.get(row["window__departments"])
        if line is not None:
            line.window_months = row["months"]
            line.window_average = Decimal(row["average"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
    schemes = schemes_by_path()
    for department_id, line in lines.items():
        line.complaints_upheld = against[department_id]
        line.findings = found[department_id]
        line.share = scheme_for(line.department.site, schemes=schemes).department_share
    return list(lines.values())


# The portal ---------------------------------------------------------------------------------------


def published_awards(*, months: int = 12, today: date) -> list[dict]:
    """The awards on the portal, newest month first, for the last `months` months."""
    since = (today.replace(day=1) - timedelta(days=31 * (months - 1))).replace(day=1)
    grouped: dict[date, dict] = defaultdict(lambda: {"windows": [], "staff": []})
    for award in (
        Award.objects.select_related("window", "staff__user", "site")
        .filter(status=Award.Status.PUBLISHED, month__gte=since)
        .order_by("-month", "site__path", "rank", "id")
    ):
        group = grouped[award.month]
        group["windows" if award.kind == Award.Kind.RED_FLAG_WINDOW else "staff"].append(award)
    return [{"month": month, **group} for month, group in sorted(grouped.items(), reverse=True)]
