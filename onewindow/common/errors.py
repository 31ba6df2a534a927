"""Django's error handlers (config.urls handler400/403/404/500): people get the styled pages in
templates/ (400.html, 403.html, 404.html, 500.html), a caller of the API the same JSON shape as
the API's own errors (common.api.exception_handler) even for a URL no endpoint answers."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from rest_framework import exceptions


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _api_error(exception_class: type[exceptions.APIException], status: int, code: str = "") -> JsonResponse:
    payload = {
        "code": code or exception_class.default_code,
        "message": str(exception_class.default_detail),
    }
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request_response(request, *, message: str, field: str | None = None) -> HttpResponse:
    """A 400 with its reason, in the form the caller reads: JSON naming the field for the API,
    the styled page for people (common.middleware's input guard)."""
    if _is_api(request):
        payload = {"code": "bad_request", "message": message}
        if field:
            payload["errors"] = {field: [message]}
        return JsonResponse(payload, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"message": message}, status=400)


def bad_request(request, exception, template_name="400.html"):
    if _is_api(request):
        # The code common.middleware's input guard answers with, for the same kind of refusal.
        return _api_error(exceptions.ParseError, 400, code="bad_request")
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name="403.html"):
    if _is_api(request):
        return _api_error(exceptions.PermissionDenied, 403)
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name="404.html"):
    if _is_api(request):
        return _api_error(exceptions.NotFound, 404)
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name="500.html"):
    """500.html renders with an empty context: no request, no database (it may be what failed)."""
    if _is_api(request):
        return _api_error(exceptions.APIException, 500)
    return defaults.server_error(request, template_name)
