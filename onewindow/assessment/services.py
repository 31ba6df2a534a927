"""Every write of assessment and attendance: signing in and out, the hours and the scheme a site
keeps, computing a month's scores, and the month's awards. Keyword-only, time as an argument,
one transaction each (docs/adr/0017)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.assessment import permissions
from onewindow.assessment.models import (
    AttendanceDay,
    AttendanceRule,
    Award,
    Component,
    Scheme,
    Score,
    ScoreRun,
    SubjectKind,
)
from onewindow.assessment.rules import (
    COMPLAINT_FIELDS,
    FINDING_FIELDS,
    SCHEME_FIELDS,
    WEIGHT_FIELDS,
    hours_for,
    scheme_for,
    schemes_by_path,
)
from onewindow.assessment.scoring import (
    Deduction,
    Indicator,
    Measure,
    assessed_through,
    month_last_day,
    ranks,
    score,
    weights_problem,
)
from onewindow.assessment.tally import MonthTally, month_tally, staff_key, window_key
from onewindow.common.api import DomainError, NotAllowed
from onewindow.org.models import DutyAssignment, Site, Staff, Window
from onewindow.workcalendar.selectors import working_calendar


class AttendanceError(DomainError):
    code = "attendance"
    status_code = 409


class AssessmentError(DomainError):
    code = "assessment"


class AwardError(DomainError):
    code = "award"
    status_code = 409


def _local(at: datetime) -> datetime:
    return timezone.localtime(at)


# Attendance ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signed:
    """The day's row after a sign-in or sign-out, whether this call changed it, and what to tell
    the staff member."""

    day: AttendanceDay
    changed: bool
    message: str


def attendance_sign_in(*, staff: Staff, at: datetime) -> Signed:
    """Sign `staff` in for the day of `at` (the hall's time zone). A second sign-in the same day
    changes nothing and says when the first was. Raises AttendanceError (an inactive staff member)."""
    if not staff.is_active:
        raise AttendanceError(_("%(name)s 已不在岗，不能签到。") % {"name": staff.name}, code="inactive")
    local = _local(at)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = AttendanceDay.objects.create(
                    staff=staff, site=staff.site, work_date=local.date(), signed_in_at=at
                )
        except IntegrityError:
            row = AttendanceDay.objects.get(staff=staff, work_date=local.date())
            return Signed(
                row,
                False,
                _("您今天已于 %(time)s 签到，无需重复签到。") % {"time": f"{_local(row.signed_in_at):%H:%M}"},
            )
    hours = hours_for(staff.site).hours
    message = _("签到成功：%(time)s。") % {"time": f"{local:%H:%M}"}
    if hours.is_late(local.time()):
        message += _("上班时间为 %(opens)s，记为迟到。") % {"opens": f"{hours.opens:%H:%M}"}
    return Signed(row, True, message)


def attendance_sign_out(*, staff: Staff, at: datetime) -> Signed:
    """Sign `staff` out for the day of `at`. A second sign-out the same day changes nothing and
    says when the first was. Raises AttendanceError (not signed in today)."""
    local = _local(at)
    with transaction.atomic():
        row = AttendanceDay.objects.select_for_update().filter(staff=staff, work_date=local.date()).first()
        if row is None:
            raise AttendanceError(_("您今天还没有签到，请先签到。"), code="not_signed_in")
        if row.signed_out_at is not None:
            return Signed(
                row,
                False,
                _("您今天已于 %(time)s 签退，无需重复签退。")
                % {"time": f"{_local(row.signed_out_at):%H:%M}"},
            )
        row.signed_out_at = max(at, row.signed_in_at)
        row.save(update_fields=["signed_out_at"])
    hours = hours_for(staff.site).hours
    message = _("签退成功：%(time)s。") % {"time": f"{local:%H:%M}"}
    if hours.is_early(local.time()):
        message += _("下班时间为 %(closes)s，记为早退。") % {"closes": f"{hours.closes:%H:%M}"}
    return Signed(row, True, message)


@transaction.atomic
def attendance_rule_save(
    *, site: Site, user, at: datetime, opens_at: time, closes_at: time, grace_minutes: int = 0
) -> AttendanceRule:
    """Keep `site`'s attendance hours (its tree follows unless a site below keeps its own).
    Raises NotAllowed, ValidationError."""
    if not permissions.can_manage(user, site):
        raise NotAllowed(_("只有本中心或上级中心的中心办公室可以设置考勤时间。"))
    errors = {}
    if closes_at <= opens_at:
        errors["closes_at"] = _("下班时间须晚于上班时间。")
    if not 0 <= grace_minutes <= 60:
        errors["grace_minutes"] = _("迟到宽限须为0至60分钟。")
    if errors:
        raise ValidationError(errors)
    rule = AttendanceRule.objects.select_for_update().filter(site=site).first() or AttendanceRule(site=site)
    rule.opens_at, rule.closes_at, rule.grace_minutes = opens_at, closes_at, grace_minutes
    rule.updated_at, rule.updated_by = at, user
    rule.save()
    return rule


# The scheme -------------------------------------------------------------------------------------------


@transaction.atomic
def scheme_save(*, site: Site, user, at: datetime, values: dict) -> Scheme:
    """Keep `site`'s assessment scheme: `values` has every field of rules.SCHEME_FIELDS. The
    positive weights are whole numbers from 0 to 100 summing to 100; deductions are 0 to 100
    points each. Raises NotAllowed, ValidationError."""
    if not permissions.can_manage(user, site):
        raise NotAllowed(_("只有本中心或上级中心的中心办公室可以修改考核方案。"))
    missing = [name for name in SCHEME_FIELDS if values.get(name) is None]
    if missing:
        raise ValidationError({name: _("请填写此项。") for name in missing})
    errors = {}
    weights = {}
    for name in WEIGHT_FIELDS.values():
        try:
            weights[name] = int(values[name])
        except (TypeError, ValueError):
            errors[name] = _("权重须为0至100的整数。")
    if not errors:
        problem = weights_problem(weights)
        if problem == "range":
            for name, weight in weights.items():
                if not 0 <= weight <= 100:
                    errors[name] = _("权重须为0至100的整数。")
        elif problem == "sum":
            errors["weights"] = _("六项加分指标的权重之和须为100（现为 %(sum)s）。") % {
                "sum": sum(weights.values())
            }
    for name in (*COMPLAINT_FIELDS.values(), *FINDING_FIELDS.values()):
        try:
            points = Decimal(str(values[name]))
        except ArithmeticError:
            errors[name] = _("扣分须为0至100之间的数。")
            continue
        if not points.is_finite() or not Decimal(0) <= points <= Decimal(100):
            errors[name] = _("扣分须为0至100之间的数。")
    try:
        share = int(values["department_share"])
    except (TypeError, ValueError):
        share = -1
    if not 0 <= share <= 100:
        errors["department_share"] = _("比例须为0至100的整数。")
    if errors:
        raise ValidationError(errors)
    scheme = Scheme.objects.select_for_update().filter(site=site).first() or Scheme(site=site)
    for name in SCHEME_FIELDS:
        setattr(scheme, name, values[name])
    scheme.updated_at, scheme.updated_by = at, user
    scheme.save()
    return scheme


# Scores --------------------------------------------------------------------------------------------


def _measures(tally: MonthTally, key, *, window_id: int | None) -> list[Measure]:
    cases = tally.cases.get(key)
    completed = cases.completed if cases else 0
    rated = tally.ratings.get(key, [0, 0])
    attended = tally.attendance.get(key)
    covered, workdays = tally.coverage.get(window_id, (0, 0)) if window_id is not None else (0, 0)
    return [
        Measure(Indicator.ON_TIME, Decimal(cases.on_time if cases else 0), Decimal(completed)),
        Measure(
            Indicator.EARLY, Decimal(cases.early if cases else 0), Decimal(cases.promised if cases else 0)
        ),
        Measure(Indicator.SATISFACTION, Decimal(rated[0] - rated[1]), Decimal(rated[0])),
        Measure(
            Indicator.ATTENDANCE,
            attended.credited if attended else Decimal(0),
            Decimal(attended.due if attended else 0),
        ),
        Measure(Indicator.AB_COVERAGE, Decimal(covered), Decimal(workdays)),
        Measure(Indicator.ON_SITE, Decimal(cases.on_site if cases else 0), Decimal(completed)),
    ]


def _details(tally: MonthTally, key) -> dict[str, dict]:
    attended = tally.attendance.get(key)
    cases = tally.cases.get(key)
    rated = tally.ratings.get(key, [0, 0])
    return {
        Indicator.ON_TIME: {"late": (cases.completed - cases.on_time) if cases else 0},
        Indicator.EARLY: {},
        Indicator.SATISFACTION: {"bad": rated[1]},
        Indicator.ATTENDANCE: {
            name: getattr(attended, name) if attended else 0
            for name in ("due", "normal", "late", "early", "absent", "leave")
        },
        Indicator.AB_COVERAGE: {"not_applicable": key[0] == SubjectKind.STAFF},
        Indicator.ON_SITE: {},
    }


def _score_rows(tally: MonthTally, *, month: date, at: datetime) -> list[tuple[Score, list[Component]]]:
    schemes = schemes_by_path()
    subjects = [(window_key(pk), window, None) for pk, window in tally.windows.items()] + [
        (staff_key(pk), None, member) for pk, member in tally.staff.items()
    ]
    rows = []
    for key, window, member in subjects:
        site = window.site if window is not None else member.site
        scheme = scheme_for(site, schemes=schemes)
        deductions = [
            Deduction(Indicator.COMPLAINTS, dict(tally.complaints.get(key, {})), scheme.complaint_points),
            Deduction(Indicator.FINDINGS, dict(tally.findings.get(key, {})), scheme.finding_points),
        ]
        result = score(
            _measures(tally, key, window_id=window.pk if window is not None else None),
            deductions,
            weights=scheme.weights,
        )
        if result is None:
            continue
        details = _details(tally, key)
        for deduction in deductions:
            details[deduction.indicator] = {
                "counts": deduction.counts,
                "points_each": {kind: str(points) for kind, points in deduction.points_each.items()},
            }
        subject = Score(
            month=month,
            kind=key[0],
            window=window,
            staff=member,
            site=site,
            department=member.department if member is not None else None,
            total=result.total,
            positive=result.positive,
            deducted=result.deducted,
            through_date=tally.through,
            computed_at=at,
        )
        components = [
            Component(
                indicator=line.indicator,
                value=line.value,
                numerator=line.numerator,
                denominator=line.denominator,
                weight=line.weight,
                effective_weight=line.effective_weight,
                points=line.points,
                detail=details[line.indicator],
            )
            for line in result.lines
        ]
        rows.append((subject, components))
    return rows


def scores_compute(*, month: date, site: Site, at: datetime, user=None) -> ScoreRun:
    """Compute `month`'s scores of every window and staff member of `site`'s tree from the
    source tables (tally.month_tally) under the scheme in force at each one's site, and replace
    the month's scores of that tree with them in one transaction. A month not yet over is
    assessed through yesterday. `user` None is the monthly job. Raises NotAllowed,
    AssessmentError."""
    if user is not None and not permissions.can_manage(user, site):
        raise NotAllowed(_("只有本中心或上级中心的中心办公室可以计算考核得分。"))
    month = month.replace(day=1)
    today = _local(at).date()
    if month > today:
        raise AssessmentError(
            _("%(month)s 尚未开始，不能考核。") % {"month": f"{month:%Y-%m}"}, code="future_month"
        )
    through = assessed_through(month, today=today)
    if through is None:
        raise AssessmentError(
            _("%(month)s 还没有过完的日子，明天起可以计算。") % {"month": f"{month:%Y-%m}"},
            code="month_not_begun",
        )
    tally = month_tally(root=site, first=month, through=through, calendar=working_calendar())
    rows = _score_rows(tally, month=month, at=at)
    with transaction.atomic():
        try:
            with transaction.atomic():
                run, _created = ScoreRun.objects.get_or_create(
                    month=month, site=site, defaults={"through_date": through, "computed_at": at}
                )
        except IntegrityError:
            run = ScoreRun.objects.get(month=month, site=site)
        run = ScoreRun.objects.select_for_update().get(pk=run.pk)
        Score.objects.filter(month=month, site__path__startswith=site.path).delete()
        try:
            with transaction.atomic():
                Score.objects.bulk_create([subject for subject, _components in rows])
        except IntegrityError:
            raise AssessmentError(_("另一次计算正在写入同一月份，请稍后重试。"), code="busy") from None
        components = []
        for subject, lines in rows:
            for line in lines:
                line.score = subject
                components.append(line)
        Component.objects.bulk_create(components)
        run.through_date, run.computed_at, run.computed_by = through, at, user
        run.windows = sum(1 for subject, _lines in rows if subject.kind == SubjectKind.WINDOW)
        run.staff = len(rows) - run.windows
        run.save()
    return run


def scores_compute_month_for_all(*, month: date, at: datetime) -> list[ScoreRun]:
    """The monthly job: `month` for every top-level site's tree."""
    return [
        scores_compute(month=month, site=site, at=at)
        for site in Site.objects.filter(parent__isnull=True, is_active=True).order_by("path")
    ]


# Awards --------------------------------------------------------------------------------------------


def _main_window(staff: Staff, month: date) -> Window | None:
    """The window the staff member sat at most in the month (the lower id on a tie)."""
    row = (
        DutyAssignment.objects.filter(staff=staff, duty_date__gte=month, duty_date__lte=month_last_day(month))
        .values("window_id")
        .annotate(days=Count("id"))
        .order_by("-days", "window_id")
        .first()
    )
    return Window.objects.filter(pk=row["window_id"]).first() if row else None


def award_grant(
    *, user, month: date, kind: str, at: datetime, window: Window | None = None, staff: Staff | None = None
) -> Award:
    """The office names a 红旗窗口 (a window) or a 服务标兵 (a staff member) of `month`, from its
    scores; the award waits for publication. Raises NotAllowed, AwardError, ValidationError."""
    month = month.replace(day=1)
    if kind == Award.Kind.RED_FLAG_WINDOW:
        if window is None or staff is not None:
            raise ValidationError({"window": _("红旗窗口须选择一个窗口。")})
        subject_filter = {"kind": SubjectKind.WINDOW, "window": window}
        site = window.site
    elif kind == Award.Kind.MODEL_STAFF:
        if staff is None or window is not None:
            raise ValidationError({"staff": _("服务标兵须选择一名工作人员。")})
        subject_filter = {"kind": SubjectKind.STAFF, "staff": staff}
        site = staff.site
    else:
        raise ValidationError({"kind": _("称号无效：红旗窗口或服务标兵。")})
    if not permissions.can_manage(user, site):
        raise NotAllowed(_("只有本中心或上级中心的中心办公室可以评定红旗窗口和服务标兵。"))
    scored = Score.objects.filter(month=month, **subject_filter).first()
    if scored is None:
        raise AwardError(
            _("%(month)s 没有该对象的考核得分，请先计算当月考核。") % {"month": f"{month:%Y-%m}"},
            code="not_scored",
        )
    same_site = list(
        Score.objects.filter(month=month, kind=scored.kind, site=scored.site)
        .order_by("-total")
        .values_list("total", flat=True)
    )
    rank = ranks(same_site)[same_site.index(scored.total)]
    try:
        with transaction.atomic():
            return Award.objects.create(
                month=month,
                kind=kind,
                site=site,
                window=window if window is not None else _main_window(staff, month),
                staff=staff,
                score_total=scored.total,
                rank=rank,
                granted_at=at,
                granted_by=user,
            )
    except IntegrityError:
        raise AwardError(_("该对象已被评为本月的红旗窗口或服务标兵。"), code="already_awarded") from None


@transaction.atomic
def awards_publish(*, user, month: date, site: Site, at: datetime) -> int:
    """Publish the month's awards waiting at `site`'s tree on the portal. Returns how many.
    Raises NotAllowed, AwardError (nothing to publish)."""
    if not permissions.can_manage(user, site):
        raise NotAllowed(_("只有本中心或上级中心的中心办公室可以发布评定结果。"))
    waiting = Award.objects.select_for_update().filter(
        month=month.replace(day=1), status=Award.Status.DRAFT, site__path__startswith=site.path
    )
    count = waiting.update(status=Award.Status.PUBLISHED, published_at=at, published_by=user)
    if not count:
        raise AwardError(
            _("%(month)s 没有待发布的评定。") % {"month": f"{month:%Y-%m}"}, code="nothing_to_publish"
        )
    return count


@transaction.atomic
def award_revoke(*, user, award: Award, reason: str, at: datetime) -> Award:
    """Revoke an award (before or after publication) with a reason; it stays on record and leaves
    the portal. Raises NotAllowed, AwardError, ValidationError."""
    award = Award.objects.select_for_update().select_related("site").get(pk=award.pk)
    if not permissions.can_manage(user, award.site):
        raise NotAllowed(_("只有本中心或上级中心的中心办公室可以撤销评定。"))
    if award.status == Award.Status.REVOKED:
        raise AwardError(_("该评定已撤销。"), code="already_revoked")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError({"reason": _("请写明撤销理由（至少4个字）。")})
    award.status, award.revoked_at, award.revoked_by, award.revoke_reason = (
        Award.Status.REVOKED,
        at,
        user,
        reason[:200],
    )
    award.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason"])
    return award
