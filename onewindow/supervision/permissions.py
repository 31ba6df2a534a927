"""Who may do what in supervision: pure functions over org.selectors.access_for."""

from __future__ import annotations

from onewindow.org.models import Role, Site
from onewindow.org.selectors import access_for
from onewindow.supervision.models import Record

#: Who sees the supervision board of their site and below.
BOARD_ROLES = (Role.SUPERVISION_SECTION, Role.CENTER_OFFICE, Role.BUSINESS_SECTION, Role.ADMINISTRATOR)


def _covers(user, site: Site) -> bool:
    """The user's site is `site` or above it (an administrator covers every site)."""
    access = access_for(user)
    if access.scope == "all":
        return True
    return access.staff is not None and site.path.startswith(access.staff.site.path)


def can_keep_rules(user, site: Site) -> bool:
    access = access_for(user)
    return access.scope == "all" or (access.has_role(Role.SUPERVISION_SECTION) and _covers(user, site))


def can_review(user, record: Record) -> bool:
    return can_keep_rules(user, record.site)


def can_explain(user, record: Record) -> bool:
    access = access_for(user)
    return (
        access.staff is not None
        and access.staff.department_id == record.department_id
        and access.has_role(Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER)
    )


def can_see_board(user) -> bool:
    access = access_for(user)
    return access.scope == "all" or access.has_role(*BOARD_ROLES)


def can_run_sweep(user) -> bool:
    access = access_for(user)
    return access.scope == "all" or access.has_role(Role.SUPERVISION_SECTION)
