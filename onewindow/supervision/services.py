"""Writing supervision: the escalation sweep (warnings when a case's clock turns yellow or red,
and a supervision record on red), a site's rules, and a record's life (explained by the
department, closed or returned by the supervision section).

Lock order (docs/adr/0010): the sweep locks no case row: the warnings' and records' unique
constraints decide who writes first, so a clerk acting on the case meanwhile never waits for it,
and nothing is written twice. A record's services lock the record's row only.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from onewindow.cases import clocks
from onewindow.cases.models import RUNNING_TASK_STATUSES, Case, CaseEvent, Task
from onewindow.cases.services.handling import warning_days
from onewindow.cases.transitions import local_date
from onewindow.common import numbering
from onewindow.common.api import DomainError, NotAllowed
from onewindow.notifications.models import Notification
from onewindow.notifications.services import (
    Message,
    Recipient,
    inbox_send,
    messages_send,
    notifications_send,
    supervision_section,
    supervision_warn,
)
from onewindow.org.models import Role, Site, Staff, WindowPost
from onewindow.org.selectors import access_for, center_office_user_ids, chief_representative_user_ids
from onewindow.supervision import permissions, push
from onewindow.supervision.models import (
    Cause,
    Clock,
    Finding,
    Light,
    LightWarning,
    Order,
    OrderReply,
    Policy,
    PushEvent,
    Record,
)
from onewindow.supervision.selectors import CLOCK_COLUMNS, Rules, all_policies, newly_lit, rules_for
from onewindow.workcalendar.selectors import working_calendar

Channel = Notification.Channel

#: Cases handled per transaction by the sweep.
SWEEP_BATCH = 500


class RecordError(DomainError):
    code = "record_wrong_state"
    status_code = 409


# The sweep -------------------------------------------------------------------------------------


@dataclass
class SweepResult:
    """What one sweep did: warnings by (clock, light), records opened, messages written."""

    warned: dict[tuple[str, str], int] = field(default_factory=dict)
    records: int = 0
    messages: int = 0
    orders_escalated: int = 0

    @property
    def total(self) -> int:
        return sum(self.warned.values())


def escalation_sweep(*, at: datetime, batch_size: int = SWEEP_BATCH) -> SweepResult:
    """Warn about every case whose clock turned yellow or red since the last sweep, once per
    light and due date, and open a supervision record on red (the site's rules decide who is
    warned and whether a record is opened); then escalate the orders unanswered past their
    deadline (orders_escalate). Each batch commits on its own: a sweep cut short
    leaves nothing half-done, and the next one goes on where it stopped."""
    today = local_date(at)
    calendar = working_calendar()
    until = clocks.yellow_until(calendar, today=today, warning_days=warning_days())
    policies = all_policies()
    result = SweepResult()
    for clock in (Clock.HANDLING, Clock.DELIVERY):
        for light in (Light.YELLOW, Light.RED):
            after: tuple | None = None
            count = 0
            _status, column = CLOCK_COLUMNS[clock]
            while True:
                # The ids first (an index-only anti-join: a quiet sweep reads nothing more), then
                # the batch's rows with what the messages need.
                found = newly_lit(clock=clock, light=light, today=today, until=until)
                if after is not None:
                    found = found.filter(**{f"{column}__gte": after[0]}).exclude(
                        **{column: after[0], "id__lte": after[1]}
                    )
                ids = list(found.values_list("id", flat=True)[:batch_size])
                if not ids:
                    break
                batch = list(
                    Case.objects.filter(pk__in=ids)
                    .select_related("site", "department", "version", "agent__user", "accepted_by__user")
                    .order_by(column, "id")
                )
                after = (getattr(batch[-1], column), batch[-1].pk)
                written = _escalate(
                    batch, clock=clock, light=light, at=at, policies=policies, calendar=calendar
                )
                count += written[0]
                result.records += written[1]
                result.messages += written[2]
            result.warned[(clock, light)] = count
    result.orders_escalated = orders_escalate(at=at)
    return result


@transaction.atomic
def _escalate(
    cases: list[Case], *, clock: str, light: str, at: datetime, policies, calendar
) -> tuple[int, int, int]:
    """Warn about `cases` (one clock, one light) in one transaction: the warnings this call wins
    on the unique constraint are the ones it acts on. Returns (warned, records, messages)."""
    _status, column = CLOCK_COLUMNS[clock]
    batch = uuid.uuid4()
    LightWarning.objects.bulk_create(
        [
            LightWarning(
                case=case, clock=clock, light=light, due_date=getattr(case, column), at=at, batch=batch
            )
            for case in cases
        ],
        ignore_conflicts=True,
    )
    won = set(LightWarning.objects.filter(batch=batch).values_list("case_id", flat=True))
    cases = [case for case in cases if case.pk in won]
    if not cases:
        return 0, 0, 0
    today = local_date(at)
    rules = {case.site_id: rules_for(case.site, policies=policies) for case in cases}
    people = _People(cases, clock=clock)
    messages: list[Message] = []
    events: list[CaseEvent] = []
    records: list[Record] = []
    for case in cases:
        rule = rules[case.site_id]
        due = getattr(case, column)
        subject, body = _warning_text(case, clock=clock, light=light, due=due, today=today)
        if light == Light.YELLOW and not rule.warn_on_yellow:
            continue
        if light == Light.RED and not (rule.warn_on_red or rule.record_on_red):
            continue
        record = None
        if light == Light.RED and rule.record_on_red:
            explain_due = calendar.add(today, rule.explain_working_days)
            record = Record(
                site=case.site,
                case=case,
                department=case.department,
                cause=Cause.RED if clock == Clock.HANDLING else Cause.DELIVERY_LATE,
                cause_key=due.isoformat(),
                summary=subject,
                evidence={"clock": clock, "due_date": due.isoformat(), "lit_on": today.isoformat()},
                opened_at=at,
                opened_date=today,
                explain_due_date=explain_due,
            )
            records.append(record)
            body += _("已立督办件，请责任部门于 %(date)s 前作出情况说明。") % {
                "date": explain_due.isoformat()
            }
        messages.append(Message(tuple(people.for_case(case, light=light, rule=rule)), subject, body, case))
        events.append(
            CaseEvent(
                case=case,
                action=CaseEvent.Action.WARNING,
                at=at,
                department=case.department,
                comment=body,
                is_public=False,
            )
        )
    if records:
        Record.objects.bulk_create(records, ignore_conflicts=True)
    if light == Light.RED:
        _push_red(cases, records, clock=clock, at=at)
    CaseEvent.objects.bulk_create(events)
    written = messages_send(messages=messages, at=at)
    return len(cases), len(records), len(written)


def _push_red(cases: list[Case], records: list[Record], *, clock: str, at: datetime) -> None:
    """Every red case, and every record opened on one, as an event for the efficiency supervision
    center (push.py), in one statement; each once by its key."""
    _status, column = CLOCK_COLUMNS[clock]
    opened = Record.objects.filter(
        case__in=[record.case_id for record in records],
        opened_at=at,
        cause__in=(Cause.RED, Cause.DELIVERY_LATE),
    ).select_related("case__version", "department", "site")
    events = [
        PushEvent(
            kind=PushEvent.Kind.RED_CASE,
            key=push.red_case_key(case, getattr(case, column), clock=clock),
            site=case.site,
            payload=push.red_case_payload(case, getattr(case, column), clock=clock),
            created_at=at,
            next_attempt_at=at,
        )
        for case in cases
    ] + [
        PushEvent(
            kind=PushEvent.Kind.RECORD,
            key=push.record_key(record),
            site=record.site,
            payload=push.record_payload(record),
            created_at=at,
            next_attempt_at=at,
        )
        for record in opened
    ]
    PushEvent.objects.bulk_create(events, ignore_conflicts=True)
    push.schedule_delivery()


class _People:
    """Who is warned about a batch of cases, read in a few queries for the whole batch: the
    holders of each running step's role in its department, each department's chief
    representatives, the supervision sections at and above each site."""

    def __init__(self, cases: list[Case], *, clock: str):
        self.clock = clock
        self.steps: dict[int, set[tuple[int, str]]] = defaultdict(set)
        if clock == Clock.HANDLING:
            for case_id, department_id, role in Task.objects.filter(
                case__in=[case.pk for case in cases], status__in=RUNNING_TASK_STATUSES
            ).values_list("case_id", "department_id", "role"):
                self.steps[case_id].add((department_id, role))
        departments = {case.department_id for case in cases} | {
            department for steps in self.steps.values() for department, _role in steps
        }
        self.holders: dict[tuple[int, str], set[int]] = defaultdict(set)
        for user_id, department_id, role in Staff.objects.filter(
            is_active=True, department_id__in=departments
        ).values_list("user_id", "department_id", "role_rows__role"):
            self.holders[(department_id, role)].add(user_id)
        paths = {path for case in cases for path in case.site.lineage_paths}
        self.supervisors: dict[str, set[int]] = defaultdict(set)
        for user_id, path in Staff.objects.filter(
            is_active=True, role_rows__role=Role.SUPERVISION_SECTION, site__path__in=paths
        ).values_list("user_id", "site__path"):
            self.supervisors[path].add(user_id)

    def for_case(self, case: Case, *, light: str, rule: Rules) -> list[Recipient]:
        """Yellow: the handlers of the running steps (the department's chief representative when
        no step runs) and the case agent; for delivery, the agent and the accepting clerk. Red:
        the department's chief representatives, and when the rules warn on red, the supervision
        sections and the department's head by SMS."""
        chiefs = self.holders.get((case.department_id, Role.CHIEF_REPRESENTATIVE), set())
        users: set[int] = set()
        phones: set[str] = set()
        if light == Light.YELLOW:
            steps = self.steps.get(case.pk, set())
            for department_id, role in steps:
                users |= self.holders.get((department_id, role), set())
            if self.clock == Clock.HANDLING and not steps:
                users |= chiefs
            if self.clock == Clock.DELIVERY and case.accepted_by_id:
                users.add(case.accepted_by.user_id)
            if case.agent_id:
                users.add(case.agent.user_id)
        else:
            users |= chiefs
            if rule.warn_on_red:
                for path in case.site.lineage_paths:
                    users |= self.supervisors.get(path, set())
                if case.department.head_phone:
                    phones.add(case.department.head_phone)
        return [Recipient(channel=Channel.IN_APP, user_id=user) for user in sorted(users)] + [
            Recipient(channel=Channel.SMS, address=phone) for phone in sorted(phones)
        ]


def _warning_text(case: Case, *, clock: str, light: str, due: date, today: date) -> tuple[str, str]:
    what = _("办理") if clock == Clock.HANDLING else _("送达")
    values = {
        "number": case.number or case.receipt_number,
        "item": case.version.name,
        "applicant": case.applicant_name,
        "what": what,
        "due": due.isoformat(),
    }
    if light == Light.YELLOW:
        return (
            _("黄灯预警：%(number)s 即将到期") % values,
            _("办件 %(number)s（%(item)s，申请人%(applicant)s）%(what)s期限 %(due)s 即将届满，请抓紧办理。")
            % values,
        )
    return (
        _("红灯告警：%(number)s 已超期") % values,
        _("办件 %(number)s（%(item)s，申请人%(applicant)s）%(what)s期限 %(due)s 已届满，已超期。") % values,
    )


# Records opened one at a time (anomaly checks) ------------------------------------------------------


def record_open(
    *,
    case: Case,
    cause: str,
    cause_key: str = "",
    summary: str,
    evidence: dict,
    at: datetime,
    department=None,
) -> Record | None:
    """Open a supervision record on `case` for `cause` (an anomaly found by a check), unless one is
    already open for the same (case, cause, cause key): the unique constraint decides, so a check
    run twice, or by two processes at once, opens one. The responsible department (the case's,
    unless given) is told in its chief representatives' inbox; the section at and above the site
    too. Returns the record opened, or None when it existed. Locks no row."""
    department = department or case.department
    today = local_date(at)
    rules = rules_for(case.site)
    explain_due = working_calendar().add(today, rules.explain_working_days)
    with transaction.atomic():
        try:
            with (
                transaction.atomic()
            ):  # a savepoint: the constraint's refusal leaves the caller's transaction usable
                record = Record.objects.create(
                    site=case.site,
                    case=case,
                    department=department,
                    cause=cause,
                    cause_key=cause_key[:60],
                    summary=summary[:300],
                    evidence=evidence,
                    opened_at=at,
                    opened_date=today,
                    explain_due_date=explain_due,
                )
        except IntegrityError:
            return None
        body = summary + _("已立督办件，请责任部门于 %(date)s 前作出情况说明。") % {
            "date": explain_due.isoformat()
        }
        inbox_send(
            user_ids=[*chief_representative_user_ids(department), *supervision_section(case.site)],
            subject=_("督办件：%(reference)s") % {"reference": record.reference},
            body=body,
            at=at,
            case=case,
        )
        CaseEvent.objects.create(
            case=case,
            action=CaseEvent.Action.WARNING,
            at=at,
            department=department,
            comment=body,
            is_public=False,
        )
        push.push_record(record=record, at=at)
    return record


# Rules ------------------------------------------------------------------------------------------


@transaction.atomic
def policy_save(
    *,
    site: Site,
    user,
    at: datetime,
    warn_on_yellow: bool,
    warn_on_red: bool,
    record_on_red: bool,
    explain_working_days: int,
    disabled_checks: list[str] = (),
) -> Policy:
    """Keep `site`'s own supervision rules (its subtree follows them unless a site below keeps
    its own). Only the supervision section of the site or above, or an administrator.
    Raises NotAllowed, ValidationError."""
    if not permissions.can_keep_rules(user, site):
        raise NotAllowed(_("只有本中心或上级的监察科可以修改监察规则。"))
    from onewindow.supervision.checks import CHECK_CODES

    unknown = sorted(set(disabled_checks) - set(CHECK_CODES))
    if unknown:
        raise ValidationError(
            {"disabled_checks": _("没有这些异常检查：%(codes)s。") % {"codes": "、".join(unknown)}}
        )
    policy = Policy.objects.select_for_update().filter(site=site).first() or Policy(site=site)
    policy.warn_on_yellow = warn_on_yellow
    policy.warn_on_red = warn_on_red
    policy.record_on_red = record_on_red
    policy.explain_working_days = explain_working_days
    policy.disabled_checks = sorted(set(disabled_checks))
    policy.updated_at = at
    policy.updated_by = user
    policy.full_clean()
    policy.save()
    return policy


# A record's life --------------------------------------------------------------------------------


def _locked(record: Record) -> Record:
    return (
        Record.objects.select_for_update(of=("self",))
        .select_related("case", "department", "site")
        .get(pk=record.pk)
    )


@transaction.atomic
def record_explain(*, record: Record, user, explanation: str, at: datetime) -> Record:
    """The responsible department's explanation (情况说明), by its chief representative or a
    reviewer. Raises NotAllowed, RecordError, ValidationError."""
    record = _locked(record)
    if not permissions.can_explain(user, record):
        raise NotAllowed(_("只有责任部门的首席代表或审核人员可以作出情况说明。"))
    if record.status != Record.Status.OPEN:
        raise RecordError(_("督办件 %(reference)s 已说明，待监察科审核。") % {"reference": record.reference})
    text = (explanation or "").strip()
    if len(text) < 10:
        raise ValidationError({"explanation": _("请写明超期或异常的原因和整改措施（至少10个字）。")})
    record.explanation = text
    record.explained_at = at
    record.explained_by = access_for(user).staff
    record.status = Record.Status.EXPLAINED
    record.save(update_fields=["explanation", "explained_at", "explained_by", "status"])
    _tell_section(record, subject=_("督办件已说明：%(reference)s") % {"reference": record.reference}, at=at)
    return record


@transaction.atomic
def record_review(*, record: Record, user, accept: bool, conclusion: str, at: datetime) -> Record:
    """The supervision section accepts the explanation (the record is closed) or returns it
    (the department explains again within the site's working days). Raises NotAllowed,
    RecordError, ValidationError."""
    record = _locked(record)
    if not permissions.can_review(user, record):
        raise NotAllowed(_("只有本中心或上级的监察科可以审核督办件。"))
    if record.status != Record.Status.EXPLAINED:
        raise RecordError(_("督办件 %(reference)s 尚未说明，不能审核。") % {"reference": record.reference})
    text = (conclusion or "").strip()
    if not accept and not text:
        raise ValidationError({"conclusion": _("退回时请写明理由。")})
    record.conclusion = text
    staff = access_for(user).staff
    if accept:
        record.status = Record.Status.CLOSED
        record.closed_at = at
        record.closed_by = staff
    else:
        rules = rules_for(record.site)
        record.status = Record.Status.OPEN
        record.returned_count += 1
        record.explain_due_date = working_calendar().add(local_date(at), rules.explain_working_days)
    record.save()
    subject = (_("督办件已办结：%(reference)s") if accept else _("督办件说明被退回：%(reference)s")) % {
        "reference": record.reference
    }
    inbox_send(
        user_ids=chief_representative_user_ids(record.department),
        subject=subject,
        body=text or subject,
        at=at,
        case=record.case,
    )
    return record


def _tell_section(record: Record, *, subject: str, at: datetime) -> None:
    supervision_warn(
        site=record.site, subject=subject, body=record.explanation or subject, at=at, case=record.case
    )


# Supervision orders and inquiries (督办函, 质询) ---------------------------------------------------------

#: The gap-free series of orders (and inquiries), per site and year (common.numbering).
ORDER_SERIES = "supervision_order"


class OrderError(DomainError):
    code = "order_wrong_state"
    status_code = 409


def order_issue(
    *,
    user,
    department,
    subject: str,
    body: str,
    reply_days: int,
    at: datetime,
    kind: str = Order.Kind.ORDER,
    case: Case | None = None,
    record: Record | None = None,
) -> Order:
    """The supervision section issues a numbered order (督办函) or inquiry (质询函) to a department of
    its site or below, about a case, a supervision record or a matter, to be answered within
    `reply_days` working days. The department's chief representatives are told in their inbox and
    its head by SMS. Raises NotAllowed, ValidationError."""
    access = access_for(user)
    staff = access.staff
    if staff is None or not access.has_role(Role.SUPERVISION_SECTION):
        raise NotAllowed(_("只有监察科可以发出督办函或质询函。"))
    if not department.site.path.startswith(staff.site.path):
        raise NotAllowed(_("%(department)s 不在本中心的监察范围内。") % {"department": department.name})
    errors: dict[str, str] = {}
    if kind not in Order.Kind.values:
        errors["kind"] = _("类别无效。")
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        errors["subject"] = _("请填写事由。")
    if len(body) < 10:
        errors["body"] = _("请写明督办要求（至少10个字）。")
    if not 1 <= reply_days <= 60:
        errors["reply_days"] = _("回复期限须为1至60个工作日。")
    if record is not None:
        case = record.case
        if record.department_id != department.pk:
            errors["department"] = _("督办件的责任部门是%(name)s。") % {"name": record.department.name}
    if case is not None and not case.site.path.startswith(staff.site.path):
        errors["case"] = _("办件不在本中心的监察范围内。")
    if errors:
        raise ValidationError(errors)
    today = local_date(at)
    with transaction.atomic():
        order = Order(
            site=staff.site,
            kind=kind,
            department=department,
            case=case,
            record=record,
            subject=subject,
            body=body,
            issued_at=at,
            issued_date=today,
            issued_by=staff,
            reply_days=reply_days,
            reply_due_date=working_calendar().add(today, reply_days),
        )
        label = _("督办函") if kind == Order.Kind.ORDER else _("质询函")
        sequence = numbering.next_number(series=ORDER_SERIES, site=staff.site, period=today.year)
        order.number = _("%(label)s〔%(year)s〕%(number)s号") % {
            "label": label,
            "year": today.year,
            "number": sequence,
        }
        order.save()
        text = _("%(number)s：%(subject)s。请于 %(due)s 前回复。") % {
            "number": order.number,
            "subject": subject,
            "due": order.reply_due_date.isoformat(),
        }
        recipients = [
            Recipient(channel=Channel.IN_APP, user_id=user_id)
            for user_id in chief_representative_user_ids(department)
        ]
        if department.head_phone:
            recipients.append(Recipient(channel=Channel.SMS, address=department.head_phone))
        notifications_send(recipients=recipients, subject=order.number, body=text, at=at, case=case)
        push.push_order(order=order, at=at)
    return order


def _locked_order(order: Order) -> Order:
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("department", "site", "case")
        .get(pk=order.pk)
    )


def order_reply(*, order: Order, user, text: str, at: datetime, attachment=None) -> OrderReply:
    """The department's reply (its chief representative or a reviewer), with an optional
    attachment. One reply at a time: a second before the section has reviewed the first is
    refused. Raises NotAllowed, OrderError, ValidationError."""
    with transaction.atomic():
        order = _locked_order(order)
        access = access_for(user)
        if not (
            access.staff is not None
            and access.staff.department_id == order.department_id
            and access.has_role(Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER)
        ):
            raise NotAllowed(_("只有受函部门的首席代表或审核人员可以回复。"))
        if order.status != Order.Status.ISSUED:
            raise OrderError(
                _("%(number)s 已回复，待监察科审核。") % {"number": order.number}
                if order.status == Order.Status.REPLIED
                else _("%(number)s 已办结。") % {"number": order.number}
            )
        text = (text or "").strip()
        if len(text) < 10:
            raise ValidationError({"text": _("请写明落实情况（至少10个字）。")})
        reply = OrderReply(order=order, text=text, replied_at=at, replied_by=access.staff)
        if attachment is not None:
            reply.attachment = attachment
        reply.save()
        order.status = Order.Status.REPLIED
        order.save(update_fields=["status"])
        supervision_warn(
            site=order.site,
            subject=_("%(number)s 已回复") % {"number": order.number},
            body=text[:500],
            at=at,
            case=order.case,
        )
    return reply


def order_review(*, order: Order, user, accept: bool, comment: str, at: datetime) -> Order:
    """The section accepts the reply (the order is done: green) or returns it with a reason (the
    department replies again within the order's working days from today). Raises NotAllowed,
    OrderError, ValidationError."""
    with transaction.atomic():
        order = _locked_order(order)
        if not permissions.can_keep_rules(user, order.site):
            raise NotAllowed(_("只有本中心或上级的监察科可以审核回复。"))
        if order.status != Order.Status.REPLIED:
            raise OrderError(_("%(number)s 没有待审核的回复。") % {"number": order.number})
        comment = (comment or "").strip()
        if not accept and not comment:
            raise ValidationError({"comment": _("退回时请写明理由。")})
        reply = order.replies.get(review=OrderReply.Review.PENDING)
        reply.review = OrderReply.Review.ACCEPTED if accept else OrderReply.Review.RETURNED
        reply.review_comment = comment[:500]
        reply.reviewed_at = at
        reply.reviewed_by = access_for(user).staff
        reply.save()
        if accept:
            order.status = Order.Status.ACCEPTED
            order.closed_at = at
        else:
            order.status = Order.Status.ISSUED
            order.reply_due_date = working_calendar().add(local_date(at), order.reply_days)
            order.escalated_at = None
        order.save()
        subject = (_("%(number)s 回复已采纳") if accept else _("%(number)s 回复被退回")) % {
            "number": order.number
        }
        inbox_send(
            user_ids=chief_representative_user_ids(order.department),
            subject=subject,
            body=comment or subject,
            at=at,
            case=order.case,
        )
    return order


def orders_escalate(*, at: datetime) -> int:
    """Orders unanswered past their deadline go to the center office of the issuing site (and the
    section), once: they show red until answered. Returns how many were escalated."""
    today = local_date(at)
    overdue = list(
        Order.objects.filter(status=Order.Status.ISSUED, reply_due_date__lt=today, escalated_at__isnull=True)
        .select_related("site", "department")
        .order_by("reply_due_date", "id")[:1000]
    )
    if not overdue:
        return 0
    with transaction.atomic():
        Order.objects.filter(pk__in=[order.pk for order in overdue], escalated_at__isnull=True).update(
            escalated_at=at
        )
        messages = []
        for order in overdue:
            users = sorted({*center_office_user_ids(order.site), *supervision_section(order.site)})
            messages.append(
                Message(
                    tuple(Recipient(channel=Channel.IN_APP, user_id=user_id) for user_id in users),
                    _("%(number)s 逾期未回复") % {"number": order.number},
                    _("%(department)s 未在 %(due)s 前回复%(number)s（%(subject)s）。")
                    % {
                        "department": order.department.name,
                        "due": order.reply_due_date.isoformat(),
                        "number": order.number,
                        "subject": order.subject,
                    },
                    order.case,
                )
            )
        messages_send(messages=messages, at=at)
    return len(overdue)


# Accountability (效能问责) -----------------------------------------------------------------------------


class FindingError(DomainError):
    code = "finding_wrong_state"
    status_code = 409


def _subject_users(finding: Finding) -> list[int]:
    """Who answers for a finding: the staff member; a department's chief representatives; a
    window's A and B post holders."""
    if finding.staff_id:
        return [finding.staff.user_id]
    if finding.department_id:
        return chief_representative_user_ids(finding.department)
    return sorted(
        set(
            WindowPost.objects.filter(window=finding.window, active_to_date__isnull=True).values_list(
                "staff__user_id", flat=True
            )
        )
    )


def finding_subject_is(user, finding: Finding) -> bool:
    """The user answers for the finding (and may appeal it)."""
    access = access_for(user)
    if access.staff is None:
        return False
    if finding.staff_id:
        return finding.staff_id == access.staff.pk
    if finding.department_id:
        return access.staff.department_id == finding.department_id and access.has_role(
            Role.CHIEF_REPRESENTATIVE
        )
    return access.staff.user_id in _subject_users(finding)


def finding_record(
    *,
    user,
    kind: str,
    basis: str,
    evidence: str,
    at: datetime,
    staff: Staff | None = None,
    window=None,
    department=None,
    case: Case | None = None,
    record: Record | None = None,
    order: Order | None = None,
) -> Finding:
    """The supervision section records an accountability finding (效能问责: reminder, warning,
    notice of criticism, or referral for 行政过错责任追究) against one staff member, window or
    department of its site tree, with the basis and the evidence; the subject is told in the
    inbox and may appeal once. Raises NotAllowed, ValidationError."""
    access = access_for(user)
    if access.staff is None or not access.has_role(Role.SUPERVISION_SECTION):
        raise NotAllowed(_("只有监察科可以认定效能问责。"))
    errors: dict[str, str] = {}
    subjects = [subject for subject in (staff, window, department) if subject is not None]
    if len(subjects) != 1:
        errors["subject"] = _("问责对象须为一名工作人员、一个窗口或一个部门，且只能选一个。")
    elif not subjects[0].site.path.startswith(access.staff.site.path):
        raise NotAllowed(_("问责对象不在本中心的监察范围内。"))
    if kind not in Finding.Kind.values:
        errors["kind"] = _("问责方式无效。")
    basis, evidence = (basis or "").strip(), (evidence or "").strip()
    if len(basis) < 4:
        errors["basis"] = _("请写明问责依据（制度条款）。")
    if len(evidence) < 10:
        errors["evidence"] = _("请写明事实与证据（至少10个字）。")
    if record is not None:
        case = record.case
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        finding = Finding.objects.create(
            site=access.staff.site,
            kind=kind,
            staff=staff,
            window=window,
            department=department,
            basis=basis,
            evidence=evidence,
            case=case,
            record=record,
            order=order,
            recorded_at=at,
            recorded_date=local_date(at),
            recorded_by=access.staff,
        )
        inbox_send(
            user_ids=_subject_users(finding),
            subject=_("效能问责：%(kind)s") % {"kind": finding.get_kind_display()},
            body=_("%(evidence)s（依据：%(basis)s）。如有异议，可在系统中申诉一次。")
            % {"evidence": evidence, "basis": basis},
            at=at,
            case=case,
        )
    return finding


def finding_appeal(*, finding: Finding, user, text: str, at: datetime) -> Finding:
    """The subject appeals the finding, once. Raises NotAllowed, FindingError, ValidationError."""
    with transaction.atomic():
        finding = Finding.objects.select_for_update(of=("self",)).select_related("site").get(pk=finding.pk)
        if not finding_subject_is(user, finding):
            raise NotAllowed(_("只有被问责的本人（部门由首席代表）可以申诉。"))
        if finding.appeal != Finding.Appeal.NONE:
            raise FindingError(_("每项问责只能申诉一次。"))
        text = (text or "").strip()
        if len(text) < 10:
            raise ValidationError({"text": _("请写明申诉理由（至少10个字）。")})
        finding.appeal = Finding.Appeal.PENDING
        finding.appeal_text = text
        finding.appealed_at = at
        finding.save(update_fields=["appeal", "appeal_text", "appealed_at"])
        inbox_send(
            user_ids=center_office_user_ids(finding.site),
            subject=_("效能问责申诉待复核"),
            body=text[:500],
            at=at,
            case=finding.case,
        )
    return finding


def finding_decide_appeal(*, finding: Finding, user, uphold: bool, decision: str, at: datetime) -> Finding:
    """The center office reviews the appeal (not the section that recorded it): the finding is
    upheld or revoked (a revoked finding no longer counts in the assessment). Raises NotAllowed,
    FindingError, ValidationError."""
    with transaction.atomic():
        finding = Finding.objects.select_for_update(of=("self",)).select_related("site").get(pk=finding.pk)
        access = access_for(user)
        if not (
            access.scope == "all"
            or (
                access.has_role(Role.CENTER_OFFICE)
                and access.staff is not None
                and finding.site.path.startswith(access.staff.site.path)
            )
        ):
            raise NotAllowed(_("申诉由中心办公室复核。"))
        if finding.appeal != Finding.Appeal.PENDING:
            raise FindingError(_("没有待复核的申诉。"))
        decision = (decision or "").strip()
        if not decision:
            raise ValidationError({"decision": _("请写明复核意见。")})
        finding.appeal = Finding.Appeal.UPHELD if uphold else Finding.Appeal.REVOKED
        finding.appeal_decision = decision
        finding.appeal_decided_at = at
        finding.appeal_decided_by = access.staff
        finding.save(update_fields=["appeal", "appeal_decision", "appeal_decided_at", "appeal_decided_by"])
        inbox_send(
            user_ids=_subject_users(finding),
            subject=_("效能问责申诉复核结果：%(result)s") % {"result": finding.get_appeal_display()},
            body=decision,
            at=at,
            case=finding.case,
        )
    return finding
