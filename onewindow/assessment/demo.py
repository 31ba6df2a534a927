"""The demo's month of attendance and assessment: last month's roster at every site of the county
(filled from the A/B posts, two A posts on leave for a few days), sign-ins and sign-outs (most on
time, some late, some leaving early, a few absences), the counter cases of the year's history
(stats.demo) given the clerk who received them and the ratings their applicants gave, and two
supervision findings; then last month's scores, its 红旗窗口 and 服务标兵 awarded and published.
So a new user sees rankings, explanations and an attendance sheet at once."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from onewindow.assessment.models import AttendanceDay, Award, Score, ScoreRun, SubjectKind
from onewindow.assessment.scoring import month_last_day, previous_month
from onewindow.assessment.services import (
    attendance_rule_save,
    award_grant,
    awards_publish,
    scores_compute,
)
from onewindow.cases.models import Case, CaseStatus, Channel
from onewindow.evaluations.models import Rating
from onewindow.evaluations.services import RatingInput, rating_of_case
from onewindow.org import services as org_services
from onewindow.org.models import DutyAssignment, PostKind, Role, Site, Staff, StaffAbsence, Window, WindowPost
from onewindow.supervision.services import finding_record
from onewindow.workcalendar.selectors import working_calendar


def _moment(day: date, hour: int, minute: int, second: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute, second)))


def _user_with_role(site: Site, role: str):
    staff = (
        Staff.objects.filter(site=site, role_rows__role=role, is_active=True).select_related("user").first()
    )
    return staff.user if staff else None


def assessment_demo_load(*, county: Site, now: datetime, seed: int = 2026) -> int:
    """Once: returns the number of scores computed (0 when last month is already assessed)."""
    today = timezone.localtime(now).date()
    month = previous_month(today)
    if ScoreRun.objects.filter(month=month, site=county).exists():
        return 0
    office = _user_with_role(county, Role.CENTER_OFFICE)
    section = _user_with_role(county, Role.SUPERVISION_SECTION)
    if office is None:
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    calendar = working_calendar()
    attendance_rule_save(site=county, user=office, at=now, opens_at=time(8, 30), closes_at=time(17, 0))
    first, last = month, today - timedelta(days=1)
    sites = list(Site.objects.filter(path__startswith=county.path, windows__isnull=False).distinct())
    _leave(county, first=first, rng=rng, calendar=calendar)
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            for site in sites:
                org_services.duty_roster_generate(
                    site=site, duty_date=day, actor=office, at=_moment(day, 7, 30), calendar=calendar
                )
        day += timedelta(days=1)
    _sign_ins(sites, first=first, last=last, rng=rng)
    counter = _counter_cases(county, first=first - timedelta(days=10), last=last, rng=rng)
    _ratings(counter, first=first, last=month_last_day(month), rng=rng)
    _findings(county, section=section, month=month, calendar=calendar)
    run = scores_compute(month=month, site=county, at=now)
    _awards(county, month=month, office=office, at=now)
    return run.windows + run.staff


def _leave(county: Site, *, first: date, rng, calendar) -> None:
    """Two A posts of the county on leave for three working days in the month: their B posts cover."""
    posts = list(
        WindowPost.objects.filter(
            window__site=county, post=PostKind.PRIMARY, active_to_date__isnull=True
        ).select_related("staff")
    )
    for post in rng.sample(posts, min(2, len(posts))):
        start = calendar.add(first, rng.randint(3, 12))
        org_services.staff_absence_record(
            staff=post.staff,
            kind=rng.choice([StaffAbsence.Kind.LEAVE, StaffAbsence.Kind.TRAINING]),
            start_date=start,
            end_date=calendar.add(start, 3),
            note="演示数据",
        )


def _sign_ins(sites, *, first: date, last: date, rng) -> None:
    """Each roster day's sign-in and sign-out: mostly on time (08:30–17:00), a few late, a few
    leaving early or forgetting to sign out, a few absent."""
    rows = []
    for duty in (
        DutyAssignment.objects.filter(window__site__in=sites, duty_date__gte=first, duty_date__lte=last)
        .select_related("staff")
        .order_by("duty_date", "window_id")
    ):
        draw = rng.random()
        if draw < 0.015:
            continue  # absent
        day = duty.duty_date
        if draw < 0.08:
            signed_in = _moment(day, 8, rng.randint(31, 58), rng.randint(0, 59))
        else:
            signed_in = _moment(day, 8, rng.randint(5, 29), rng.randint(0, 59))
        later = rng.random()
        if later < 0.02:
            signed_out = None
        elif later < 0.06:
            signed_out = _moment(day, 16, rng.randint(10, 55))
        else:
            signed_out = _moment(day, 17, rng.randint(0, 25))
        rows.append(
            AttendanceDay(
                staff=duty.staff,
                site=duty.staff.site,
                work_date=day,
                signed_in_at=signed_in,
                signed_out_at=signed_out,
            )
        )
    AttendanceDay.objects.bulk_create(rows, ignore_conflicts=True)


def _counter_cases(county: Site, *, first: date, last: date, rng) -> list[Case]:
    """The history's counter cases of the period at every site of the county, given the clerk the
    roster put at a window of their department that day (else at a comprehensive window of the
    site) as the one who received them."""
    duties: dict[tuple[int, date], list[tuple[Window, Staff]]] = {}
    for duty in DutyAssignment.objects.filter(
        window__site__path__startswith=county.path, duty_date__gte=first, duty_date__lte=last
    ).select_related("window", "staff"):
        duties.setdefault((duty.window.site_id, duty.duty_date), []).append((duty.window, duty.staff))
    serving = {
        window.pk: {department.pk for department in window.departments.all()}
        for window in Window.objects.filter(site__path__startswith=county.path).prefetch_related(
            "departments"
        )
    }
    cases = list(
        Case.objects.filter(
            site__path__startswith=county.path,
            channel__in=(Channel.WINDOW, Channel.TOWNSHIP, Channel.VILLAGE),
            received_by__isnull=True,
            received_date__gte=first,
            received_date__lte=last,
        )
    )
    changed = []
    for case in cases:
        on_duty = duties.get((case.site_id, case.received_date), [])
        own = [
            (window, staff)
            for window, staff in on_duty
            if window.kind == Window.Kind.HANDLING and case.department_id in serving[window.pk]
        ]
        comprehensive = [
            (window, staff) for window, staff in on_duty if window.kind == Window.Kind.COMPREHENSIVE
        ]
        choices = own or comprehensive
        if not choices:
            continue
        _window, staff = rng.choice(choices)
        case.received_by = staff
        if case.accepted_date:
            case.accepted_by = staff
        changed.append(case)
    Case.objects.bulk_update(changed, ["received_by", "accepted_by"], batch_size=500)
    return changed


def _ratings(cases: list[Case], *, first: date, last: date, rng) -> None:
    """Most applicants rate online within a few days of the decision; two bad reviews."""
    bad = 0
    for case in cases:
        if (
            not case.decided_date
            or not first <= case.decided_date <= last
            or case.status
            not in (
                CaseStatus.COMPLETED,
                CaseStatus.DELIVERED,
            )
        ):
            continue
        if rng.random() > 0.6 or Rating.objects.filter(case=case).exists():
            continue
        draw = rng.random()
        if draw < 0.01 and bad < 2:
            level, reasons = 4, ("LATE",)
            bad += 1
        elif draw < 0.1:
            level, reasons = 3, ("WAIT",)
        elif draw < 0.4:
            level, reasons = 2, ("MANNER",)
        else:
            level, reasons = 1, ("FAST",)
        rated = min(case.decided_date + timedelta(days=rng.randint(0, 3)), last)
        rating_of_case(
            case=case,
            channel="QR",
            given=RatingInput(level=level, reasons=reasons),
            at=_moment(rated, 18, rng.randint(0, 59)),
        )


def _findings(county: Site, *, section, month: date, calendar) -> None:
    """Mid-month, the supervision section warns a window left without its clerk and reminds a
    clerk who came late (效能问责), both deducted in the month's scores."""
    if section is None:
        return
    day = calendar.add(month, 8)
    duty = (
        DutyAssignment.objects.filter(
            window__site=county,
            window__kind=Window.Kind.HANDLING,
            duty_date__gte=month,
            duty_date__lte=month_last_day(month),
        )
        .select_related("window", "staff")
        .order_by("duty_date", "window__number")
        .last()
    )
    if duty is None:
        return
    finding_record(
        user=section,
        kind="WARNING",
        basis="《大厅窗口工作人员行为规范》第五条",
        evidence="群众来电反映窗口工作人员中途离岗约二十分钟，经调取大厅监控核实。",
        at=_moment(day, 10, 0),
        window=duty.window,
    )
    finding_record(
        user=section,
        kind="REMINDER",
        basis="《大厅窗口工作人员考勤制度》第三条",
        evidence="当日上班迟到二十五分钟，窗口群众等候，经考勤记录核实。",
        at=_moment(calendar.add(day, 4), 11, 0),
        staff=duty.staff,
    )


def _awards(county: Site, *, month: date, office, at: datetime) -> None:
    """The month's best window (红旗窗口) and best two staff members (服务标兵), published."""
    best_window = (
        Score.objects.filter(month=month, kind=SubjectKind.WINDOW, site=county)
        .order_by("-total", "id")
        .first()
    )
    if best_window is not None:
        award_grant(
            user=office, month=month, kind=Award.Kind.RED_FLAG_WINDOW, window=best_window.window, at=at
        )
    for best in Score.objects.filter(month=month, kind=SubjectKind.STAFF, site=county).order_by(
        "-total", "id"
    )[:2]:
        award_grant(user=office, month=month, kind=Award.Kind.MODEL_STAFF, staff=best.staff, at=at)
    if best_window is not None:
        awards_publish(user=office, month=month, site=county, at=at)
