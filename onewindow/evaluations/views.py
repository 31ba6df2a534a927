"""好差评 pages: the window's tablet (kiosk mode, polled by htmx), the online rating forms (SMS
link, progress page, my cases), the public monthly satisfaction, the desk (push a service to the
tablet; a department's rectifications), a rectification's page with its commands, the office's
list with filters and its Excel export, and the card on the desk's case page."""

from __future__ import annotations

import io
import re
from datetime import date
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from onewindow.cases.models import Case
from onewindow.cases.progress import TooManyAttempts, progress_lookup
from onewindow.cases.selectors import case_by_reference, case_visible_to
from onewindow.catalog.forms import validate_upload
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.dbrouter import reading_replica
from onewindow.common.errors import bad_request_response
from onewindow.common.files import file_response
from onewindow.common.middleware import has_control_characters
from onewindow.common.parsing import BadInput, parse_calendar_date, parse_id
from onewindow.common.privacy import mask_name, mask_phone
from onewindow.common.spreadsheet import XLSX, cell_text
from onewindow.evaluations import selectors, services
from onewindow.evaluations.limits import over_limit
from onewindow.evaluations.models import Appeal, Channel, Level, Rating, Rectification
from onewindow.evaluations.scale import BAD_REASONS, reasons_for, reasons_of_level
from onewindow.org.models import Role, Site, Window
from onewindow.org.permissions import role_required, staff_required
from onewindow.org.selectors import access_for, center_name, department_visible_to

#: The tablet goes back to idle this many seconds after the thank-you.
THANKS_SECONDS = 8
#: A paired tablet's cookie lasts as long as browsers keep one (400 days); every request renews it.
TABLET_COOKIE_SECONDS = 400 * 24 * 3600

#: Posted fields of free text, where a tab or a line break is allowed.
FREE_TEXT_FIELDS = frozenset({"comment", "measures", "note", "reason"})
#: Control characters other than tab and line breaks (a NUL byte makes PostgreSQL fail the query).
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _posted_control_field(request) -> str | None:
    """The first posted field whose name or value carries a control character (tabs and line
    breaks are allowed in free text), else None."""
    for name, values in request.POST.lists():
        if has_control_characters(name):
            return "form"
        check = _CONTROL_IN_TEXT.search if name in FREE_TEXT_FIELDS else has_control_characters
        if any(check(value) for value in values):
            return name
    return None


def refuse_control_characters(view):
    """Views that read request.POST themselves refuse control characters with a clear 400 (the
    middleware's guard covers the path and the query string, forms their own fields)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST":
            field = _posted_control_field(request)
            if field is not None:
                return bad_request_response(
                    request,
                    message=_("提交的内容含有不允许的控制字符，请删除后重新提交。"),
                    field=field,
                )
        return view(request, *args, **kwargs)

    return guarded


def _errors_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return getattr(error, "message", str(error))


def _levels() -> list[dict]:
    return [
        {"code": level.value, "label": level.label, "bad": level.value >= Level.DISSATISFIED}
        for level in Level
    ]


# The window's tablet ------------------------------------------------------------------------------


def _tablet_window(request, number: str) -> Window:
    code = request.GET.get("site", "").strip()[:20]
    site = Site.objects.filter(code=code, is_active=True).first() if code else selectors.top_site()
    window = selectors.window_for_tablet(site=site, number=number[:10]) if site else None
    if window is None:
        raise Http404(_("没有这个窗口。"))
    return window


def _tablet_query(window: Window) -> str:
    return urlencode({"site": window.site.code})


def _tablet_cookie(window: Window) -> str:
    return f"onewindow_tablet_{window.pk}"


def tablet_link(request, window: Window) -> str:
    """The link that pairs a tablet with `window` (for the center office to open on it once)."""
    query = urlencode({"site": window.site.code, "key": services.tablet_key(window)})
    return request.build_absolute_uri(f"{reverse('evaluations:tablet', args=[window.number])}?{query}")


def _is_paired(request, window: Window) -> bool:
    """The tablet shows the window's services only to the device paired with it: the key of the
    office's link, then the cookie it leaves."""
    key = request.GET.get("key") or request.COOKIES.get(_tablet_cookie(window), "")
    return services.tablet_key_is_valid(window, key[:200])


def _refuse_unpaired(request, window: Window) -> HttpResponse:
    context = {"window": window, "center_name": center_name()}
    if request.htmx:  # the tablet's config swaps a 403 in, so the tablet says why it stopped
        return render(request, "evaluations/_tablet_unpaired.html", context, status=403)
    return render(request, "evaluations/tablet_unpaired.html", context, status=403)


def _remember_pairing(request, response: HttpResponse, window: Window) -> HttpResponse:
    response.set_cookie(
        _tablet_cookie(window),
        services.tablet_key(window),
        max_age=TABLET_COOKIE_SECONDS,
        path=reverse("evaluations:tablet", args=[window.number]),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _tablet_status(request, status: int) -> int:
    """htmx 2 does not swap a 4xx: the tablet would freeze on its last screen. Its own requests
    get the re-rendered screen with the error as a 200."""
    return 200 if request.htmx else status


def _tablet_context(request, window: Window) -> dict:
    at = clock.now()
    service = services.waiting_service(window, at=at)
    staff = service.staff if service else selectors.on_duty(window, on_date=clock.today())
    query = _tablet_query(window)
    return {
        "window": window,
        "service": service,
        "staff": staff,
        "center_name": center_name(),
        "levels": _levels(),
        "state_url": f"{reverse('evaluations:tablet-state', args=[window.number])}?{query}",
        "rate_url": f"{reverse('evaluations:tablet-rate', args=[window.number])}?{query}",
    }


@require_GET
def tablet(request, number: str):
    """The window's rating tablet (评价器), full screen: the staff member on duty, and when the clerk
    ends a service, five large buttons. Only the tablet paired with the window (the office's link)
    sees it; the link's key goes into a cookie and out of the address bar."""
    window = _tablet_window(request, number)
    if not _is_paired(request, window):
        return _refuse_unpaired(request, window)
    if "key" in request.GET:
        response = redirect(f"{reverse('evaluations:tablet', args=[window.number])}?{_tablet_query(window)}")
    else:
        response = render(request, "evaluations/tablet.html", _tablet_context(request, window))
    return _remember_pairing(request, response, window)


@require_GET
def tablet_state(request, number: str):
    """What the tablet shows now (polled while idle or asking for a rating)."""
    window = _tablet_window(request, number)
    if not _is_paired(request, window):
        return _refuse_unpaired(request, window)
    response = render(request, "evaluations/_tablet_state.html", _tablet_context(request, window))
    return _remember_pairing(request, response, window)


@csrf_exempt  # no session decides anything here: the paired device and the service's unguessable
# token are the proof, and a tablet left on for weeks must not fail on a rotated CSRF cookie
@require_POST
@refuse_control_characters
def tablet_rate(request, number: str):
    """A tap on the tablet: a good level rates at once; a bad one first asks for the reasons. Not
    limited per address: the service's one-time token already allows one rating."""
    window = _tablet_window(request, number)
    if not _is_paired(request, window):
        return _refuse_unpaired(request, window)
    context = _tablet_context(request, window)
    level = parse_id(request.POST.get("level"))
    token = request.POST.get("token", "")[:40]
    if level is None or level not in Level.values:
        context["error"] = _("请选择评价等级。")
        return render(request, "evaluations/_tablet_state.html", context, status=_tablet_status(request, 400))
    reasons = reasons_of_level(level, request.POST.getlist("reasons"))
    if level >= Level.DISSATISFIED and not request.POST.get("confirm"):
        context.update(
            {
                "bad_level": Level(level),
                "reasons": BAD_REASONS.items(),
                "token": token,
                "service": context["service"],
            }
        )
        return render(request, "evaluations/_tablet_reasons.html", context)
    try:
        rating = services.rating_at_window(
            token=token, given=services.RatingInput(level=level, reasons=reasons), at=clock.now()
        )
    except (DomainError, ValidationError) as error:
        context = _tablet_context(request, window)  # the service may have ended meanwhile
        context["error"] = _errors_text(error)
        return render(request, "evaluations/_tablet_state.html", context, status=_tablet_status(request, 400))
    context.update({"rating": rating, "thanks_seconds": THANKS_SECONDS})
    return render(request, "evaluations/_tablet_thanks.html", context)


@require_GET
def staff_photo(request, pk: int):
    """The photo of a staff member who sits at a window, as the tablet shows it (public: it hangs
    at the window anyway). Anyone else's is not public: 404."""
    staff = get_object_or_404(
        selectors.staff_sitting_at_windows(on_date=clock.today()).exclude(photo=""), pk=pk
    )
    try:
        handle = staff.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle)
    response["Cache-Control"] = "max-age=3600"
    return response


# Online ratings of a case ---------------------------------------------------------------------------


def case_rating_context(case: Case) -> dict:
    """What the online rating form on a case's page needs (progress page, my case, SMS link)."""
    allowed, why = services.may_rate_case(case)
    current = services.case_rating(case)
    return {
        "rating_case": case,
        "rating_allowed": allowed,
        "rating_why": why,
        "rating_current": current,
        "rating_is_follow_up": current is not None,
        "rating_levels": _levels(),
        "rating_reasons": {level.value: list(reasons_for(level.value).items()) for level in Level},
    }


def _given(request) -> services.RatingInput:
    level = parse_id(request.POST.get("level")) or 0
    return services.RatingInput(
        level=level,
        # the form shows every level's reasons: keep those of the level chosen
        reasons=reasons_of_level(level, request.POST.getlist("reasons")),
        comment=request.POST.get("comment", ""),
    )


def _rate(request, case: Case, *, channel: str, user=None) -> bool:
    """Apply the posted rating; report the outcome as a message. True when written."""
    message = over_limit(request)
    if message:
        messages.error(request, message)
        return False
    try:
        rating = services.rating_of_case(
            case=case, channel=channel, given=_given(request), at=clock.now(), rater_user=user
        )
    except (DomainError, ValidationError) as error:
        messages.error(request, _errors_text(error))
        return False
    if rating.is_bad:
        messages.success(request, _("感谢您的评价。我们已将差评转交责任部门整改，并会回访您。"))
    else:
        messages.success(request, _("感谢您的评价！"))
    return True


@require_POST
@refuse_control_characters
def rate_case(request):
    """The rating form on the progress page (办件查询, and the QR code on every notice leads there):
    the case number and query code prove the rater is the applicant. A wrong code counts as a
    failed lookup of the progress page; past their limit even the right code is refused."""
    number = request.POST.get("number", "").strip()[:30]
    code = request.POST.get("query_code", "").strip()[:8]
    try:
        found = progress_lookup(request, number=number, query_code=code) if number else None
    except TooManyAttempts as error:
        messages.error(request, str(error))
        return redirect("portal:progress")
    if found is None:
        messages.error(request, _("没有找到该办件，请核对办件编号和查询码。"))
        return redirect("portal:progress")
    case = found.case
    channel = Channel.QR if request.POST.get("via") == "qr" else Channel.PROGRESS
    _rate(request, case, channel=channel)
    query = urlencode({"number": case.reference, "query_code": code})
    return redirect(f"{reverse('portal:progress')}?{query}#rate")


@login_required
@require_POST
@refuse_control_characters
def rate_my_case(request, reference: str):
    """The rating form on the applicant's own case page (我的办件)."""
    case = case_by_reference(Case.objects.filter(applicant_user=request.user), reference)
    if case is None:
        raise Http404
    _rate(request, case, channel=Channel.MY_CASES, user=request.user)
    return redirect(reverse("portal:my-case", args=[case.reference]) + "#rate")


@refuse_control_characters
def rate_link(request, token: str):
    """The page an SMS link opens: the case's rating form, no login (the signed link is the proof)."""
    case = services.case_for_rate_link(token)
    if case is None:
        return render(request, "evaluations/rate_link.html", {"invalid": True}, status=404)
    if request.method == "POST" and _rate(request, case, channel=Channel.SMS):
        return redirect("evaluations:rate-link", token=token)
    return render(request, "evaluations/rate_link.html", {"token": token, **case_rating_context(case)})


# Public satisfaction ------------------------------------------------------------------------------


def _month_start(day: date, back: int) -> date:
    month = day.month - 1 - back
    return date(day.year + month // 12, month % 12 + 1, 1)


@require_GET
@reading_replica()
def satisfaction(request):
    """Each department's satisfaction month by month (the last six months), on the portal. The
    figures are computed at most once a minute (the page is public and heavy)."""
    today = clock.today()
    key = f"evaluations:satisfaction-page:{today.isoformat()}:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = _satisfaction_figures(today)
        cache.set(key, figures, selectors.SATISFACTION_CACHE_SECONDS)
    return render(request, "evaluations/satisfaction.html", {**figures, "today": today})


def _satisfaction_figures(today: date) -> dict:
    months = [_month_start(today, back) for back in range(5, -1, -1)]
    rows = selectors.monthly_satisfaction(site=None, first=months[0], last=today)
    table: dict[object, dict] = {}
    for row in rows:
        key = row["department_id"] or 0
        entry = table.setdefault(key, {"name": row["department"] or _("中心综合窗口"), "months": {}})
        entry["months"][row["month"]] = row["satisfaction"]
    lines = [
        {"name": entry["name"], "cells": [entry["months"].get(month) for month in months]}
        for _key, entry in sorted(table.items(), key=lambda item: item[1]["name"])
    ]
    totals = selectors.satisfaction_of(
        Rating.objects.filter(rated_date__gte=months[-1], rated_date__lte=today)
    )
    return {"months": months, "lines": lines, "this_month": totals}


# Desk ------------------------------------------------------------------------------------------------


def _push_windows(user) -> list[Window]:
    staff = access_for(user).staff
    if staff is None:
        return []
    return list(
        Window.objects.filter(site=staff.site, is_active=True)
        .exclude(kind=Window.Kind.FEE)
        .order_by("number")
    )


def _next_url(request, default: str) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return default


@staff_required
def desk(request):
    """The desk's 好差评: a clerk pushes a service to the tablet and sees their ratings; a department
    sees its rectifications and bad reviews with their lights."""
    access = access_for(request.user)
    today = clock.today()
    staff = access.staff
    rectifications = list(
        selectors.rectifications_visible_to(request.user)
        .filter(
            status__in=(
                Rectification.Status.OPEN,
                Rectification.Status.SUBMITTED,
                Rectification.Status.VISITED,
            )
        )
        .select_related("department", "rating__case", "rating__window")
        .order_by("due_date", "id")[:100]
    )
    for rectification in rectifications:
        rectification.light = selectors.rectification_light(rectification, today=today)
    mine = []
    if staff is not None:
        mine = list(
            Rating.objects.filter(staff=staff)
            .select_related("case", "window")
            .order_by("-rated_at", "-id")[:20]
        )
    on_duty = services.on_duty_window(staff, today) if staff else None
    return render(
        request,
        "evaluations/desk.html",
        {
            "may_push": access.has_role(*services.SERVING_ROLES),
            "windows": _push_windows(request.user),
            "on_duty": on_duty,
            "rectifications": rectifications,
            "mine": mine,
            "mine_satisfaction": selectors.satisfaction_of(Rating.objects.filter(staff=staff))
            if staff
            else None,
        },
    )


@staff_required
@require_POST
@refuse_control_characters
def push(request):
    """The clerk ends a service: the window's tablet asks for a rating."""
    back = _next_url(request, reverse("evaluations:desk"))
    window_id = parse_id(request.POST.get("window"))
    window = Window.objects.filter(pk=window_id).select_related("site").first() if window_id else None
    if window is None:
        messages.error(request, _("请选择窗口。"))
        return redirect(back)
    case = None
    reference = request.POST.get("case", "").strip()[:30]
    if reference:
        case = case_by_reference(case_visible_to(request.user), reference)
        if case is None:
            messages.error(request, _("没有找到该办件。"))
            return redirect(back)
    try:
        services.service_push(user=request.user, window=window, case=case, at=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("已推送到%(window)s号窗口评价器，请群众评价。") % {"window": window.number})
    return redirect(back)


def _rectification_for(request, pk: int) -> Rectification:
    return get_object_or_404(
        selectors.rectifications_visible_to(request.user).select_related(
            "site",
            "department",
            "rating__case",
            "rating__window",
            "rating__staff__user",
            "submitted_by__user",
            "visited_by__user",
            "verified_by__user",
        ),
        pk=pk,
    )


@staff_required
@refuse_control_characters
def rectification_detail(request, pk: int):
    """One bad review's rectification with the commands the user may give: report measures (the
    department), the return visit, verify or return (office), appeal (department, once) and
    decide the appeal (office, another person than the one who filed it). The rater's name and
    phone are whole here for those who handle ratings and for the department that answers for
    it (it calls them); masked for the others."""
    rectification = _rectification_for(request, pk)
    if request.method == "POST":
        _rectification_command(request, rectification)
        return redirect("evaluations:rectification", pk=rectification.pk)
    rating = rectification.rating
    appeal = Appeal.objects.filter(rating=rating).select_related("filed_by__user", "decided_by__user").first()
    is_office = services.is_office_over(request.user, rectification.site)
    answers = services.answers_for(request.user, rectification)
    # the department that answers for it must call the rater: whole here, masked in lists
    whole = selectors.handles_raters(request.user) or answers
    return render(
        request,
        "evaluations/rectification.html",
        {
            "base": "office/base_office.html"
            if access_for(request.user).scope in ("subtree", "all")
            else "desk/base_desk.html",
            "section": "evaluations",
            "rectification": rectification,
            "light": selectors.rectification_light(rectification, today=clock.today()),
            "rating": rating,
            "rater_name": rating.rater_name if whole else mask_name(rating.rater_name),
            "rater_phone": rating.rater_phone if whole else mask_phone(rating.rater_phone),
            "appeal": appeal,
            "may_submit": answers and rectification.status == Rectification.Status.OPEN,
            "may_visit": is_office and rectification.status == Rectification.Status.SUBMITTED,
            "may_verify": is_office and rectification.status == Rectification.Status.VISITED,
            "may_appeal": answers
            and appeal is None
            and rectification.status not in (Rectification.Status.VERIFIED, Rectification.Status.WAIVED),
            "may_decide": is_office
            and appeal is not None
            and appeal.status == Appeal.Status.PENDING
            and not services.appeal_filed_by(request.user, appeal),
            "is_appeal_filer": appeal is not None
            and appeal.status == Appeal.Status.PENDING
            and is_office
            and services.appeal_filed_by(request.user, appeal),
            "visit_methods": Rectification.VisitMethod.choices,
            "visit_answers": Rectification.Answer.choices,
            "grounds": Appeal.Ground.choices,
        },
    )


def _rectification_command(request, rectification: Rectification) -> None:
    command, at, post = request.POST.get("command", ""), clock.now(), request.POST
    try:
        if command == "submit":
            services.rectification_submit(
                user=request.user, rectification=rectification, measures=post.get("measures", ""), at=at
            )
            messages.success(request, _("整改措施已反馈。"))
        elif command == "visit":
            services.rectification_visit(
                user=request.user,
                rectification=rectification,
                method=post.get("method", ""),
                answer=post.get("answer", ""),
                note=post.get("note", ""),
                at=at,
            )
            messages.success(request, _("回访已记录。"))
        elif command in ("verify", "return"):
            services.rectification_verify(
                user=request.user,
                rectification=rectification,
                accept=command == "verify",
                note=post.get("note", ""),
                at=at,
            )
            messages.success(request, _("整改已核实办结。") if command == "verify" else _("已退回重新整改。"))
        elif command == "appeal":
            evidence = request.FILES.get("evidence")
            if evidence is not None:
                validate_upload(evidence)
            services.appeal_file(
                user=request.user,
                rating=rectification.rating,
                ground=post.get("ground", ""),
                reason=post.get("reason", ""),
                evidence=evidence,
                at=at,
            )
            messages.success(request, _("申诉已提交，等待中心办公室裁定。"))
        elif command in ("uphold", "reject"):
            appeal = get_object_or_404(Appeal, rating=rectification.rating)
            services.appeal_decide(
                user=request.user, appeal=appeal, uphold=command == "uphold", note=post.get("note", ""), at=at
            )
            messages.success(request, _("申诉已裁定。"))
        else:
            messages.error(request, _("操作无效。"))
    except (DomainError, ValidationError) as error:  # the upload check's error is a ValidationError too
        messages.error(request, _errors_text(error))


@staff_required
def appeal_evidence(request, pk: int):
    rectification = _rectification_for(request, pk)
    appeal = get_object_or_404(Appeal, rating=rectification.rating)
    return file_response(appeal.evidence, download_name=f"{rectification.number}-申诉证据")


# Office ------------------------------------------------------------------------------------------------

OFFICE_ROLES = (Role.CENTER_OFFICE, Role.SUPERVISION_SECTION, Role.BUSINESS_SECTION, Role.ADMINISTRATOR)


def _office_filters(request):
    """The list's filters from the query string; raises BadInput with the field."""
    get = request.GET
    first = last = None
    if get.get("from"):
        first = parse_calendar_date(get["from"], label=_("起始日期"))
    if get.get("to"):
        last = parse_calendar_date(get["to"], label=_("截止日期"))
    return {
        "bad": get.get("bad", ""),
        "department": get.get("department", ""),
        "channel": get.get("channel", ""),
        "first": first,
        "last": last,
    }


@role_required(*OFFICE_ROLES)
def office(request):
    """The office's 好差评: this month's satisfaction, the ratings with filters (bad reviews first
    among them), open rectifications by deadline with their lights, pending appeals."""
    try:
        filters = _office_filters(request)
        ratings = selectors.filtered_ratings(selectors.ratings_visible_to(request.user), **filters)
    except (BadInput, ValidationError) as error:
        return bad_request_response(
            request, message=_errors_text(error) if isinstance(error, ValidationError) else str(error)
        )
    today = clock.today()
    visible = selectors.ratings_visible_to(request.user)
    rectifications = list(
        selectors.rectifications_visible_to(request.user)
        .exclude(status__in=(Rectification.Status.VERIFIED, Rectification.Status.WAIVED))
        .select_related("department", "rating")
        .order_by("due_date", "id")[:50]
    )
    for rectification in rectifications:
        rectification.light = selectors.rectification_light(rectification, today=today)
    whole = selectors.handles_raters(request.user)
    rows = list(
        ratings.select_related("case", "window", "staff__user", "department").order_by("-rated_at", "-id")[
            :50
        ]
    )
    for rating in rows:
        rating.shown_name = rating.rater_name if whole else mask_name(rating.rater_name)
    tablets = [
        {"window": window, "link": tablet_link(request, window)}
        for window in selectors.tablet_windows_of(request.user)[:500]
    ]
    return render(
        request,
        "evaluations/office.html",
        {
            "section": "evaluations",
            "tablets": tablets,
            "ratings": rows,
            "filters": request.GET,
            "this_month": selectors.satisfaction_of(visible.filter(rated_date__gte=today.replace(day=1))),
            "rectifications": rectifications,
            "appeals": list(
                selectors.appeals_visible_to(request.user)
                .filter(status=Appeal.Status.PENDING)
                .select_related("rating__rectification", "filed_by__user")
                .order_by("filed_at")[:50]
            ),
            "departments": department_visible_to(request.user),
            "channels": Channel.choices,
        },
    )


@role_required(*OFFICE_ROLES)
def office_export(request):
    """The filtered ratings as an Excel workbook (raters masked unless you handle ratings)."""
    try:
        ratings = selectors.filtered_ratings(
            selectors.ratings_visible_to(request.user), **_office_filters(request)
        )
    except (BadInput, ValidationError) as error:
        return bad_request_response(
            request, message=_errors_text(error) if isinstance(error, ValidationError) else str(error)
        )
    whole = selectors.handles_raters(request.user)
    book = Workbook()
    sheet = book.active
    sheet.title = _("评价")
    sheet.append(
        [
            _("评价时间"),
            _("等级代码"),
            _("评价等级"),
            _("原因"),
            _("评价内容"),
            _("渠道"),
            _("办件编号"),
            _("窗口"),
            _("工作人员"),
            _("责任部门"),
            _("评价人"),
            _("电话"),
            _("差评"),
            _("默认"),
            _("计入统计"),
        ]
    )
    rows = ratings.select_related("case", "window", "staff__user", "department").order_by("-rated_at", "-id")
    for rating in rows.iterator(chunk_size=2000):
        sheet.append(
            [
                cell_text(cell)
                for cell in (
                    timezone.localtime(rating.rated_at).strftime("%Y-%m-%d %H:%M"),
                    rating.level,
                    rating.level_label,
                    rating.reason_labels,
                    rating.comment,
                    rating.get_channel_display(),
                    rating.case.reference if rating.case_id else "",
                    rating.window.number if rating.window_id else "",
                    rating.staff.name if rating.staff_id else "",
                    rating.department.name if rating.department_id else _("中心"),
                    rating.rater_name if whole else mask_name(rating.rater_name),
                    rating.rater_phone if whole else mask_phone(rating.rater_phone),
                    _("是") if rating.is_bad else "",
                    _("是") if rating.is_default else "",
                    _("是") if rating.counted and rating.is_current else _("否"),
                )
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ratings-{clock.today():%Y%m%d}.xlsx"'
    return response


# The card on the desk's case page and the supervision board's section ---------------------------------


def case_ratings_context(request, case: Case) -> dict | None:
    """The case page's 好差评 card: its ratings, and the push to the tablet for a clerk. A
    rectification is linked only for those who may open it."""
    access = access_for(request.user)
    ratings = list(
        Rating.objects.filter(case=case)
        .select_related("window", "staff__user", "rectification")
        .order_by("rated_at", "id")
    )
    may_push = access.has_role(*services.SERVING_ROLES)
    if not ratings and not may_push:
        return None
    whole = selectors.handles_raters(request.user)
    openable = set(
        selectors.rectifications_visible_to(request.user)
        .filter(rating__case=case)
        .values_list("pk", flat=True)
    )
    for rating in ratings:
        rating.shown_name = rating.rater_name if whole else mask_name(rating.rater_name)
        rectification = getattr(rating, "rectification", None)
        rating.rectification_openable = rectification is not None and rectification.pk in openable
    staff = access.staff
    return {
        "ratings": ratings,
        "may_push": may_push,
        "windows": _push_windows(request.user) if may_push else [],
        "on_duty": services.on_duty_window(staff, clock.today()) if staff and may_push else None,
        "next": request.get_full_path(),
    }


def board_rectifications_context(request, today: date) -> dict | None:
    """The supervision board's section: rectifications past their deadline, oldest first."""
    late = (
        selectors.rectifications_visible_to(request.user)
        .filter(status=Rectification.Status.OPEN, due_date__lt=today)
        .select_related("department", "rating")
        .order_by("due_date", "id")
    )
    rows = list(late[:12])
    if not rows:
        return None
    return {"late_rectifications": rows, "late_rectification_count": late.count()}
