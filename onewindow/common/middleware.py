"""Middleware: security headers Django 5.2 does not set by itself, and the guard on query and path
parameters."""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from onewindow.common.errors import bad_request_response


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class InputGuardMiddleware:
    """Query and path parameters are input too: refuse, before any view runs, a path or query
    string carrying control characters (a NUL byte makes PostgreSQL fail the query) or values too
    long to be anything but an attack. The API answers JSON with a field message, pages the
    styled 400 page."""

    #: The longest query value and path segment a person or integrating system sends.
    MAXIMUM_VALUE_LENGTH = 1000
    MAXIMUM_PARAMETERS = 100

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self.problem(request)
        if problem:
            field, message = problem
            return bad_request_response(request, message=message, field=field)
        return self.get_response(request)

    def problem(self, request) -> tuple[str, str] | None:
        if has_control_characters(request.path):
            return "path", _("网址中含有不允许的控制字符。")
        if any(len(segment) > self.MAXIMUM_VALUE_LENGTH for segment in request.path.split("/")):
            return "path", _("网址过长。")
        if len(request.GET) > self.MAXIMUM_PARAMETERS:
            return "query", _("查询参数过多。")
        for key, values in request.GET.lists():
            if has_control_characters(key) or len(key) > 100:
                return "query", _("查询参数名不合法。")
            for value in values:
                if has_control_characters(value):
                    return key, _("查询参数“%(name)s”含有不允许的控制字符。") % {"name": key}
                if len(value) > self.MAXIMUM_VALUE_LENGTH:
                    return key, _("查询参数“%(name)s”过长（最多 %(limit)s 个字符）。") % {
                        "name": key,
                        "limit": self.MAXIMUM_VALUE_LENGTH,
                    }
        return None


#: C0 controls, DEL and C1 controls; a tab or a newline has no business in a URL either.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control_characters(text: str) -> bool:
    return bool(_CONTROL_CHARACTERS.search(text))
