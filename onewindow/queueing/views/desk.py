"""The clerk's calling desk (窗口叫号): the window the clerk is on duty at today, the ticket being
served, the waiting list this window would call, and the buttons — call next, recall, skip,
transfer, pause/resume, finish — each a POST to /desk/queue/<window>/<action>/.

htmx swaps the panel: a refusal of the queue's rules (nobody waiting, nothing being served, the
window paused…) comes back as the re-rendered panel with the reason, status 200, so htmx swaps
it; malformed input is a 400 carrying the same panel (desk.js lets htmx swap it). Without htmx
the POST redirects back with a message. The waiting list polls every 15 seconds on its own
element, so the buttons and forms keep their focus."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onewindow.cases.models import ApplicantKind
from onewindow.cases.permissions import can_receive
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.middleware import has_control_characters
from onewindow.common.parsing import parse_id
from onewindow.common.privacy import mask_id_number, mask_name, mask_phone
from onewindow.org.models import WINDOW_ORDER, DutyAssignment, Window
from onewindow.org.permissions import role_required
from onewindow.org.selectors import access_for, window_visible_to
from onewindow.queueing import selectors, services
from onewindow.queueing.models import Category, Ticket, WindowState

#: The waiting list shows this many tickets (the count is of all).
WAITING_SHOWN = 15
#: The most cases one finish may link (the panel lists cases_made_during's at most 20).
CASES_MAXIMUM = 50
ACTIONS = ("next", "recall", "skip", "transfer", "pause", "resume", "finish")


class BadPost(ValueError):
    """Malformed input in the body (not a refusal of the queue's rules): a 400."""


def _duty_windows(request) -> list[Window]:
    return selectors.duty_windows_of(request.user, clock.today())


def _window_for_action(request, window_id: int) -> Window:
    """The window in the path, if the user is on duty there today; a window they may see but are
    not on duty at is a 403, any other a 404."""
    for window in _duty_windows(request):
        if window.pk == window_id and window.is_active:
            return window
    if window_visible_to(request.user).filter(pk=window_id).exists():
        raise PermissionDenied(_("您今天不在该窗口值班，不能在此叫号。"))
    raise Http404(_("没有这个窗口。"))


def _ticket_facts(ticket: Ticket) -> dict:
    return {
        "name": ticket.applicant_name,
        "masked_name": mask_name(ticket.applicant_name),
        "id_number": mask_id_number(ticket.id_number),
        "phone": mask_phone(ticket.phone),
    }


def intake_link(ticket: Ticket) -> str:
    """The fast intake with the person's details filled in (cases.views.intake_initial reads
    them) and the ticket's number as the case's note."""
    query = {"ticket": ticket.code}
    if ticket.applicant_name:
        query["applicant_name"] = ticket.applicant_name
    if ticket.id_number:
        query["id_number"] = ticket.id_number
        query["applicant_kind"] = ApplicantKind.PERSON
    if ticket.phone:
        query["contact_phone"] = ticket.phone
    return f"{reverse('cases:intake')}?{urlencode(query)}"


def _waiting_rows(window: Window, now) -> list[dict]:
    return [
        {
            "ticket": ticket,
            "minutes": max(0, int((now - ticket.queued_at).total_seconds() // 60)),
            "name": mask_name(ticket.applicant_name),
            "is_appointment": ticket.source == Ticket.Source.APPOINTMENT,
        }
        for ticket in selectors.window_queue(window, on_date=clock.today(), limit=WAITING_SHOWN)
    ]


def _waiting_context(window: Window) -> dict:
    now = clock.now()
    return {
        "window": window,
        "waiting": _waiting_rows(window, now),
        "waiting_count": selectors.window_waiting_count(window, on_date=clock.today()),
        "alert_minutes": settings.ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES,
    }


def panel_context(
    request, window: Window, *, error: str = "", notice: str = "", pushed: bool = False
) -> dict:
    """Everything the panel shows for `window` now."""
    now = clock.now()
    state = WindowState.objects.filter(window=window).first()
    call = services.open_call(window)
    context = {
        **_waiting_context(window),
        "is_paused": bool(state and state.is_paused),
        "pause_reason": state.pause_reason if state else "",
        "call": call,
        "error": error,
        "notice": notice,
        "pushed": pushed,
        "transfer_categories": list(selectors.categories_of(window.site_id)),
        "transfer_windows": list(
            Window.objects.filter(site_id=window.site_id, is_active=True)
            .exclude(pk=window.pk)
            .order_by(*WINDOW_ORDER)
        ),
        "serves": [category.prefix for category in selectors.window_categories(window)],
    }
    if call is not None:
        ticket = call.ticket
        context.update(
            {
                "ticket": ticket,
                "person": _ticket_facts(ticket),
                "waited_minutes": call.wait_seconds // 60,
                "serving_minutes": max(0, int((now - call.called_at).total_seconds() // 60)),
                "intake_url": intake_link(ticket) if can_receive(request.user) else "",
                "cases": services.cases_made_during(call, until=now),
            }
        )
    return context


# Pages -----------------------------------------------------------------------------------------------


@role_required(*services.CALLING_ROLES)
@require_GET
def desk(request):
    """The calling desk for the window the clerk is on duty at today (?window= picks one of
    several); without a duty today, why and what to do."""
    windows = _duty_windows(request)
    if not windows:
        staff = access_for(request.user).staff
        upcoming = list(
            DutyAssignment.objects.filter(staff=staff, duty_date__gt=clock.today())
            .select_related("window")
            .order_by("duty_date")[:5]
        )
        return render(
            request, "queueing/desk.html", {"windows": [], "upcoming": upcoming, "today": clock.today()}
        )
    wanted = parse_id(request.GET.get("window"))
    window = next((window for window in windows if window.pk == wanted), windows[0])
    return render(
        request,
        "queueing/desk.html",
        {"windows": windows, "window": window, "today": clock.today(), **panel_context(request, window)},
    )


@role_required(*services.CALLING_ROLES)
@require_GET
def panel(request, window_id: int):
    """The panel alone (htmx: after the clerk comes back to the tab)."""
    window = _window_for_action(request, window_id)
    return render(request, "queueing/_desk_panel.html", panel_context(request, window))


@role_required(*services.CALLING_ROLES)
@require_GET
def waiting(request, window_id: int):
    """The waiting list alone (htmx poll every 15 s)."""
    window = _window_for_action(request, window_id)
    return render(request, "queueing/_desk_waiting.html", _waiting_context(window))


def _case_ids(post) -> list[int] | None:
    """The cases ticked for linking: None when the panel listed none (the service then links
    every case the clerk made since the call), else the ticked ids (maybe none)."""
    if "cases_shown" not in post:
        return None
    values = post.getlist("case_ids")
    if len(values) > CASES_MAXIMUM:
        raise BadPost(_("一次最多关联 %(count)s 件办件。") % {"count": CASES_MAXIMUM})
    ids = [parse_id(value) for value in values]
    if any(value is None for value in ids):
        raise BadPost(_("办件选择有误，请刷新页面后重试。"))
    return ids


def _chosen(post, name: str, queryset, *, label: str):
    """The row of `queryset` whose id is posted as `name`, or None when left empty."""
    value = post.get(name, "").strip()
    if not value:
        return None
    pk = parse_id(value)
    if pk is None:
        raise BadPost(_("%(label)s选择有误，请刷新页面后重试。") % {"label": label})
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise DomainError(_("没有这个%(label)s，请刷新页面后重试。") % {"label": label})
    return row


def _finished_text(ticket: Ticket, linked: int | None) -> str:
    if linked:
        return _("%(code)s 已办结，关联办件 %(count)s 件；已推送评价器，请群众评价。") % {
            "code": ticket.code,
            "count": linked,
        }
    return _("%(code)s 已办结；已推送评价器，请群众评价。") % {"code": ticket.code}


def _apply(request, window: Window, action: str) -> tuple[str, bool]:
    """Run the action; the message for the clerk and whether the tablet was asked for a rating.
    Raises DomainError, BadPost."""
    user, at, post = request.user, clock.now(), request.POST
    if action == "next":
        result = services.call_next(user=user, window=window, at=at, case_ids=_case_ids(post))
        parts = []
        if result.finished is not None:
            parts.append(_finished_text(result.finished, result.finished.case_links.count()))
        if result.call is not None:
            parts.append(
                _("已叫号：请 %(code)s 号到 %(window)s 号窗口办理。")
                % {"code": result.call.ticket.code, "window": window.number}
            )
        else:
            parts.append(_("暂无等候的号。"))
        return " ".join(parts), result.finished is not None
    if action == "recall":
        call = services.call_recall(user=user, window=window, at=at)
        return _("已重呼 %(code)s（第 %(count)s 次）。") % {
            "code": call.ticket.code,
            "count": call.recall_count,
        }, False
    if action == "skip":
        ticket = services.call_skip(user=user, window=window, at=at)
        if ticket.status == Ticket.Status.NO_SHOW:
            return _("%(code)s 再次过号，已作废（过号未到）。") % {"code": ticket.code}, False
        return (
            _("%(code)s 过号，已排回队列（前面约 %(ahead)s 人）。")
            % {"code": ticket.code, "ahead": selectors.people_ahead(ticket)},
            False,
        )
    if action == "transfer":
        category = _chosen(
            post, "category", Category.objects.filter(site_id=window.site_id), label=_("业务类别")
        )
        target = _chosen(
            post,
            "target_window",
            Window.objects.filter(site_id=window.site_id, is_active=True),
            label=_("窗口"),
        )
        ticket = services.call_transfer(
            user=user, window=window, at=at, category=category, target_window=target
        )
        where = ticket.category.name
        if target is not None:
            where = _("%(window)s号窗口（%(category)s）") % {"window": target.number, "category": where}
        return _("%(code)s 已转到%(where)s排队。") % {"code": ticket.code, "where": where}, False
    if action == "pause":
        services.window_pause(user=user, window=window, at=at, reason=post.get("reason", "").strip()[:60])
        return _("已暂停服务，窗口屏显示“暂停服务”。"), False
    if action == "resume":
        services.window_resume(user=user, window=window, at=at)
        return _("已恢复服务。"), False
    result = services.call_finish(user=user, window=window, at=at, case_ids=_case_ids(post))
    return _finished_text(result.ticket, len(result.cases)), True


@role_required(*services.CALLING_ROLES)
@require_POST
def desk_action(request, window_id: int, action: str):
    """One button of the panel (see the module's docstring)."""
    if action not in ACTIONS:
        raise Http404
    window = _window_for_action(request, window_id)
    error = notice = ""
    pushed = False
    status = 200
    if any(
        has_control_characters(name) or has_control_characters(value) for name, value in request.POST.items()
    ):
        error, status = _("提交的内容含有不允许的控制字符，请删除后重新提交。"), 400
    else:
        try:
            notice, pushed = _apply(request, window, action)
        except BadPost as problem:
            error, status = str(problem), 400
        except DomainError as refusal:
            error = refusal.message
    if request.htmx:
        context = panel_context(request, window, error=error, notice=notice, pushed=pushed)
        return render(request, "queueing/_desk_panel.html", context, status=status)
    if status == 400:
        return bad_request_response(request, message=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect(f"{reverse('queueing:desk')}?{urlencode({'window': window.pk})}")


urlpatterns = [
    path("desk/queue/", desk, name="desk"),
    path("desk/queue/<id:window_id>/panel/", panel, name="desk-panel"),
    path("desk/queue/<id:window_id>/waiting/", waiting, name="desk-waiting"),
    path("desk/queue/<id:window_id>/<str:action>/", desk_action, name="desk-action"),
]
