"""The desk's handling pages: the handling panel of a case page (clocks, tasks, and the forms for
what the user may do next), its POST actions, my tasks (我的待办) and the traffic lights (亮灯).
Same services as the API (cases.services.handling)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.cases import forms, permissions, selectors, services
from onewindow.cases.models import (
    HANDLING_STATUSES,
    RUNNING_TASK_STATUSES,
    Case,
    CaseEvent,
    CaseStatus,
    Extension,
    Task,
)
from onewindow.cases.services import delivery, handling
from onewindow.catalog.models import StepKind
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.forms import error_text
from onewindow.org.models import Department, Role
from onewindow.org.permissions import staff_required
from onewindow.org.selectors import access_for
from onewindow.workcalendar.selectors import working_calendar

Action = CaseEvent.Action


def handling_context(request, case: Case) -> dict:
    """What the case page's handling panel shows and offers this user."""
    user = request.user
    today = clock.today()
    tasks = list(case.tasks.select_related("department", "completed_by").prefetch_related("attachments"))
    suspensions = list(case.suspensions.select_related("notice"))
    extensions = list(case.extensions.select_related("notice", "requested_by", "decided_by"))
    warning = handling.warning_days()
    calendar = working_calendar()
    for task in tasks:
        task.light = selectors.task_light(task, today=today, warning_days=warning, calendar=calendar)
        task.may_answer = (
            task.status in RUNNING_TASK_STATUSES
            and not (task.kind == Task.Kind.STEP and task.step_kind == StepKind.DECIDE)
            and task.kind in (Task.Kind.STEP, Task.Kind.OPINION)
            and case.status in HANDLING_STATUSES
            and permissions.can_work_on_task(user, task)
        )
    pending_extension = next((row for row in extensions if row.status == Extension.Status.REQUESTED), None)
    return {
        "clocks": selectors.case_clocks(case, today=today, warning_days=warning, calendar=calendar),
        "light": selectors.case_light(case, today=today, warning_days=warning, calendar=calendar),
        "tasks": tasks,
        "suspensions": suspensions,
        "open_suspension": next((row for row in suspensions if row.ended_at is None), None),
        "extensions": extensions,
        "pending_extension": pending_extension,
        "meetings": list(case.meetings.prefetch_related("departments").select_related("recorded_by")),
        "delivery": getattr(case, "delivery", None),
        "delivery_blockers": delivery.delivery_blockers(case) if case.status == CaseStatus.COMPLETED else [],
        "may_remind": permissions.can_remind(user, case) and case.status in HANDLING_STATUSES,
        # One rule for the buttons and the API's allowed_actions (selectors.case_available_actions).
        "can": dict.fromkeys(
            permissions.case_available_actions(
                case=case, user=user, today=today, tasks=tasks, extensions=extensions
            ),
            True,
        ),
        "extension_limit": handling.extension_limit(case),
        "extension_unit": handling.extension_unit(case),
        "opinion_form": forms.OpinionForm(),
        "suspension_form": forms.SuspensionForm(),
        "end_suspension_form": forms.EndSuspensionForm(),
        "extension_form": forms.ExtensionForm(initial={"days": handling.extension_limit(case)}),
        "decision_form": forms.DecisionForm(
            initial={"result_name": case.version.result_name, "valid_from": today}
        ),
        "delivery_form": forms.DeliveryForm(
            initial={
                "recipient_name": case.contact_name or case.applicant_name,
                "address": case.contact_email,
            }
        ),
        "reason_form": forms.ReasonForm(),
        "meeting_form": forms.MeetingForm(
            departments=Department.objects.filter(
                pk__in={case.department_id, *(t.department_id for t in tasks)}
            ),
            initial={"held_date": today},
        ),
        "report_form": forms.ReportForm(),
        "reply_form": forms.ReplyForm(initial={"reply_date": today}),
    }


def _valid(form) -> dict:
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}：{error}"
                for name, errors in form.errors.items()
                for error in errors
            ]
        )
    return form.cleaned_data


def _act(request, case: Case, action: str) -> str:
    """Run one handling action from the case page's forms; returns the success message."""
    user, at, post = request.user, clock.now(), request.POST
    if action == "opinion":
        data = _valid(forms.OpinionForm(post, request.FILES))
        handling.task_opinion(
            case=case,
            task_id=data["task"],
            user=user,
            at=at,
            verdict=data["verdict"],
            opinion=data["opinion"],
            attachments=data["attachments"],
        )
        return _("意见已提交。")
    if action == "remind":
        handling.task_remind(case=case, task_id=int(post.get("task") or 0), user=user, at=at)
        return _("已催办。")
    if action == "suspend":
        data = _valid(forms.SuspensionForm(post))
        handling.case_suspend(
            case=case,
            user=user,
            at=at,
            kind=data["kind"],
            reason=data["reason"],
            expected_days=data["expected_days"],
            hearing=handling.Hearing.from_values(data),
        )
        return _("特别程序已开始，请打印特别程序告知书交申请人。")
    if action == "resume":
        data = _valid(forms.EndSuspensionForm(post))
        handling.suspension_end(
            case=case, suspension_id=data["suspension"], user=user, at=at, outcome=data["outcome"]
        )
        return _("特别程序已结束，办理期限已顺延。")
    if action == "extend":
        data = _valid(forms.ExtensionForm(post))
        extension = handling.extension_request(
            case=case,
            user=user,
            at=at,
            reason=data["reason"],
            days=data["days"],
            approve=post.get("approve") == "1",
        )
        if extension.status == Extension.Status.APPROVED:
            return _("已批准延长办理期限，请打印延长审批期限告知书交申请人。")
        return _("延长申请已提交，待首席代表批准。")
    if action in ("approve-extension", "reject-extension"):
        handling.extension_decide(
            case=case,
            extension_id=int(post.get("extension") or 0),
            user=user,
            at=at,
            approve=action == "approve-extension",
            comment=post.get("comment", ""),
        )
        return (
            _("已批准延长，请打印告知书交申请人。") if action == "approve-extension" else _("已不批准延长。")
        )
    if action == "meeting":
        departments = Department.objects.filter(site_id=case.department.site_id)
        data = _valid(forms.MeetingForm(post, departments=departments))
        handling.meeting_record(
            case=case,
            user=user,
            at=at,
            held_date=data["held_date"],
            place=data["place"],
            departments=list(data["departments"]),
            participants=data["participants"],
            conclusions=data["conclusions"],
        )
        return _("联审会议已记录。")
    if action == "report":
        data = _valid(forms.ReportForm(post))
        handling.case_report_up(case=case, user=user, at=at, **data)
        return _("已登记上报。")
    if action == "reply":
        data = _valid(forms.ReplyForm(post))
        handling.case_report_reply(case=case, user=user, at=at, **data)
        return _("已登记上级批复，请在2个工作日内告知申请人。")
    if action == "decision":
        data = _valid(forms.DecisionForm(post))
        handling.case_decide(case=case, user=user, at=at, **data)
        return _("已办结，请打印决定书和证照，并在10个工作日内送达。")
    if action == "deliver":
        data = _valid(forms.DeliveryForm(post))
        delivery.case_deliver(case=case, user=user, at=at, details=delivery.DeliveryDetails(**data))
        return _("已登记送达。")
    if action in ("withdraw", "return", "terminate"):
        reason = _valid(forms.ReasonForm(post))["reason"]
        service = {
            "withdraw": handling.case_withdraw,
            "return": handling.case_return,
            "terminate": handling.case_terminate,
        }
        service[action](case=case, user=user, at=at, reason=reason)
        return {
            "withdraw": _("已登记撤回申请。"),
            "return": _("已退回，请打印退件通知书交申请人。"),
            "terminate": _("已终止办理，请打印终止办理通知书交申请人。"),
        }[action]
    raise Http404


@require_POST
@staff_required
def case_handle(request, reference: str, action: str):
    """The handling forms on the case page; each calls one service (which checks the role)."""
    case = services.visible_case_as_of(request.user, reference, at=clock.now())
    try:
        messages.success(request, _act(request, case, action))
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    return redirect("cases:detail", reference=case.reference)


@staff_required
def my_tasks(request):
    """我的待办: my department's running tasks in my role, soonest due first, each with its light;
    for a case agent, the cases he follows; for everyone, the cases lit yellow or red today."""
    today = clock.today()
    warning = handling.warning_days()
    calendar = working_calendar()
    tasks = list(selectors.tasks_for(request.user)[:200])
    for task in tasks:
        task.light = selectors.task_light(task, today=today, warning_days=warning, calendar=calendar)
    followed = list(selectors.agent_cases(request.user)[:200])
    for case in followed:
        case.light = selectors.case_light(case, today=today, warning_days=warning, calendar=calendar)
    return render(
        request,
        "cases/my_tasks.html",
        {
            "tasks": tasks,
            "followed": followed,
            "today": today,
            "is_agent": access_for(request.user).has_role(Role.CASE_AGENT),
        },
    )


@staff_required
def lights(request):
    """亮灯: every case at my reach that is yellow or red today (handling by its promised date,
    decided ones by their delivery date), red first."""
    today = clock.today()
    warning = handling.warning_days()
    visible = selectors.case_visible_to(request.user).select_related("version", "department", "agent")
    handling_cases = list(selectors.lit_in_handling(visible, today=today, warning_days=warning)[:500])
    delivery_cases = list(selectors.lit_awaiting_delivery(visible, today=today, warning_days=warning)[:500])
    calendar = working_calendar()
    for case in (*handling_cases, *delivery_cases):
        case.light = selectors.case_light(case, today=today, warning_days=warning, calendar=calendar)
    red = [case for case in handling_cases if case.light == "red"]
    yellow = [case for case in handling_cases if case.light == "yellow"]
    overdue_tasks = list(selectors.overdue_tasks(request.user, today=today)[:200])
    return render(
        request,
        "cases/lights.html",
        {
            "red": red,
            "yellow": yellow,
            "delivery": delivery_cases,
            "overdue_tasks": overdue_tasks,
            "today": today,
        },
    )
