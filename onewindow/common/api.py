"""API errors are JSON with a stable `code` and a human `message` (plus field `errors`)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from onewindow.workcalendar.arithmetic import DateOutOfRange


class DomainError(Exception):
    """Base for errors a service raises on purpose; `code` is stable, the message is for people."""

    code = "domain_error"
    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotAllowed(DomainError):
    code = "not_allowed"
    status_code = status.HTTP_403_FORBIDDEN


def _django_validation_payload(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        fields = {
            field: [str(message) for message in messages] for field, messages in error.message_dict.items()
        }
        first = next(iter(fields.values()))[0]
        return {"code": "invalid", "message": first, "errors": fields}
    messages = [str(message) for message in error.messages]
    return {"code": "invalid", "message": "；".join(messages), "errors": {"non_field_errors": messages}}


def _first_message(detail) -> str:
    """The first message in a serializer's errors, however deeply nested (a list of lines each
    with its fields), prefixed with where it is: "lines.0.quantity：请填写合法的数字。"."""
    path = []
    while isinstance(detail, (dict, list)) and detail:
        if isinstance(detail, dict):
            key, detail = next(iter(detail.items()))
            if key != "non_field_errors":
                path.append(str(key))
        else:
            detail = next((item for item in detail if item), detail[0])
    message = str(detail)
    return f"{'.'.join(path)}：{message}" if len(path) > 1 else message


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response({"code": exc.code, "message": exc.message}, status=exc.status_code)
    if isinstance(exc, DateOutOfRange):
        return Response(
            {"code": "date_out_of_range", "message": str(exc)}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, DjangoValidationError):
        return Response(_django_validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ParseError):
        # DRF's message carries the parser's English ("JSON parse error - Expecting value: …").
        message = _("请求正文无法解析：请发送与 Content-Type 相符的合法 JSON 或表单。")
        return Response({"code": "parse_error", "message": message}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = response.data
        if isinstance(detail, dict):
            response.data = {"code": "invalid", "message": _first_message(detail), "errors": detail}
        else:
            response.data = {"code": "invalid", "message": "；".join(map(str, detail)), "errors": detail}
    else:
        code = getattr(exc, "default_code", "error")
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"code": str(getattr(detail, "code", code) or code), "message": str(detail)}
    return response


# An APIView whose nested `InputSerializer`/`OutputSerializer` are named after the view
# (`DutyAssignApi.InputSerializer` → `DutyAssignInput`), so OpenAPI component names are unique.
# (A comment, not a docstring: drf-spectacular would publish a docstring as every view's description.)
ID_MAX = 10**18 - 1  # 18 digits, as the path converter: always fits a 64-bit key


class IdField(serializers.IntegerField):
    """A database id in a request body or query: 1 to 18 digits. A longer number is a clear 400,
    not a driver overflow (SQLite's integers stop at 2**63 - 1, and an `IN (...)` list is passed
    through unchecked)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class NamedApiView(APIView):
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        stem = cls.__name__.removesuffix("Api")
        for attribute in ("InputSerializer", "OutputSerializer", "OpenSerializer"):
            nested = cls.__dict__.get(attribute)
            if nested is not None:
                nested.__name__ = nested.__qualname__ = (
                    f"{stem}{attribute.removesuffix('Serializer')}Serializer"
                )


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """DRF's limit/offset with a ceiling: `limit` above MAX_LIMIT gives MAX_LIMIT rows, and a
    limit or offset that is not a plain number of at most 18 digits is a 400, not a database
    overflow."""

    max_limit = 200

    def get_limit(self, request):
        self._check_number(request, self.limit_query_param)
        return super().get_limit(request)

    def get_offset(self, request):
        self._check_number(request, self.offset_query_param)
        return super().get_offset(request)

    @staticmethod
    def _check_number(request, name: str) -> None:
        value = request.query_params.get(name)
        if value is None or value == "":
            return
        if not (value.isascii() and value.isdigit() and len(value) <= 18):
            message = _("%(name)s 须为不超过 18 位的非负整数。") % {"name": name}
            raise exceptions.ValidationError({name: [message]})


# Keyset pagination (common.keyset): `?cursor=` and `?limit=`, answered {"next", "results"} ------

KEYSET_DEFAULT_LIMIT = 50
KEYSET_MAXIMUM_LIMIT = 200


def keyset_limit(request, *, default: int = KEYSET_DEFAULT_LIMIT, maximum: int = KEYSET_MAXIMUM_LIMIT) -> int:
    """`?limit=`: a whole number from 1, at most `maximum` (more asks for `maximum`); a 400 for
    anything else."""
    value = (
        request.query_params.get("limit", "")
        if hasattr(request, "query_params")
        else request.GET.get("limit", "")
    )
    if value == "":
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 18 and int(value) >= 1):
        raise exceptions.ValidationError({"limit": [_("limit 须为正整数。")]})
    return min(int(value), maximum)


def keyset_cursor(request) -> str:
    """`?cursor=`, as given (common.keyset validates it)."""
    params = request.query_params if hasattr(request, "query_params") else request.GET
    return params.get("cursor", "")


def keyset_next_url(request, cursor: str | None) -> str | None:
    """This request's URL with `cursor` in place of its own; None when there is no next page."""
    if not cursor:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def keyset_response(request, page, results) -> Response:
    return Response({"next": keyset_next_url(request, page.next_cursor), "results": results})


def keyset_envelope(serializer_class, name: str):
    """The OpenAPI shape of a keyset page of `serializer_class` rows."""
    from rest_framework import serializers

    return type(
        name,
        (serializers.Serializer,),
        {
            "next": serializers.URLField(allow_null=True, help_text="下一页的地址；最后一页为 null"),
            "results": serializer_class(many=True),
        },
    )


def keyset_parameters():
    from drf_spectacular.utils import OpenApiParameter

    return [
        OpenApiParameter("cursor", str, description="翻页游标（取自上一页的 next）"),
        OpenApiParameter(
            "limit", int, description=f"每页条数，默认 {KEYSET_DEFAULT_LIMIT}，最多 {KEYSET_MAXIMUM_LIMIT}"
        ),
    ]
