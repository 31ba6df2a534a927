"""The desk's handling pages: the handling panel of a case page (clocks, tasks, and the forms for
what the user may do next), its POST actions, my tasks (我的待办) and the traffic lights (亮灯).
Same services as the API (cases.services.handling)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from onewindow.common import clock, keyset
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.forms import error_text
from onewindow.common.parsing import parse_id
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


def _opinion(request, case: Case, at) -> str:
    data = _valid(forms.OpinionForm(request.POST, request.FILES))
    handling.task_opinion(
        case=case,
        task_id=data["task"],
        user=request.user,
        at=at,
        verdict=data["verdict"],
        opinion=data["opinion"],
        attachments=data["attachments"],
    )
    return _("意见已提交。")


def _remind(request, case: Case, at) -> str:
    task_id = parse_id(request.POST.get("task")) or 0
    handling.task_remind(case=case, task_id=task_id, user=request.user, at=at)
    return _("已催办。")


def _suspend(request, case: Case, at) -> str:
    data = _valid(forms.SuspensionForm(request.POST))
    handling.case_suspend(
        case=case,
        user=request.user,
        at=at,
        kind=data["kind"],
        reason=data["reason"],
        expected_days=data["expected_days"],
        hearing=handling.Hearing.from_values(data),
    )
    return _("特别程序已开始，请打印特别程序告知书交申请人。")


def _resume(request, case: Case, at) -> str:
    data = _valid(forms.EndSuspensionForm(request.POST))
    handling.suspension_end(
        case=case, suspension_id=data["suspension"], user=request.user, at=at, outcome=data["outcome"]
    )
    return _("特别程序已结束，办理期限已顺延。")


def _extend(request, case: Case, at) -> str:
    data = _valid(forms.ExtensionForm(request.POST))
    extension = handling.extension_request(
        case=case,
        user=request.user,
        at=at,
        reason=data["reason"],
        days=data["days"],
        approve=request.POST.get("approve") == "1",
    )
    if extension.status == Extension.Status.APPROVED:
        return _("已批准延长办理期限，请打印延长审批期限告知书交申请人。")
    return _("延长申请已提交，待首席代表批准。")


def _extension_decision(approve: bool):
    def decide(request, case: Case, at) -> str:
        handling.extension_decide(
            case=case,
            extension_id=parse_id(request.POST.get("extension")) or 0,
            user=request.user,
            at=at,
            approve=approve,
            comment=request.POST.get("comment", ""),
        )
        return _("已批准延长，请打印告知书交申请人。") if approve else _("已不批准延长。")

    return decide


def _meeting(request, case: Case, at) -> str:
    departments = Department.objects.filter(site_id=case.department.site_id)
    data = _valid(forms.MeetingForm(request.POST, departments=departments))
    handling.meeting_record(
        case=case,
        user=request.user,
        at=at,
        held_date=data["held_date"],
        place=data["place"],
        departments=list(data["departments"]),
        participants=data["participants"],
        conclusions=data["conclusions"],
    )
    return _("联审会议已记录。")


def _report(request, case: Case, at) -> str:
    handling.case_report_up(case=case, user=request.user, at=at, **_valid(forms.ReportForm(request.POST)))
    return _("已登记上报。")


def _reply(request, case: Case, at) -> str:
    handling.case_report_reply(case=case, user=request.user, at=at, **_valid(forms.ReplyForm(request.POST)))
    return _("已登记上级批复，请在2个工作日内告知申请人。")


def _decision(request, case: Case, at) -> str:
    handling.case_decide(case=case, user=request.user, at=at, **_valid(forms.DecisionForm(request.POST)))
    return _("已办结，请打印决定书和证照，并在10个工作日内送达。")


def _deliver(request, case: Case, at) -> str:
    data = _valid(forms.DeliveryForm(request.POST))
    delivery.case_deliver(case=case, user=request.user, at=at, details=delivery.DeliveryDetails(**data))
    return _("已登记送达。")


def _ending(service, message: str):
    def end(request, case: Case, at) -> str:
        service(case=case, user=request.user, at=at, reason=_valid(forms.ReasonForm(request.POST))["reason"])
        return str(message)

    return end


#: The case page's handling forms: the action in the URL → the function that parses its form,
#: calls its one service and says what happened.
PAGE_ACTIONS = {
    "opinion": _opinion,
    "remind": _remind,
    "suspend": _suspend,
    "resume": _resume,
    "extend": _extend,
    "approve-extension": _extension_decision(approve=True),
    "reject-extension": _extension_decision(approve=False),
    "meeting": _meeting,
    "report": _report,
    "reply": _reply,
    "decision": _decision,
    "deliver": _deliver,
    "withdraw": _ending(handling.case_withdraw, gettext_lazy("已登记撤回申请。")),
    "return": _ending(handling.case_return, gettext_lazy("已退回，请打印退件通知书交申请人。")),
    "terminate": _ending(handling.case_terminate, gettext_lazy("已终止办理，请打印终止办理通知书交申请人。")),
}


@require_POST
@staff_required
def case_handle(request, reference: str, action: str):
    """The handling forms on the case page; each calls one service (which checks the role)."""
    act = PAGE_ACTIONS.get(action)
    if act is None:
        raise Http404
    case = services.visible_case_as_of(request.user, reference, at=clock.now())
    try:
        messages.success(request, act(request, case, clock.now()))
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
    """亮灯: the cases at my reach that are yellow or red today (handling by the promised date,
    then decided ones by their delivery date), red first, 50 to a page with a link to the next
    (keyset: common.keyset); the totals from index-only counts."""
    today = clock.today()
    warning = handling.warning_days()
    try:
        page = selectors.lit_page_for_desk(request, today=today, warning_days=warning)
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    return render(
        request,
        "cases/lights.html",
        {
            **lit_sections(page.rows),
            "counts": selectors.lit_counts_for(request.user, today=today, warning_days=warning),
            "next_cursor": page.next_cursor,
            "is_first_page": not request.GET.get("cursor"),
            "overdue_tasks": list(selectors.overdue_tasks(request.user, today=today)[:50]),
            "today": today,
        },
    )


def lit_sections(cases) -> dict[str, list]:
    """A page of lit cases in its sections: red and yellow in handling, awaiting delivery."""
    in_handling = [case for case in cases if case.status != CaseStatus.COMPLETED]
    return {
        "red": [case for case in in_handling if case.light == "red"],
        "yellow": [case for case in in_handling if case.light != "red"],
        "delivery": [case for case in cases if case.status == CaseStatus.COMPLETED],
    }
