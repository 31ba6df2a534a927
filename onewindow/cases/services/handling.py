"""Handling an accepted case to its result: steps and opinions, joint review, reporting up,
suspension (特别程序), extension, the decision (delivery: services.delivery), and the ways a case ends without one
(withdrawal, termination, return).

Every service here is one transaction that first locks the case row (`transitions.case_lock`), settles
co-department opinions whose limit has passed, checks its move against `workflow.TRANSITIONS`,
applies it and appends the event. Time is an argument (`at`); dates are the hall's local dates.

Clocks (DOMAIN §3): due dates are stored on the case and its tasks, so the traffic lights are
ranges on indexes. They move only here: a suspension moves both of the case's due dates and
every open task's by exactly the working days it lasted; an approved extension moves the case's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases import clocks, permissions
from onewindow.cases.events import event_label
from onewindow.cases.models import (
    OPEN_TASK_STATUSES,
    RUNNING_TASK_STATUSES,
    Case,
    CaseEvent,
    CaseStatus,
    Decision,
    Extension,
    Notice,
    ReviewMeeting,
    Suspension,
    Task,
    TaskAttachment,
)
from onewindow.cases.selectors import decision_authority
from onewindow.cases.services.records import (
    notice_issue,
    notify_applicant,
    progress_text,
    warn_late,
    warn_supervision,
)
from onewindow.cases.transitions import (
    CaseError,
    case_check_move,
    case_event_append,
    case_lock,
    case_transition,
    local_date,
    staff_of,
)
from onewindow.catalog.models import CaseKind, StepKind
from onewindow.common.api import NotAllowed
from onewindow.notifications.services import inbox_send
from onewindow.org.models import Department, Role, Staff
from onewindow.workcalendar.selectors import working_calendar

Action = CaseEvent.Action
TaskStatus = Task.Status


#: 行政许可法 art. 44: the result is delivered within 10 working days of the decision.
DELIVERY_WORKING_DAYS = 10


#: Local rules for 上报件: forwarded within 3 working days, the applicant told within 2 of the reply.
REPORT_WORKING_DAYS = 3


INFORM_WORKING_DAYS = 2


#: Art. 47, 48: a hearing is asked for within 5 working days of being told of the right, held
#: within 20 of the request, and announced 7 ahead (all working days, art. 82).
HEARING_REQUEST_DAYS = 5


HEARING_HELD_DAYS = 20


HEARING_ANNOUNCE_DAYS = 7


#: A review step's decision step when the item's procedure names none.
IMPLICIT_DECISION_DAYS = 1


REMEDIES = gettext_lazy(
    "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
)


def warning_days() -> int:
    """The yellow light's warning window in working days (ONEWINDOW_WARNING_WORKING_DAYS)."""
    return settings.ONEWINDOW_WARNING_WORKING_DAYS


def tasks_open(case: Case, *, on_date: date) -> list[Task]:
    """The case's tasks on acceptance (`on_date`), from its version's procedure: a parallel opinion
    for each co-department of a joint item (its own step's limit, else the item's opinion limit);
    the lead department's review and decision steps one after another, the first starting now;
    and for a reported-up item the forwarding, due in 3 working days."""
    version = case.version
    calendar = working_calendar()
    steps = list(version.steps.all())
    co_departments = list(version.co_departments.all()) if version.case_kind == CaseKind.JOINT else []
    co_ids = {department.pk for department in co_departments}
    tasks: list[Task] = []

    def add(**fields) -> Task:
        task = Task(case=case, sort_order=len(tasks) + 1, **fields)
        task.assisting = task.department_id != case.department_id
        if task.status == TaskStatus.ACTIVE:
            task.started_date = on_date
            task.due_date = calendar.add(on_date, task.limit_days)
        tasks.append(task)
        return task

    for department in co_departments:
        own = next((step for step in steps if step.department_id == department.pk), None)
        add(
            kind=Task.Kind.OPINION,
            step_kind=StepKind.REVIEW,
            name=own.name
            if own
            else _("%(department)s意见") % {"department": department.short_name or department.name},
            department=department,
            role=Role.DEPARTMENT_REVIEWER,
            limit_days=own.limit_days if own else version.co_opinion_limit,
            status=TaskStatus.ACTIVE,
        )
    if version.case_kind == CaseKind.REPORTED:
        add(
            kind=Task.Kind.REPORT,
            name=_("上报上级机关"),
            department=case.department,
            role=Role.CHIEF_REPRESENTATIVE,
            limit_days=REPORT_WORKING_DAYS,
            status=TaskStatus.ACTIVE,
        )
    lead = [
        step
        for step in steps
        if step.department_id not in co_ids and step.kind in (StepKind.REVIEW, StepKind.DECIDE)
    ]
    if version.case_kind == CaseKind.IMMEDIATE:
        lead = [step for step in lead if step.kind == StepKind.DECIDE][:1]  # reviewed at the window
    if not any(step.kind == StepKind.DECIDE for step in lead):
        lead.append(None)  # every case ends in a decision, named or not
    for index, step in enumerate(lead):
        kind = step.kind if step else StepKind.DECIDE
        add(
            kind=Task.Kind.STEP,
            step_kind=kind,
            name=step.name if step else _("决定"),
            department=(step.department if step and step.department_id else case.department),
            role=Role.CHIEF_REPRESENTATIVE if kind == StepKind.DECIDE else Role.DEPARTMENT_REVIEWER,
            limit_days=step.limit_days
            if step
            else (0 if version.case_kind == CaseKind.IMMEDIATE else IMPLICIT_DECISION_DAYS),
            status=TaskStatus.ACTIVE if index == 0 else TaskStatus.WAITING,
        )
    return Task.objects.bulk_create(tasks)


def _start_next_step(case: Case, *, on_date: date) -> Task | None:
    """Start the lead department's next waiting step, due its limit after `on_date`, unless a
    step is still running. The decision step waits, too, for every co-department's opinion and,
    for a reported-up case, the higher authority's reply: its clock starts when it can be done."""
    tasks = list(case.tasks.select_related("department"))
    if any(task.kind == Task.Kind.STEP and task.status in RUNNING_TASK_STATUSES for task in tasks):
        return None
    waiting = sorted(
        (task for task in tasks if task.kind == Task.Kind.STEP and task.status == TaskStatus.WAITING),
        key=lambda task: task.sort_order,
    )
    if not waiting:
        return None
    task = waiting[0]
    if task.step_kind == StepKind.DECIDE and _awaited_by_decision(tasks):
        return None
    task.status = TaskStatus.ACTIVE
    task.started_date = on_date
    task.due_date = working_calendar().add(on_date, task.limit_days)
    task.save(update_fields=["status", "started_date", "due_date"])
    return task


def _finish(task: Task, *, at: datetime, staff: Staff | None, status=TaskStatus.DONE, **fields) -> Task:
    task.status = status
    task.completed_at = at
    task.completed_date = local_date(at)
    task.completed_by = staff
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()
    return task


def _cancel_open_tasks(case: Case) -> None:
    case.tasks.filter(status__in=OPEN_TASK_STATUSES).update(status=TaskStatus.CANCELLED)


def _settle_silent_opinions(case: Case, *, at: datetime) -> list[Task]:
    """Co-departments silent past their limit: deemed to agree when the item says so, otherwise
    escalated to the hall for coordination (and supervision warned). Not while suspended: their
    clocks are stopped too."""
    if case.status != CaseStatus.ACCEPTED:
        return []
    today = local_date(at)
    silent = list(
        case.tasks.filter(
            kind=Task.Kind.OPINION, status=TaskStatus.ACTIVE, due_date__lt=today
        ).select_related("department")
    )
    for task in silent:
        name = task.department.name
        if case.version.is_silence_consent:
            _finish(
                task,
                at=at,
                staff=None,
                status=TaskStatus.DEEMED,
                verdict=Task.Verdict.AGREE,
                opinion=_("逾期未提出意见，视为同意。"),
            )
            case_check_move(case, Action.DEEMED_CONSENT)
            case_event_append(
                case,
                Action.DEEMED_CONSENT,
                at=at,
                comment=_("%(department)s 提出意见的期限至 %(due)s，逾期未提出，依规定视为同意。")
                % {"department": name, "due": task.due_date.isoformat()},
                department=task.department,
            )
        else:
            task.status = TaskStatus.ESCALATED
            task.save(update_fields=["status"])
            case_check_move(case, Action.ESCALATED)
            case_event_append(
                case,
                Action.ESCALATED,
                at=at,
                comment=_("%(department)s 提出意见的期限至 %(due)s，逾期未提出，已提请中心协调。")
                % {"department": name, "due": task.due_date.isoformat()},
                department=task.department,
                is_public=False,
            )
            warn_supervision(
                case,
                subject=_("联办件协办部门逾期未提出意见"),
                body=_("办件 %(number)s（%(item)s）：%(department)s 的意见期限 %(due)s 已过，请协调。")
                % {
                    "number": case.number,
                    "item": case.version.name,
                    "department": name,
                    "due": task.due_date.isoformat(),
                },
                at=at,
            )
    if silent:
        _start_next_step(case, on_date=today)
    return silent


def _locked_for_handling(case: Case | int, *, at: datetime) -> Case:
    locked = case_lock(case)
    _settle_silent_opinions(locked, at=at)
    return locked


def cases_settle_opinions(*, at: datetime) -> list[str]:
    """The scheduled sweep: settle every silent co-department past its limit; returns the case
    numbers touched. Each case in its own transaction."""
    today = local_date(at)
    late = Task.objects.filter(
        case=OuterRef("pk"), kind=Task.Kind.OPINION, status=TaskStatus.ACTIVE, due_date__lt=today
    )
    numbers = []
    for pk in list(
        Case.objects.filter(Exists(late), status=CaseStatus.ACCEPTED).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            locked = case_lock(pk)
            if _settle_silent_opinions(locked, at=at):
                numbers.append(locked.number)
    return numbers


def _task_of(case: Case, task_id) -> Task:
    task = case.tasks.select_related("department").filter(pk=task_id).first()
    if task is None:
        raise CaseError(
            _("办件 %(reference)s 没有该办理任务。") % {"reference": case.reference}, code="task_unknown"
        )
    return task


def task_opinion(
    *, case: Case, task_id: int, user, at: datetime, verdict: str, opinion: str = "", attachments=()
) -> Task:
    """A reviewer's opinion on the lead department's current review step, or a co-department's
    opinion (a late one too, after escalation). Completing a step starts the next.
    Raises NotAllowed, WrongState, CaseError, ValidationError."""
    staff = staff_of(user)
    opinion = (opinion or "").strip()
    if verdict not in Task.Verdict.values:
        raise ValidationError({"verdict": _("请选择同意或不同意。")})
    if verdict == Task.Verdict.DISAGREE and not opinion:
        raise ValidationError({"opinion": _("不同意的，须写明理由。")})
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        task = _task_of(locked, task_id)
        if task.kind == Task.Kind.STEP and task.step_kind == StepKind.DECIDE:
            raise CaseError(_("决定环节请使用“办结决定”。"), code="task_is_decision")
        if task.kind not in (Task.Kind.STEP, Task.Kind.OPINION):
            raise CaseError(_("该任务不通过审查意见完成。"), code="task_not_opinion")
        if task.status not in RUNNING_TASK_STATUSES:
            raise CaseError(
                _("“%(task)s”当前为“%(status)s”，不能提出意见。")
                % {"task": task.name, "status": task.get_status_display()},
                code="task_not_open",
            )
        if not permissions.can_work_on_task(user, task):
            raise NotAllowed(
                _("“%(task)s”由%(department)s办理，您不能提出意见。")
                % {"task": task.name, "department": task.department.name}
            )
        action = Action.CO_OPINION if task.kind == Task.Kind.OPINION else Action.OPINION
        label = Task.Verdict(verdict).label
        _finish(task, at=at, staff=staff, verdict=verdict, opinion=opinion or str(label))
        for upload in attachments:
            TaskAttachment.objects.create(
                task=task, file=upload, name=str(getattr(upload, "name", ""))[:150], uploaded_at=at
            )
        case_transition(
            locked,
            action,
            at=at,
            user=user,
            comment=f"{task.name}：{_opinion_text(str(label), opinion)}",
            department=task.department,
        )
        _start_next_step(locked, on_date=local_date(at))
        return task


def _opinion_text(label: str, opinion: str) -> str:
    """ "同意。理由…" once, however the reviewer began the opinion."""
    if not opinion or opinion.startswith(label):
        return opinion or label
    return f"{label}。{opinion}"


def task_remind(*, case: Case, task_id: int, user, at: datetime, message: str = "") -> Task:
    """催办: the case agent (or the hall's office or sections) reminds the department that holds an
    open task; its staff for the task get a message. Raises NotAllowed, WrongState, CaseError."""
    if not permissions.can_remind(user, case):
        raise NotAllowed(_("只有全程代办人或中心管理人员可以催办。"))
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        task = _task_of(locked, task_id)
        if task.status not in RUNNING_TASK_STATUSES:
            raise CaseError(_("“%(task)s”未在办理中，无需催办。") % {"task": task.name}, code="task_not_open")
        case_check_move(locked, Action.REMINDED)
        task.reminded_at = at
        task.save(update_fields=["reminded_at"])
        text = (
            _("请办理办件 %(number)s（%(item)s）的“%(task)s”，到期日 %(due)s。")
            % {
                "number": locked.number,
                "item": locked.version.name,
                "task": task.name,
                "due": task.due_date.isoformat() if task.due_date else "—",
            }
            + ((message or "").strip()[:300])
        )
        recipients = Staff.objects.filter(
            is_active=True,
            department=task.department,
            role_rows__role__in=[task.role, Role.CHIEF_REPRESENTATIVE],
        ).values_list("user_id", flat=True)
        inbox_send(
            user_ids=recipients,
            subject=_("催办：%(task)s") % {"task": task.name},
            body=text,
            at=at,
            case=locked,
        )
        case_event_append(
            locked,
            Action.REMINDED,
            at=at,
            user=user,
            comment=text,
            department=task.department,
            is_public=False,
        )
        return task


def meeting_record(
    *,
    case: Case,
    user,
    at: datetime,
    held_date: date,
    departments: list[Department],
    participants: str,
    conclusions: str,
    place: str = "",
) -> ReviewMeeting:
    """联审会议: who came and what was agreed. Raises NotAllowed, WrongState, ValidationError."""
    if not permissions.can_coordinate(user, case):
        raise NotAllowed(_("只有主办部门或中心可以记录联审会议。"))
    errors = {}
    if held_date is None or held_date > local_date(at):
        errors["held_date"] = _("会议日期不能晚于今天。")
    if not departments:
        errors["departments"] = _("请选择参会部门。")
    if not (participants or "").strip():
        errors["participants"] = _("请填写参会人员。")
    if not (conclusions or "").strip():
        errors["conclusions"] = _("请填写会议结论。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        case_check_move(locked, Action.MEETING)
        meeting = ReviewMeeting.objects.create(
            case=locked,
            held_date=held_date,
            place=(place or "").strip()[:100],
            participants=participants.strip(),
            conclusions=conclusions.strip(),
            recorded_at=at,
            recorded_by=staff_of(user),
        )
        meeting.departments.set(departments)
        case_event_append(
            locked,
            Action.MEETING,
            at=at,
            user=user,
            comment=_("%(date)s 联审会议（%(departments)s）：%(conclusions)s")
            % {
                "date": held_date.isoformat(),
                "departments": "、".join(d.short_name or d.name for d in departments),
                "conclusions": meeting.conclusions,
            },
        )
        return meeting


def _report_task(case: Case) -> Task:
    task = case.tasks.filter(kind=Task.Kind.REPORT).first()
    if task is None:
        raise CaseError(_("“%(item)s”不是上报件。") % {"item": case.version.name}, code="not_reported")
    return task


def case_report_up(*, case: Case, user, at: datetime, authority: str, reference: str = "") -> Task:
    """上报: the case is forwarded to the higher authority (due 3 working days after acceptance).
    Raises NotAllowed, WrongState, CaseError, ValidationError."""
    if not permissions.can_handle(user, case):
        raise NotAllowed(_("只有主办部门可以上报。"))
    authority = (authority or "").strip()
    if not authority:
        raise ValidationError({"authority": _("请填写上级机关名称。")})
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        case_check_move(locked, Action.REPORTED_UP)
        task = _report_task(locked)
        if task.status != TaskStatus.ACTIVE:
            raise CaseError(_("该办件已上报。"), code="already_reported")
        _finish(
            task,
            at=at,
            staff=staff_of(user),
            counterpart=authority[:150],
            reference=(reference or "").strip()[:60],
        )
        case_transition(
            locked,
            Action.REPORTED_UP,
            at=at,
            user=user,
            comment=authority + (f"（{task.reference}）" if task.reference else ""),
        )
        if task.completed_date > task.due_date:
            warn_late(locked, at=at, what=_("上报"), due=task.due_date)
        return task


def case_report_reply(
    *, case: Case, user, at: datetime, reply_date: date, verdict: str, text: str, reference: str = ""
) -> Task:
    """The higher authority's reply (批复). The applicant must be told within 2 working days of it:
    a task due then, closed by the decision. Raises NotAllowed, WrongState, CaseError,
    ValidationError."""
    if not permissions.can_handle(user, case):
        raise NotAllowed(_("只有主办部门可以登记上级批复。"))
    errors = {}
    if verdict not in Task.Verdict.values:
        errors["verdict"] = _("请选择上级机关同意或不同意。")
    if not (text or "").strip():
        errors["text"] = _("请填写批复内容。")
    if reply_date is None or reply_date > local_date(at):
        errors["reply_date"] = _("批复日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        case_check_move(locked, Action.REPORT_REPLY)
        report = _report_task(locked)
        if report.status != TaskStatus.DONE:
            raise CaseError(_("尚未上报，不能登记批复。"), code="not_yet_reported")
        if locked.tasks.filter(kind=Task.Kind.INFORM).exists():
            raise CaseError(_("上级批复已登记。"), code="reply_recorded")
        if reply_date < report.completed_date:
            raise ValidationError({"reply_date": _("批复日期不能早于上报日期。")})
        calendar = working_calendar()
        task = Task.objects.create(
            case=locked,
            kind=Task.Kind.INFORM,
            sort_order=locked.tasks.count() + 1,
            name=_("告知申请人批复结果"),
            department=locked.department,
            role=Role.CHIEF_REPRESENTATIVE,
            limit_days=INFORM_WORKING_DAYS,
            status=TaskStatus.ACTIVE,
            started_date=reply_date,
            due_date=calendar.add(reply_date, INFORM_WORKING_DAYS),
            verdict=verdict,
            opinion=text.strip(),
            counterpart=report.counterpart,
            reference=(reference or "").strip()[:60],
        )
        case_transition(
            locked,
            Action.REPORT_REPLY,
            at=at,
            user=user,
            comment=_("%(authority)s %(date)s 批复：%(verdict)s。%(text)s")
            % {
                "authority": report.counterpart,
                "date": reply_date.isoformat(),
                "verdict": Task.Verdict(verdict).label,
                "text": task.opinion,
            },
        )
        _start_next_step(locked, on_date=local_date(at))
        return task


@dataclass
class Hearing:
    """A hearing's dates. Without `requested_date` the authority holds it of its own motion."""

    hearing_date: date
    announced_date: date
    rights_notified_date: date | None = None
    requested_date: date | None = None
    place: str = ""

    @classmethod
    def from_values(cls, values: dict) -> Hearing | None:
        """A hearing's dates from a form's or a request's values (`hearing_place` for the place);
        None unless it is a hearing with its hearing and announcement days."""
        if (
            values.get("kind") != Suspension.Kind.HEARING
            or not values.get("hearing_date")
            or not values.get("announced_date")
        ):
            return None
        return cls(
            hearing_date=values["hearing_date"],
            announced_date=values["announced_date"],
            rights_notified_date=values.get("rights_notified_date"),
            requested_date=values.get("requested_date"),
            place=values.get("hearing_place", ""),
        )


def _hearing_problems(hearing: Hearing | None, *, today: date) -> dict[str, str]:
    if hearing is None:
        return {"hearing_date": _("听证须填写举行听证日期和通知日期。")}
    calendar = working_calendar()
    errors = {}
    if hearing.requested_date is not None:
        if hearing.rights_notified_date is None:
            errors["rights_notified_date"] = _("请填写告知申请人听证权利的日期。")
        elif hearing.requested_date < hearing.rights_notified_date:
            errors["requested_date"] = _("申请听证日期不能早于告知听证权利日期。")
        elif hearing.requested_date > calendar.add(hearing.rights_notified_date, HEARING_REQUEST_DAYS):
            errors["requested_date"] = _(
                "申请人应在被告知听证权利之日起%(days)s个工作日内提出听证申请（截止 %(deadline)s），已逾期。"
            ) % {
                "days": HEARING_REQUEST_DAYS,
                "deadline": calendar.add(hearing.rights_notified_date, HEARING_REQUEST_DAYS).isoformat(),
            }
        elif hearing.hearing_date > calendar.add(hearing.requested_date, HEARING_HELD_DAYS):
            errors["hearing_date"] = _(
                "应在收到听证申请之日起%(days)s个工作日内组织听证（最迟 %(deadline)s）。"
            ) % {
                "days": HEARING_HELD_DAYS,
                "deadline": calendar.add(hearing.requested_date, HEARING_HELD_DAYS).isoformat(),
            }
    if hearing.hearing_date <= today:
        errors.setdefault("hearing_date", _("举行听证日期应在今天之后。"))
    if hearing.announced_date > today:
        errors["announced_date"] = _("通知听证日期不能晚于今天：请在通知申请人后登记。")
    elif calendar.between(hearing.announced_date, hearing.hearing_date) < HEARING_ANNOUNCE_DAYS:
        errors["announced_date"] = _("应于举行听证的%(days)s个工作日前通知申请人（最迟 %(deadline)s）。") % {
            "days": HEARING_ANNOUNCE_DAYS,
            "deadline": calendar.add(hearing.hearing_date, -HEARING_ANNOUNCE_DAYS).isoformat(),
        }
    return errors


def case_suspend(
    *,
    case: Case,
    user,
    at: datetime,
    kind: str,
    reason: str,
    expected_days: int | None = None,
    hearing: Hearing | None = None,
) -> Suspension:
    """Start a special procedure (art. 45): the clocks stop, and the applicant gets the written
    notice of how long it will take. A hearing is checked against its own limits and expected to
    last until the hearing day. Raises NotAllowed, WrongState, ValidationError."""
    if not permissions.can_handle(user, case):
        raise NotAllowed(_("只有主办部门可以启动特别程序。"))
    today = local_date(at)
    calendar = working_calendar()
    reason = (reason or "").strip()
    errors = {}
    if kind not in Suspension.Kind.values:
        errors["kind"] = _("请选择特别程序类型。")
    if not reason:
        errors["reason"] = _("请写明事由。")
    if kind == Suspension.Kind.HEARING:
        errors.update(_hearing_problems(hearing, today=today))
        if not errors:
            expected_days = max(expected_days or 0, calendar.between(today, hearing.hearing_date))
    if not errors and not (isinstance(expected_days, int) and 1 <= expected_days <= 999):
        errors["expected_days"] = _("预计所需时间应为1至999个工作日。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        case_check_move(locked, Action.SUSPENDED)
        staff = staff_of(user)
        suspension = Suspension(
            case=locked,
            kind=kind,
            reason=reason,
            started_at=at,
            started_date=today,
            started_by=staff,
            expected_days=expected_days,
            expected_end_date=calendar.add(today, expected_days),
        )
        if kind == Suspension.Kind.HEARING:
            suspension.rights_notified_date = hearing.rights_notified_date
            suspension.requested_date = hearing.requested_date
            suspension.announced_date = hearing.announced_date
            suspension.hearing_date = hearing.hearing_date
            suspension.hearing_place = (hearing.place or "").strip()[:100]
        label = Suspension.Kind(kind).label
        case_transition(
            locked,
            Action.SUSPENDED,
            at=at,
            user=user,
            comment=_("%(kind)s：%(reason)s。预计%(days)s个工作日（至 %(end)s），期间不计入办理期限。")
            % {
                "kind": label,
                "reason": reason,
                "days": expected_days,
                "end": suspension.expected_end_date.isoformat(),
            },
        )
        suspension.notice = notice_issue(locked, Notice.Kind.SUSPENSION, at=at, staff=staff)
        suspension.save()
        notify_applicant(
            locked,
            subject=_("办件进入特别程序"),
            body=_("您申请的“%(item)s”需进行%(kind)s，预计%(days)s个工作日，所需时间不计入办理期限。")
            % {"item": locked.version.name, "kind": label, "days": expected_days}
            + progress_text(locked),
            at=at,
        )
        return suspension


def suspension_end(*, case: Case, suspension_id: int, user, at: datetime, outcome: str = "") -> Suspension:
    """End the special procedure: the working days it lasted (after its start day, up to and
    including today) are not counted, so both due dates and every open task's move later by
    exactly that many. Raises NotAllowed, WrongState, CaseError."""
    if not permissions.can_handle(user, case):
        raise NotAllowed(_("只有主办部门可以结束特别程序。"))
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, Action.RESUMED)
        suspension = locked.suspensions.filter(pk=suspension_id, ended_at__isnull=True).first()
        if suspension is None:
            raise CaseError(_("没有进行中的该特别程序。"), code="suspension_not_open")
        days = _close_suspension(locked, suspension, at=at, user=user, outcome=outcome)
        case_transition(
            locked,
            Action.RESUMED,
            at=at,
            user=user,
            comment=_(
                "%(kind)s结束，%(days)s个工作日不计入办理期限；承诺办结日期顺延至 %(promised)s，法定办结日期顺延至 %(statutory)s。"
            )
            % {
                "kind": suspension.get_kind_display(),
                "days": days,
                "promised": locked.promised_due_date.isoformat(),
                "statutory": locked.statutory_due_date.isoformat(),
            }
            + (f"{suspension.outcome}" if suspension.outcome else ""),
            fields=["promised_due_date", "statutory_due_date", "suspended_days"],
        )
        notify_applicant(
            locked,
            subject=_("特别程序结束"),
            body=_("您申请的“%(item)s”%(kind)s已结束，承诺办结日期顺延至 %(due)s。")
            % {
                "item": locked.version.name,
                "kind": suspension.get_kind_display(),
                "due": locked.promised_due_date.isoformat(),
            }
            + progress_text(locked),
            at=at,
        )
        return suspension


def _close_suspension(case: Case, suspension: Suspension, *, at: datetime, user, outcome: str = "") -> int:
    """Record the end and move the dates (the caller saves the case's fields)."""
    calendar = working_calendar()
    today = local_date(at)
    days = clocks.suspended_working_days(calendar, started=suspension.started_date, ended=today)
    suspension.ended_at = at
    suspension.ended_date = today
    suspension.ended_by = staff_of(user)
    suspension.working_days = days
    suspension.outcome = (outcome or "").strip()
    suspension.save()
    case.suspended_days += days
    _reckon_due_dates(case, calendar=calendar)
    for task in case.tasks.filter(status__in=RUNNING_TASK_STATUSES, due_date__isnull=False):
        # A step started while suspended (an opinion finished the one before) lost fewer days.
        lost = clocks.stopped_days_for(
            calendar, since=task.started_date, started=suspension.started_date, ended=today
        )
        task.due_date = clocks.moved(calendar, task.due_date, lost)
        task.save(update_fields=["due_date"])
    return days


def _reckon_due_dates(case: Case, *, calendar) -> None:
    """Both due dates again from acceptance, the extension and every ended suspension: working
    days stopped move a working-day limit, natural days a natural-day one (docs/adr/0010). The
    caller saves the case's fields."""
    version = case.version
    natural = sum(
        clocks.suspended_natural_days(started=started, ended=ended)
        for started, ended in case.suspensions.filter(ended_date__isnull=False).values_list(
            "started_date", "ended_date"
        )
    )
    for field, limit, unit in (
        ("promised_due_date", version.promised_limit, version.promised_unit),
        ("statutory_due_date", version.statutory_limit, version.statutory_unit),
    ):
        due = clocks.case_due_date(
            calendar,
            accepted=case.accepted_date,
            limit=limit,
            unit=unit,
            extended_days=case.extended_days,
            suspended_working_days=case.suspended_days,
            suspended_natural_days=natural,
        )
        setattr(case, field, due)


def extension_limit(case: Case) -> int:
    """How long this case's decision period may be extended: the item's own figure, else 行政许可法
    art. 42 (10 working days, 15 for a joint case); 0 when the item's law allows none."""
    return case.version.extension_days


def extension_unit(case: Case) -> str:
    """The word for the extension's days: those of the statutory limit."""
    return case.version.extension_unit


def extension_request(
    *, case: Case, user, at: datetime, reason: str, days: int | None = None, approve: bool = False
) -> Extension:
    """Ask to extend the decision period (art. 42): once per case, by at most the item's extension
    (art. 42's 10 working days, 15 for a joint case, unless the item's law says otherwise), before
    the statutory date has passed. With `approve`, a user who may grant
    it approves it at once. Raises NotAllowed, WrongState, CaseError, ValidationError."""
    if not permissions.can_handle(user, case) and not permissions.is_agent(user, case):
        raise NotAllowed(_("只有主办部门或全程代办人可以申请延长办理期限。"))
    limit, unit = extension_limit(case), extension_unit(case)
    if limit == 0:
        raise CaseError(_("本事项依法不得延长办理期限。"), code="extension_not_allowed")
    days = limit if days is None else days
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("请写明延长理由。")
    if not (isinstance(days, int) and 1 <= days <= limit):
        errors["days"] = _("本办件最多可延长%(limit)s%(unit)s。") % {"limit": limit, "unit": unit}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        case_check_move(locked, Action.EXTENSION_REQUESTED)
        _check_extension_allowed(locked, at=at)
        if locked.extensions.filter(status=Extension.Status.REQUESTED).exists():
            raise CaseError(_("已有待批准的延长申请。"), code="extension_pending")
        extension = Extension.objects.create(
            case=locked,
            days=days,
            reason=reason,
            status=Extension.Status.REQUESTED,
            requested_at=at,
            requested_by=staff_of(user),
        )
        case_transition(
            locked,
            Action.EXTENSION_REQUESTED,
            at=at,
            user=user,
            comment=_("申请延长%(days)s%(unit)s：%(reason)s")
            % {"days": days, "unit": unit, "reason": reason},
            is_public=False,
        )
        if approve:
            return _extension_decide(locked, extension, user=user, at=at, approve=True)
        approvers = Staff.objects.filter(
            is_active=True, department=locked.department, role_rows__role=Role.CHIEF_REPRESENTATIVE
        ).values_list("user_id", flat=True)
        inbox_send(
            user_ids=approvers,
            subject=_("延长办理期限待批准"),
            body=_("办件 %(number)s 申请延长%(days)s%(unit)s：%(reason)s")
            % {"number": locked.number, "days": days, "unit": unit, "reason": reason},
            at=at,
            case=locked,
        )
        return extension


def _check_extension_allowed(case: Case, *, at: datetime) -> None:
    if case.extensions.filter(status=Extension.Status.APPROVED).exists():
        raise CaseError(_("本办件已延长过一次办理期限，依法不能再次延长。"), code="extension_used")
    if local_date(at) > case.statutory_due_date:
        raise CaseError(
            _("法定办结期限（%(due)s）已过，不能再延长。") % {"due": case.statutory_due_date.isoformat()},
            code="extension_too_late",
        )


def extension_decide(
    *, case: Case, extension_id: int, user, at: datetime, approve: bool, comment: str = ""
) -> Extension:
    """Approve or refuse a requested extension. Approving moves both due dates by its days and
    issues the written notice to the applicant. Raises NotAllowed, WrongState, CaseError."""
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        extension = locked.extensions.filter(pk=extension_id).first()
        if extension is None or extension.status != Extension.Status.REQUESTED:
            raise CaseError(_("没有待批准的该延长申请。"), code="extension_not_pending")
        return _extension_decide(locked, extension, user=user, at=at, approve=approve, comment=comment)


def _extension_decide(
    case: Case, extension: Extension, *, user, at: datetime, approve: bool, comment: str = ""
) -> Extension:
    staff = staff_of(user)
    if decision_authority(staff, case=case, on_date=local_date(at), on_the_spot=False) is None:
        raise NotAllowed(
            _("延长办理期限须经主办部门负责人（持有效授权的首席代表）批准。"), code="not_extension_approver"
        )
    extension.decided_at = at
    extension.decided_by = staff
    extension.decision_comment = (comment or "").strip()[:300]
    if not approve:
        extension.status = Extension.Status.REJECTED
        extension.save()
        case_transition(
            case,
            Action.EXTENSION_REJECTED,
            at=at,
            user=user,
            comment=extension.decision_comment,
            is_public=False,
        )
        return extension
    case_check_move(case, Action.EXTENSION_APPROVED)
    _check_extension_allowed(case, at=at)
    case.extended_days = extension.days
    _reckon_due_dates(case, calendar=working_calendar())
    extension.status = Extension.Status.APPROVED
    extension.notice = notice_issue(case, Notice.Kind.EXTENSION, at=at, staff=staff)
    extension.save()
    case_transition(
        case,
        Action.EXTENSION_APPROVED,
        at=at,
        user=user,
        comment=_("延长%(days)s%(unit)s，法定办结日期延至 %(statutory)s，承诺办结日期延至 %(promised)s。")
        % {
            "days": extension.days,
            "unit": extension_unit(case),
            "statutory": case.statutory_due_date.isoformat(),
            "promised": case.promised_due_date.isoformat(),
        },
        fields=["statutory_due_date", "promised_due_date", "extended_days"],
    )
    notify_applicant(
        case,
        subject=_("办理期限延长"),
        body=_("您申请的“%(item)s”经批准延长%(days)s%(unit)s，承诺办结日期延至 %(due)s。理由：%(reason)s")
        % {
            "item": case.version.name,
            "days": extension.days,
            "unit": extension_unit(case),
            "due": case.promised_due_date.isoformat(),
            "reason": extension.reason,
        }
        + progress_text(case),
        at=at,
    )
    return extension


def _awaited_by_decision(tasks: list[Task]) -> list[str]:
    """What the decision still waits for, as "name（department）": every unfinished review step,
    opinion and forwarding, and for a reported-up case the higher authority's reply. The decision
    step's clock starts, and the decision may be made, only when this is empty."""

    def label(name: str, task: Task) -> str:
        return f"{name}（{task.department.short_name or task.department.name}）"

    awaited = [
        label(task.name, task)
        for task in tasks
        if task.status in OPEN_TASK_STATUSES
        and not (task.kind == Task.Kind.STEP and task.step_kind == StepKind.DECIDE)
        and task.kind != Task.Kind.INFORM
    ]
    report = next((task for task in tasks if task.kind == Task.Kind.REPORT), None)
    if (
        report is not None
        and report.status == TaskStatus.DONE
        and not any(task.kind == Task.Kind.INFORM for task in tasks)
    ):
        awaited.append(label(_("等待上级机关批复"), report))
    return awaited


def case_decide(
    *,
    case: Case,
    user,
    at: datetime,
    decision: str,
    reason: str = "",
    result_name: str = "",
    result_number: str = "",
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Notice:
    """The decision (办结): approve, with the result's name, number and validity and its
    certificate; or deny, with reasons and the applicant's remedies. Only by whoever holds a
    delegation covering the item (on the spot for an immediate item); not while suspended; not
    before every review step and opinion is in. Delivery is then due within 10 working days.
    Raises NotAllowed, WrongState, CaseError(tasks_open), ValidationError."""
    staff = staff_of(user)
    on_date = local_date(at)
    reason = (reason or "").strip()
    result_number = (result_number or "").strip()[:60]
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("请选择准予或不予。")
    elif decision == Decision.DENIED and not reason:
        errors["reason"] = _("不予许可的，须说明理由。")
    if valid_until and valid_until <= (valid_from or on_date):
        errors["valid_until"] = _("有效期截止日期应晚于起始日期。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_for_handling(case, at=at)
        case_check_move(locked, Action.DECIDED)
        if decision_authority(staff, case=locked, on_date=on_date) is None:
            raise NotAllowed(
                _("您没有覆盖“%(item)s”的有效授权书，不能作出决定；请由主办部门首席代表决定。")
                % {"item": locked.version.name},
                code="no_delegation",
            )
        if awaited := _awaited_by_decision(list(locked.tasks.select_related("department"))):
            raise CaseError(
                _("尚有未完成的环节，不能办结：%(tasks)s。") % {"tasks": "、".join(awaited)},
                code="tasks_open",
            )
        approved = decision == Decision.APPROVED
        locked.decision = decision
        locked.decision_reason = reason
        locked.result_name = (
            ((result_name or "").strip() or locked.version.result_name)[:100] if approved else ""
        )
        locked.result_number = (
            (result_number or (locked.number if locked.result_name else "")) if approved else ""
        )
        locked.result_valid_from = (valid_from or on_date) if approved and locked.result_name else None
        locked.result_valid_until = valid_until if approved and locked.result_name else None
        locked.remedies = "" if approved else str(REMEDIES)
        locked.decided_at = at
        locked.decided_date = on_date
        locked.decided_by = staff
        locked.delivery_due_date = working_calendar().add(on_date, DELIVERY_WORKING_DAYS)
        inform = locked.tasks.filter(kind=Task.Kind.INFORM, status=TaskStatus.ACTIVE).first()
        for task in locked.tasks.filter(status__in=OPEN_TASK_STATUSES):
            _finish(
                task, at=at, staff=staff, verdict=Task.Verdict.AGREE if approved else Task.Verdict.DISAGREE
            )
        case_transition(
            locked,
            Action.DECIDED,
            at=at,
            user=user,
            comment=Decision(decision).label
            + (f"：{reason}" if reason else "")
            + (f"（{locked.result_name} {locked.result_number}）" if locked.result_name else ""),
            fields=[
                "decision",
                "decision_reason",
                "result_name",
                "result_number",
                "result_valid_from",
                "result_valid_until",
                "remedies",
                "decided_at",
                "decided_date",
                "decided_by",
                "delivery_due_date",
            ],
        )
        notice = notice_issue(locked, Notice.Kind.DECISION, at=at, staff=staff)
        if approved and locked.result_name:
            notice_issue(locked, Notice.Kind.CERTIFICATE, at=at, staff=staff)
        _warn_if_decided_late(locked, at=at, on_date=on_date, inform=inform)
        notify_applicant(
            locked,
            subject=_("办件已办结"),
            body=_("您申请的“%(item)s”已办结（%(decision)s），结果将于 %(due)s 前送达。")
            % {
                "item": locked.version.name,
                "decision": Decision(decision).label,
                "due": locked.delivery_due_date.isoformat(),
            }
            + progress_text(locked),
            at=at,
        )
        return notice


def _warn_if_decided_late(case: Case, *, at: datetime, on_date: date, inform: Task | None) -> None:
    if case.is_immediate and case.accepted_date != on_date:
        warn_supervision(
            case,
            subject=_("即办件未当日办结"),
            body=_("即办件 %(number)s（%(item)s）受理于 %(accepted)s，%(today)s 才办结。")
            % {
                "number": case.number,
                "item": case.version.name,
                "accepted": case.accepted_date.isoformat(),
                "today": on_date.isoformat(),
            },
            at=at,
        )
    elif not case.is_immediate and on_date > case.promised_due_date:
        warn_late(case, at=at, what=_("办结"), due=case.promised_due_date)
    if inform is not None and on_date > inform.due_date:
        warn_late(case, at=at, what=_("告知上级批复结果"), due=inform.due_date)


def _end(case: Case, action: str, *, at: datetime, user, reason: str) -> Case:
    """Close the open tasks and any running suspension, and record why."""
    open_suspension = case.suspensions.filter(ended_at__isnull=True).first()
    if open_suspension is not None:
        _close_suspension(case, open_suspension, at=at, user=user, outcome=event_label(action))
    _cancel_open_tasks(case)
    case.closing_reason = reason
    case.closed_at = at
    return case_transition(
        case,
        action,
        at=at,
        user=user,
        comment=reason,
        fields=["closing_reason", "closed_at", "promised_due_date", "statutory_due_date", "suspended_days"],
    )


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请写明理由。")})
    return reason


def case_withdraw(*, case: Case, user, at: datetime, reason: str) -> Case:
    """The applicant withdraws the application (撤回) before the decision: online by themselves,
    or recorded by the window on their written request. Raises NotAllowed, WrongState,
    ValidationError."""
    if not permissions.can_withdraw(user, case):
        raise NotAllowed(_("只有申请人本人或窗口人员可以登记撤回申请。"))
    reason = _require_reason(reason)
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, Action.WITHDRAWN)
        _end(locked, Action.WITHDRAWN, at=at, user=user, reason=reason)
        notify_applicant(
            locked,
            subject=_("申请已撤回"),
            body=_("您申请的“%(item)s”已撤回。") % {"item": locked.version.name} + progress_text(locked),
            at=at,
        )
        return locked


def case_terminate(*, case: Case, user, at: datetime, reason: str) -> Notice:
    """终止办理 (the applicant died or was dissolved, the item was abolished, …), by whoever may
    decide the item; the applicant gets the written notice. Raises NotAllowed, WrongState,
    ValidationError."""
    reason = _require_reason(reason)
    staff = staff_of(user)
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, Action.TERMINATED)
        if decision_authority(staff, case=locked, on_date=local_date(at), on_the_spot=False) is None:
            raise NotAllowed(_("终止办理须由持有效授权的主办部门首席代表决定。"), code="no_delegation")
        _end(locked, Action.TERMINATED, at=at, user=user, reason=reason)
        notice = notice_issue(locked, Notice.Kind.TERMINATION, at=at, staff=staff)
        notify_applicant(
            locked,
            subject=_("办件终止办理"),
            body=_("您申请的“%(item)s”终止办理：%(reason)s") % {"item": locked.version.name, "reason": reason}
            + progress_text(locked),
            at=at,
        )
        return notice


def case_return(*, case: Case, user, at: datetime, reason: str) -> Notice:
    """退回 (退回件): review finds the application cannot go on as it stands; it goes back to the
    applicant with the reasons, who may apply again (补办件, linked to this case).
    Raises NotAllowed, WrongState, ValidationError."""
    if not permissions.can_handle(user, case):
        raise NotAllowed(_("只有主办部门可以退回办件。"))
    reason = _require_reason(reason)
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, Action.RETURNED)
        _end(locked, Action.RETURNED, at=at, user=user, reason=reason)
        notice = notice_issue(locked, Notice.Kind.RETURN, at=at, staff=staff_of(user))
        notify_applicant(
            locked,
            subject=_("申请已退回"),
            body=_("您申请的“%(item)s”已退回：%(reason)s。补齐后可凭退件通知书重新申请（补办）。")
            % {"item": locked.version.name, "reason": reason}
            + progress_text(locked),
            at=at,
        )
        return notice
