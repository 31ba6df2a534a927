"""Writing 好差评: a service pushed to the window's tablet, a rating at the hall or online, the
default rating of a case left unrated, the SMS invitation, and a bad review's life (rectified by
the department, visited again, verified by the office, or set aside on an upheld appeal).

Lock order (docs/adr/0010): a rating locks the service row (hall) or the case row (online) first,
then writes; the default job locks the case rows it writes, passing by those being rated (skip
locked); a rectification's and an appeal's services lock their own row. The unique
constraints of the models decide races the locks do not cover (two tablets, two browsers).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from onewindow.cases.models import Case, CaseStatus
from onewindow.cases.selectors import case_visible_to
from onewindow.cases.services import site_code
from onewindow.cases.transitions import local_date
from onewindow.common import numbering
from onewindow.common.api import DomainError, NotAllowed
from onewindow.evaluations.models import (
    BAD_LEVELS,
    Appeal,
    Channel,
    Invitation,
    Level,
    Rating,
    Rectification,
    Service,
)
from onewindow.evaluations.scale import reason_problems, reasons_for
from onewindow.notifications.models import Notification
from onewindow.notifications.services import Message, Recipient, inbox_send, messages_send
from onewindow.org.models import DutyAssignment, Role, Staff, Window
from onewindow.org.selectors import access_for, center_office_user_ids, chief_representative_user_ids
from onewindow.workcalendar.selectors import working_calendar

RECTIFICATION_SERIES = "rectification"
#: A case may be rated online once it is over: decided, delivered, refused, returned or ended.
RATEABLE_STATUSES = (
    CaseStatus.COMPLETED,
    CaseStatus.DELIVERED,
    CaseStatus.REFUSED,
    CaseStatus.RETURNED,
    CaseStatus.TERMINATED,
)
#: Roles that serve the public at a window and may ask the tablet for a rating.
SERVING_ROLES = (Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE, Role.FEE_CLERK, Role.CASE_AGENT)
#: How long an SMS rating link stays good.
LINK_MAX_AGE = timedelta(days=30)
_LINK_SALT = "evaluations.rate-link"
_TABLET_SALT = "evaluations.tablet-key"


@dataclass(frozen=True)
class RatingInput:
    level: int
    reasons: tuple[str, ...] = ()
    comment: str = ""


def _clean(given: RatingInput) -> RatingInput:
    errors: dict[str, str] = {}
    if given.level not in Level.values:
        errors["level"] = _("请选择评价等级（1 非常满意 至 5 非常不满意）。")
    reasons = tuple(dict.fromkeys(code.strip() for code in given.reasons if code and code.strip()))
    if not errors:
        problem = reason_problems(given.level, list(reasons))
        if problem:
            errors["reasons"] = problem
    comment = (given.comment or "").strip()
    if len(comment) > 500:
        errors["comment"] = _("评价内容不能超过500字。")
    if errors:
        raise ValidationError(errors)
    return RatingInput(level=given.level, reasons=reasons, comment=comment)


# Pushing a service to the tablet -----------------------------------------------------------------


def on_duty_window(staff: Staff, on_date: date) -> Window | None:
    """The window the staff member sits at on `on_date` (the duty roster), or None."""
    duty = DutyAssignment.objects.filter(staff=staff, duty_date=on_date).select_related("window").first()
    return duty.window if duty else None


def service_push(*, user, window: Window, at: datetime, case: Case | None = None) -> Service:
    """The clerk ends a service: the window's tablet asks the citizen to rate it (the one waiting
    before expires). A clerk serves at windows of their own site; a case must be one they may see.
    Raises NotAllowed."""
    access = access_for(user)
    staff = access.staff
    if staff is None or not access.has_role(*SERVING_ROLES):
        raise NotAllowed(_("只有窗口工作人员可以推送评价。"))
    if window.site_id != staff.site_id or not window.is_active:
        raise NotAllowed(_("只能推送到本中心在用的窗口。"))
    if case is not None and not case_visible_to(user).filter(pk=case.pk).exists():
        raise NotAllowed(_("您无权查看该办件。"))
    for attempt in range(2):
        try:
            with transaction.atomic():
                Service.objects.select_for_update(of=("self",)).filter(
                    window=window, status=Service.Status.WAITING
                ).update(status=Service.Status.EXPIRED)
                return Service.objects.create(
                    site=window.site,
                    window=window,
                    staff=staff,
                    department=staff.department,
                    case=case,
                    token=secrets.token_urlsafe(18),
                    status=Service.Status.WAITING,
                    ended_at=at,
                    requested_by=user,
                )
        except IntegrityError:
            if attempt:
                raise DomainError(_("该窗口正在推送评价，请稍后再试。")) from None
    raise AssertionError("unreachable")


def waiting_service(window: Window, *, at: datetime) -> Service | None:
    """The service the window's tablet asks about now: waiting, and ended at most
    ONEWINDOW_RATING_TABLET_MINUTES ago (an older one is no longer asked about)."""
    fresh_since = at - timedelta(minutes=settings.ONEWINDOW_RATING_TABLET_MINUTES)
    return (
        Service.objects.filter(window=window, status=Service.Status.WAITING, ended_at__gte=fresh_since)
        .select_related("staff__user", "staff__department", "case__version")
        .first()
    )


# Pairing a window's tablet ---------------------------------------------------------------------


def tablet_key(window: Window) -> str:
    """The device key that pairs a tablet with `window` (signed with the secret key, salted, tied to
    the window's id): the center office hands it to the tablet once through its link."""
    return signing.Signer(salt=_TABLET_SALT).sign(str(window.pk)).rsplit(":", 1)[1]


def tablet_key_is_valid(window: Window, key: str) -> bool:
    """Whether `key` is the device key of `window` (a forged key, or another window's, is not)."""
    return bool(key) and constant_time_compare(key, tablet_key(window))


# Ratings -----------------------------------------------------------------------------------------


def _new_rating(*, given: RatingInput, at: datetime, **fields) -> Rating:
    labels = reasons_for(given.level)
    rating = Rating.objects.create(
        level=given.level,
        level_label=str(Level(given.level).label),
        reasons=list(given.reasons),
        reason_labels="、".join(str(labels[code]) for code in given.reasons),
        comment=given.comment,
        is_bad=given.level in BAD_LEVELS,
        rated_at=at,
        rated_date=local_date(at),
        **fields,
    )
    if rating.is_bad:
        _open_rectification(rating, at=at)
    return rating


def rating_at_window(*, token: str, given: RatingInput, at: datetime) -> Rating:
    """The citizen taps a level on the window's tablet (一次一评): one rating per service.
    Raises DomainError when the service is no longer waiting."""
    given = _clean(given)
    with transaction.atomic():
        service = (
            Service.objects.select_for_update(of=("self",))
            .select_related("window", "case", "staff")
            .filter(token=token or "")
            .first()
        )
        if service is None or service.status != Service.Status.WAITING:
            raise DomainError(_("这次服务已经评价过或已结束。"), code="not_waiting")
        if service.ended_at < at - timedelta(minutes=settings.ONEWINDOW_RATING_TABLET_MINUTES):
            service.status = Service.Status.EXPIRED
            service.save(update_fields=["status"])
            raise DomainError(_("评价已超时，请向窗口工作人员重新发起。"), code="not_waiting")
        case = service.case
        rating = _new_rating(
            given=given,
            at=at,
            site=service.site,
            service=service,
            case=case,
            window=service.window,
            staff=service.staff,
            department=service.department,
            channel=Channel.TABLET,
            rater_name=case.applicant_name if case else "",
            rater_phone=case.contact_phone if case else "",
        )
        service.status = Service.Status.RATED
        service.save(update_fields=["status"])
    return rating


def case_rating(case: Case) -> Rating | None:
    """The case's online rating as it stands (the follow-up when there is one)."""
    return (
        Rating.objects.filter(case=case, service__isnull=True, is_current=True)
        .order_by("-rated_at", "-id")
        .first()
    )


def may_rate_case(case: Case) -> tuple[bool, str]:
    """Whether the case can be rated online now (and, if not, why): a first rating once the case
    is over, then one follow-up (追评)."""
    if case.status not in RATEABLE_STATUSES:
        return False, _("办件办结后才能评价。")
    first = Rating.objects.filter(case=case, service__isnull=True, follow_up_of__isnull=True).first()
    if first is not None and Rating.objects.filter(follow_up_of=first).exists():
        return False, _("该办件已评价并追评，每件只能追评一次。")
    return True, ""


def rating_of_case(*, case: Case, channel: str, given: RatingInput, at: datetime, rater_user=None) -> Rating:
    """The applicant rates a finished case online (一事一评); a second online rating is the one
    follow-up (追评) and replaces the first in the figures (a defaulted rating included). The
    caller has established that this is the applicant (their account, the query code, or the
    signed SMS link). Raises DomainError, ValidationError."""
    if channel not in (Channel.QR, Channel.MY_CASES, Channel.PROGRESS, Channel.SMS):
        raise ValidationError({"channel": _("评价渠道无效。")})
    given = _clean(given)
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",)).select_related("site", "department").get(pk=case.pk)
        )
        for attempt in range(2):
            allowed, why = may_rate_case(case)
            if not allowed:
                raise DomainError(why, code="not_rateable")
            first = Rating.objects.filter(case=case, service__isnull=True, follow_up_of__isnull=True).first()
            window, staff = case_counter(case)
            try:
                # A rating written since the read (the default job's) makes the unique constraint
                # refuse ours: only this insert is undone, and the next turn reads that rating and
                # rates as its follow-up.
                with transaction.atomic():
                    rating = _new_rating(
                        given=given,
                        at=at,
                        site=case.site,
                        case=case,
                        window=window,
                        staff=staff,
                        department=case.department,
                        channel=channel,
                        follow_up_of=first,
                        rater_name=case.applicant_name,
                        rater_phone=case.contact_phone,
                        rater_user=rater_user,
                    )
            except IntegrityError:
                if attempt:
                    raise DomainError(_("评价未能保存，请稍后再试。"), code="conflict") from None
                continue
            if first is not None:
                first.is_current = False
                first.save(update_fields=["is_current"])
            return rating
    raise AssertionError("unreachable")


def case_counter(case: Case) -> tuple[Window | None, Staff | None]:
    """The window and the staff member an online rating of a case is attached to: the clerk who
    received it and the window they sat at that day (none for a case applied for online)."""
    if case.received_by_id is None:
        return None, None
    return on_duty_window(case.received_by, case.received_date), case.received_by


def _query_code_check(case: Case) -> str:
    # keyed with the secret key: the six-digit query code cannot be recovered from the link by
    # trying every code against the hash
    return salted_hmac(f"{_LINK_SALT}.query-code", f"{case.pk}:{case.query_code}").hexdigest()[:20]


def rate_link_token(case: Case) -> str:
    """The signed token of a case's SMS rating link (valid LINK_MAX_AGE). It carries the case and
    a keyed hash of its query code, never the code itself (a signed token is readable by anyone
    who has the SMS): a new query code makes the link invalid."""
    return signing.dumps({"case": case.pk, "check": _query_code_check(case)}, salt=_LINK_SALT)


def case_for_rate_link(token: str) -> Case | None:
    """The case an SMS link names, or None when the link is forged, altered or too old."""
    try:
        data = signing.loads(token, salt=_LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    case = Case.objects.select_related("site", "department", "version").filter(pk=data.get("case")).first()
    if case is None:
        return None
    if "check" in data:
        return case if constant_time_compare(str(data["check"]), _query_code_check(case)) else None
    # links sent before the hash carried the code itself; they expire within LINK_MAX_AGE
    return case if data.get("code") and case.query_code == data.get("code") else None


def _finished_unrated(*, since: date, until: date):
    online = Rating.objects.filter(case=OuterRef("pk"), service__isnull=True)
    return Case.objects.filter(
        decided_date__gte=since,
        decided_date__lte=until,
        status__in=(CaseStatus.COMPLETED, CaseStatus.DELIVERED),
    ).exclude(Exists(online))


def ratings_default(*, at: datetime, lookback_days: int = 30) -> int:
    """Cases decided ONEWINDOW_RATING_DEFAULT_DAYS days ago or earlier (within `lookback_days`
    more, so the run stays bounded however long the history) and never rated online count as
    基本满意, marked defaulted. Safe to run again: a case rated meanwhile is left alone, and the
    unique constraint keeps one online rating per case. Returns how many were defaulted."""
    days = settings.ONEWINDOW_RATING_DEFAULT_DAYS
    if days <= 0:
        return 0
    until = local_date(at) - timedelta(days=days)
    since = until - timedelta(days=lookback_days)
    label = str(Level.BASIC.label)
    written = 0
    counter = DutyAssignment.objects.filter(
        staff=OuterRef("received_by"), duty_date=OuterRef("received_date")
    )
    cases = (
        _finished_unrated(since=since, until=until)
        .annotate(window_id=Subquery(counter.values("window_id")[:1]))
        .values(
            "pk", "site_id", "department_id", "received_by_id", "window_id", "applicant_name", "contact_phone"
        )
    )
    batch: list[Rating] = []
    for row in cases.iterator(chunk_size=1000):
        batch.append(
            Rating(
                site_id=row["site_id"],
                case_id=row["pk"],
                department_id=row["department_id"],
                staff_id=row["received_by_id"],
                window_id=row["window_id"],
                level=Level.BASIC,
                level_label=label,
                channel=Channel.DEFAULT,
                is_default=True,
                rater_name=row["applicant_name"],
                rater_phone=row["contact_phone"],
                rated_at=at,
                rated_date=local_date(at),
            )
        )
        if len(batch) >= 1000:
            written += _write_defaults(batch)
            batch = []
    if batch:
        written += _write_defaults(batch)
    return written


def _write_defaults(batch: list[Rating]) -> int:
    with transaction.atomic():
        # The case row first, as an applicant's rating locks it (docs/adr/0010): a case being
        # rated right now is skipped (its applicant's word wins; a later run finds it rated), so
        # the job never waits on, nor deadlocks with, an applicant. A case rated since the read
        # is skipped by the constraint.
        free = set(
            Case.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[rating.case_id for rating in batch])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        batch = [rating for rating in batch if rating.case_id in free]
        return len(Rating.objects.bulk_create(batch, ignore_conflicts=True, batch_size=500))


def invitations_send(*, at: datetime, base_url: str = "") -> int:
    """An SMS to the applicant of each case decided in the last two days, with a link to rate it
    (once per case). Returns how many were sent."""
    today = local_date(at)
    base = (settings.ONEWINDOW_PUBLIC_URL or base_url or "").rstrip("/")
    invited = Invitation.objects.filter(case=OuterRef("pk"))
    cases = list(
        _finished_unrated(since=today - timedelta(days=2), until=today)
        .exclude(Exists(invited))
        .exclude(contact_phone="")
        .select_related("site")[:2000]
    )
    if not cases:
        return 0
    with transaction.atomic():
        Invitation.objects.bulk_create(
            [Invitation(case=case, sent_at=at) for case in cases], ignore_conflicts=True
        )
        messages_send(
            messages=[
                Message(
                    recipients=(Recipient(channel=Notification.Channel.SMS, address=case.contact_phone),),
                    subject=_("请评价"),
                    body=_("您的办件 %(number)s 已办结，请对本次服务作出评价：%(link)s")
                    % {
                        "number": case.reference,
                        "link": f"{base}/rate/{rate_link_token(case)}/",
                    },
                    case=case,
                )
                for case in cases
            ],
            at=at,
        )
    return len(cases)


# Bad reviews: rectification, return visit, verification, appeal -----------------------------------


def _open_rectification(rating: Rating, *, at: datetime) -> Rectification:
    today = local_date(at)
    sequence = numbering.next_number(series=RECTIFICATION_SERIES, site=rating.site, period=today.year)
    rectification = Rectification.objects.create(
        rating=rating,
        # numbered per site (the counter's series), so the site's code makes the number unique
        number=_("%(site)s差评整改〔%(year)s〕%(number)s号")
        % {"site": site_code(rating.site), "year": today.year, "number": sequence},
        site=rating.site,
        department=rating.department,
        status=Rectification.Status.OPEN,
        opened_at=at,
        due_date=working_calendar().add(today, settings.ONEWINDOW_RECTIFICATION_DAYS),
    )
    who = rating.department.name if rating.department_id else _("中心")
    text = _("%(number)s：%(who)s收到一条“%(level)s”评价（%(reasons)s），请于 %(due)s 前整改并反馈。") % {
        "number": rectification.number,
        "who": who,
        "level": rating.level_label,
        "reasons": rating.reason_labels or rating.comment[:40] or _("未注明原因"),
        "due": rectification.due_date.isoformat(),
    }
    answerable = (
        chief_representative_user_ids(rating.department)
        if rating.department_id
        else center_office_user_ids(rating.site)
    )
    inbox_send(
        user_ids=[*answerable, *center_office_user_ids(rating.site)],
        subject=_("差评整改"),
        body=text,
        at=at,
        case=rating.case,
    )
    return rectification


def answers_for(user, rectification: Rectification) -> bool:
    """The department's chief representative answers for its rectifications; the center office
    for those of the center's own windows (no department)."""
    access = access_for(user)
    staff = access.staff
    if staff is None:
        return False
    if rectification.department_id:
        return (
            access.has_role(Role.CHIEF_REPRESENTATIVE) and staff.department_id == rectification.department_id
        )
    return access.has_role(Role.CENTER_OFFICE) and rectification.site.path.startswith(staff.site.path)


def is_office_over(user, site) -> bool:
    """The center office of `site` or of a site above it."""
    access = access_for(user)
    return bool(
        access.staff is not None
        and access.has_role(Role.CENTER_OFFICE)
        and site.path.startswith(access.staff.site.path)
    )


def appeal_filed_by(user, appeal: Appeal) -> bool:
    """Whether the user filed the appeal (and so may not decide it)."""
    staff = access_for(user).staff
    return staff is not None and appeal.filed_by_id == staff.pk


def _locked(rectification: Rectification) -> Rectification:
    return (
        Rectification.objects.select_for_update(of=("self",))
        .select_related("site", "department", "rating")
        .get(pk=rectification.pk)
    )


def rectification_submit(*, user, rectification: Rectification, measures: str, at: datetime) -> Rectification:
    """The department reports what it did about the bad review (整改措施)."""
    measures = (measures or "").strip()
    if len(measures) < 10:
        raise ValidationError({"measures": _("请写明整改措施（至少10个字）。")})
    with transaction.atomic():
        rectification = _locked(rectification)
        if not answers_for(user, rectification):
            raise NotAllowed(_("只有责任部门的首席代表可以反馈整改。"))
        if rectification.status != Rectification.Status.OPEN:
            raise DomainError(
                _("该整改单当前不能反馈整改（%(status)s）。") % {"status": rectification.get_status_display()}
            )
        rectification.measures = measures
        rectification.submitted_at = at
        rectification.submitted_by = access_for(user).staff
        rectification.status = Rectification.Status.SUBMITTED
        rectification.save()
        inbox_send(
            user_ids=center_office_user_ids(rectification.site),
            subject=_("整改已反馈"),
            body=_("%(number)s 已反馈整改措施，请回访评价人。") % {"number": rectification.number},
            at=at,
            case=rectification.rating.case,
        )
    return rectification


def rectification_visit(
    *, user, rectification: Rectification, method: str, answer: str, note: str, at: datetime
) -> Rectification:
    """The return visit (回访): the center office calls or visits the rater and records their
    answer (not the department that answers for the bad review: it would judge its own work).
    Raises ValidationError, NotAllowed, DomainError."""
    errors = {}
    if method not in Rectification.VisitMethod.values:
        errors["method"] = _("请选择回访方式。")
    if answer not in Rectification.Answer.values:
        errors["answer"] = _("请记录评价人对整改是否满意。")
    note = (note or "").strip()
    if len(note) > 500:
        errors["note"] = _("回访记录不能超过500字。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rectification = _locked(rectification)
        if not is_office_over(user, rectification.site):
            raise NotAllowed(_("只有中心办公室可以记录回访。"))
        if rectification.status != Rectification.Status.SUBMITTED:
            raise DomainError(_("整改反馈后才能回访。"))
        rectification.visit_method = method
        rectification.visit_answer = answer
        rectification.visit_note = note
        rectification.visited_at = at
        rectification.visited_by = access_for(user).staff
        rectification.status = Rectification.Status.VISITED
        rectification.save()
    return rectification


def rectification_verify(
    *, user, rectification: Rectification, accept: bool, note: str, at: datetime
) -> Rectification:
    """The office verifies the rectification (办结), or returns it to be done again with a new
    deadline (the department is told)."""
    note = (note or "").strip()
    if not accept and len(note) < 4:
        raise ValidationError({"note": _("退回重新整改时请写明理由。")})
    with transaction.atomic():
        rectification = _locked(rectification)
        if not is_office_over(user, rectification.site):
            raise NotAllowed(_("只有中心办公室可以核实整改。"))
        if rectification.status != Rectification.Status.VISITED:
            raise DomainError(_("回访后才能核实。"))
        rectification.verify_note = note[:500]
        rectification.verified_at = at
        rectification.verified_by = access_for(user).staff
        if accept:
            rectification.status = Rectification.Status.VERIFIED
        else:
            rectification.status = Rectification.Status.OPEN
            rectification.returned_count += 1
            rectification.due_date = working_calendar().add(
                local_date(at), settings.ONEWINDOW_RECTIFICATION_DAYS
            )
            rectification.submitted_at = rectification.visited_at = None
            rectification.visit_method = rectification.visit_answer = ""
            inbox_send(
                user_ids=chief_representative_user_ids(rectification.department)
                if rectification.department_id
                else center_office_user_ids(rectification.site),
                subject=_("整改被退回"),
                body=_("%(number)s 被退回重新整改：%(note)s。请于 %(due)s 前反馈。")
                % {
                    "number": rectification.number,
                    "note": note,
                    "due": rectification.due_date.isoformat(),
                },
                at=at,
            )
        rectification.save()
    return rectification


def appeal_file(*, user, rating: Rating, ground: str, reason: str, at: datetime, evidence=None) -> Appeal:
    """The department appeals a malicious or mistaken bad review, once, with its evidence."""
    errors = {}
    if ground not in Appeal.Ground.values:
        errors["ground"] = _("请选择申诉理由类别。")
    reason = (reason or "").strip()
    if len(reason) < 10:
        errors["reason"] = _("请写明申诉理由（至少10个字）。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rectification = (
            Rectification.objects.select_for_update(of=("self",))
            .select_related("site")
            .filter(rating=rating)
            .first()
        )
        if rectification is None or not rating.is_bad:
            raise DomainError(_("只能对差评申诉。"))
        if not answers_for(user, rectification):
            raise NotAllowed(_("只能对本部门的差评申诉。"))
        if Appeal.objects.filter(rating=rating).exists():
            raise DomainError(_("每条差评只能申诉一次。"), code="appealed")
        if rectification.status in (Rectification.Status.VERIFIED, Rectification.Status.WAIVED):
            raise DomainError(_("整改已办结，不能再申诉。"))
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(
                    rating=rating,
                    ground=ground,
                    reason=reason,
                    evidence=evidence or "",
                    filed_at=at,
                    filed_by=access_for(user).staff,
                    status=Appeal.Status.PENDING,
                )
        except IntegrityError:
            raise DomainError(_("每条差评只能申诉一次。"), code="appealed") from None
        inbox_send(
            user_ids=center_office_user_ids(rectification.site),
            subject=_("差评申诉"),
            body=_("%(number)s 的责任部门提出申诉（%(ground)s），请裁定。")
            % {
                "number": rectification.number,
                "ground": appeal.get_ground_display(),
            },
            at=at,
        )
    return appeal


def appeal_decide(*, user, appeal: Appeal, uphold: bool, note: str, at: datetime) -> Appeal:
    """The office decides an appeal, by another person than the one who filed it (the office
    appeals the bad reviews of the center's own windows itself). Upheld, the rating leaves the
    figures (never deleted) and its rectification is waived. Raises ValidationError, NotAllowed,
    DomainError."""
    note = (note or "").strip()
    if len(note) < 4:
        raise ValidationError({"note": _("请写明裁定意见。")})
    with transaction.atomic():
        appeal = (
            Appeal.objects.select_for_update(of=("self",)).select_related("rating__site").get(pk=appeal.pk)
        )
        if not is_office_over(user, appeal.rating.site):
            raise NotAllowed(_("只有中心办公室可以裁定申诉。"))
        if appeal_filed_by(user, appeal):
            raise NotAllowed(_("提出申诉的人不能裁定该申诉，请由中心办公室其他人员裁定。"))
        if appeal.status != Appeal.Status.PENDING:
            raise DomainError(_("该申诉已经裁定。"))
        appeal.status = Appeal.Status.UPHELD if uphold else Appeal.Status.REJECTED
        appeal.decision_note = note[:500]
        appeal.decided_at = at
        appeal.decided_by = access_for(user).staff
        appeal.save()
        if uphold:
            Rating.objects.filter(pk=appeal.rating_id).update(counted=False)
            Rectification.objects.filter(rating_id=appeal.rating_id).exclude(
                status=Rectification.Status.VERIFIED
            ).update(status=Rectification.Status.WAIVED)
        rectification = (
            Rectification.objects.filter(rating_id=appeal.rating_id).select_related("department").first()
        )
        if rectification is not None and rectification.department_id:
            inbox_send(
                user_ids=chief_representative_user_ids(rectification.department),
                subject=_("申诉裁定"),
                body=_("%(number)s 的申诉%(result)s：%(note)s")
                % {
                    "number": rectification.number,
                    "result": appeal.get_status_display(),
                    "note": note,
                },
                at=at,
            )
    return appeal
