"""Role checks for pages (decorator) and the API (permission classes), on top of access_for()."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission

from onewindow.org.models import Role
from onewindow.org.selectors import access_for

#: Who runs the organisation and the calendar.
ORG_MANAGERS = (Role.CENTER_OFFICE, Role.ADMINISTRATOR)
#: Who may open the management console (read).
CONSOLE_ROLES = (Role.CENTER_OFFICE, Role.ADMINISTRATOR, Role.BUSINESS_SECTION, Role.SUPERVISION_SECTION)


def user_has_role(user, *roles: str) -> bool:
    return access_for(user).has_role(*roles)


def user_is_staff_member(user) -> bool:
    return access_for(user).scope != "none"


def user_is_network_office(user) -> bool:
    """The top-level center's office (or a superuser): it keeps what is one for the whole network
    (the working calendar, the bad-credit list); a township office only reads it."""
    access = access_for(user)
    if access.scope == "all":
        return True
    return access.has_role(*ORG_MANAGERS) and access.staff is not None and access.staff.site.parent_id is None


#: The working calendar is one for the whole network.
user_manages_calendar = user_is_network_office


def calendar_manager_required(view):
    """Page decorator: only user_manages_calendar() may call the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_manages_calendar(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class ManagesCalendar(BasePermission):
    message = gettext_lazy("只有中心办公室可以修改工作日历。")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and user_manages_calendar(request.user))


def role_required(*roles: str):
    """Page decorator: anonymous → login page; logged in without one of `roles` → 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not user_has_role(request.user, *roles):
                raise PermissionDenied
            if not roles and not user_is_staff_member(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = role_required()


def HasRole(*roles: str) -> type[BasePermission]:  # noqa: N802 - reads like a class in permission_classes
    """DRF permission class allowing users with any of `roles` (no roles: any staff member)."""

    class _HasRole(BasePermission):
        message = gettext_lazy("您没有执行此操作的权限。")

        def has_permission(self, request, view):
            if not request.user or not request.user.is_authenticated:
                return False
            return user_has_role(request.user, *roles) if roles else user_is_staff_member(request.user)

    _HasRole.__name__ = f"HasRole_{'_'.join(roles) or 'STAFF'}"
    return _HasRole
