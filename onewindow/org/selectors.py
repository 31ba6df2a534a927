"""Reading the organisation. Every permission-scoped read goes through an `…_visible_to(user)`
selector built on `access_for(user)`, so the scoping rule lives in one tested place:

- administrators, the center office, the business and the supervision section see their own site
  and every site below it (a county office oversees its townships and village points);
- a chief representative or department reviewer sees only their own department at their site;
- other staff (window clerks, case agents, fee clerks) see their own site;
- applicants and anonymous users see none of the staff-side organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet

from onewindow.common.recent import Recent
from onewindow.org.models import (
    DEPARTMENT_ROLES,
    SPANNING_ROLES,
    WINDOW_ORDER,
    Delegation,
    Department,
    DutyAssignment,
    Role,
    Site,
    Staff,
    StaffAbsence,
    Window,
    WindowPost,
)


@dataclass(frozen=True)
class Access:
    """What one user may see: the scope kind, their staff record and roles."""

    scope: str  # "all" | "subtree" | "site" | "department" | "none"
    staff: Staff | None
    roles: frozenset[str]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_staff_member(self) -> bool:
        return self.staff is not None or self.scope == "all"


_NO_ACCESS = Access(scope="none", staff=None, roles=frozenset({Role.APPLICANT}))


#: What this process read of the staff directory lately (common.recent: a recheck window).
_recent = Recent("ONEWINDOW_ACCESS_RECHECK_SECONDS")
_remembered = _recent.get


def access_cache_clear(**_signal) -> None:
    """Forget this process's recent reads of the directory, now and when the transaction commits;
    connected to saves and deletes of sites, users, staff and their roles in OrgConfig.ready."""
    _recent.clear()


def center_name() -> str:
    """The center's name for every page's header: ONEWINDOW_CENTER_NAME, else the top site's;
    remembered like access_for (at once in the process that renames a site)."""
    if settings.ONEWINDOW_CENTER_NAME:
        return settings.ONEWINDOW_CENTER_NAME

    def read() -> str:
        root = Site.objects.filter(parent__isnull=True).order_by("path").values_list("name", flat=True)
        return root.first() or "政务服务中心"

    return _remembered(("center",), read)


def role_holders_near(site: Site, role: str) -> list[Staff]:
    """The active staff with `role` at `site` or a site above it, nearest first (then by id),
    with their site and user; remembered like access_for."""

    def read() -> list[Staff]:
        holders = (
            Staff.objects.filter(is_active=True, role_rows__role=role, site__path__in=site.lineage_paths)
            .select_related("site", "user")
            .distinct()
        )
        return sorted(holders, key=lambda staff: (-len(staff.site.path), staff.pk))

    return _remembered(("role holders", site.pk, role), read)


def chief_representative_user_ids(department) -> list[int]:
    """The user ids of the department's active chief representatives (首席代表)."""
    return list(
        Staff.objects.filter(
            is_active=True, department=department, role_rows__role=Role.CHIEF_REPRESENTATIVE
        ).values_list("user_id", flat=True)
    )


def center_office_user_ids(site: Site) -> list[int]:
    """The user ids of the site's active center office (中心办公室)."""
    return list(
        Staff.objects.filter(is_active=True, role_rows__role=Role.CENTER_OFFICE, site=site).values_list(
            "user_id", flat=True
        )
    )


def access_for(user) -> Access:
    """The user's access, computed once per user object (a request keeps its user) and, across
    requests, remembered for ONEWINDOW_ACCESS_RECHECK_SECONDS: a role given or taken away in this
    process counts at once, in another process within that time; becoming (or ceasing to be) an
    administrator, at once everywhere."""
    if user is None or not user.is_authenticated:
        return _NO_ACCESS
    cached = getattr(user, "_onewindow_access", None)
    if cached is not None:
        return cached
    user._onewindow_access = _remembered(("access", user.pk, user.is_superuser), lambda: _access_read(user))
    return user._onewindow_access


def _access_read(user) -> Access:
    staff = (
        Staff.objects.select_related("site", "department", "user")
        .prefetch_related("role_rows")
        .filter(user=user, is_active=True)
        .first()
    )
    roles = frozenset(row.role for row in staff.role_rows.all()) if staff else frozenset()
    if user.is_superuser:
        access = Access(scope="all", staff=staff, roles=roles | {Role.ADMINISTRATOR})
    elif staff is None or not roles:
        access = Access(scope="none", staff=staff, roles=frozenset({Role.APPLICANT}))
    elif roles & SPANNING_ROLES:
        access = Access(scope="subtree", staff=staff, roles=roles)
    elif roles <= DEPARTMENT_ROLES and staff.department_id:
        access = Access(scope="department", staff=staff, roles=roles)
    else:
        access = Access(scope="site", staff=staff, roles=roles)
    return access


def site_visible_to(user) -> QuerySet[Site]:
    access = access_for(user)
    sites = Site.objects.select_related("parent")
    if access.scope == "all":
        return sites
    if access.scope == "subtree":
        return sites.filter(path__startswith=access.staff.site.path)
    if access.scope in ("site", "department"):
        return sites.filter(pk=access.staff.site_id)
    return sites.none()


def department_visible_to(user) -> QuerySet[Department]:
    access = access_for(user)
    departments = Department.objects.select_related("site")
    if access.scope == "department":
        return departments.filter(pk=access.staff.department_id)
    return departments.filter(site__in=site_visible_to(user))


def window_visible_to(user) -> QuerySet[Window]:
    access = access_for(user)
    windows = Window.objects.select_related("site").prefetch_related("departments")
    if access.scope == "department":
        return windows.filter(site_id=access.staff.site_id, departments=access.staff.department_id).distinct()
    return windows.filter(site__in=site_visible_to(user))


def staff_visible_to(user) -> QuerySet[Staff]:
    access = access_for(user)
    staff = Staff.objects.select_related("user", "site", "department").prefetch_related("role_rows")
    if access.scope == "department":
        return staff.filter(site_id=access.staff.site_id, department_id=access.staff.department_id)
    return staff.filter(site__in=site_visible_to(user))


def delegation_visible_to(user) -> QuerySet[Delegation]:
    return (
        Delegation.objects.select_related("chief_representative__user", "department__site")
        .prefetch_related("items")
        .filter(department__in=department_visible_to(user))
    )


def absence_visible_to(user) -> QuerySet[StaffAbsence]:
    return StaffAbsence.objects.select_related("staff__user").filter(staff__in=staff_visible_to(user))


def posts_open_on(*, windows, on_date: date) -> dict[tuple[int, str], WindowPost]:
    """(window id, post kind) → the post held on that date."""
    posts = WindowPost.objects.select_related("staff__user").filter(
        Q(active_to_date__isnull=True) | Q(active_to_date__gt=on_date),
        window__in=windows,
        active_from_date__lte=on_date,
    )
    return {(post.window_id, post.post): post for post in posts}


def absent_staff_ids(*, staff_ids, on_date: date) -> set[int]:
    return set(
        StaffAbsence.objects.filter(
            staff_id__in=staff_ids, start_date__lte=on_date, end_date__gt=on_date
        ).values_list("staff_id", flat=True)
    )


@dataclass(frozen=True)
class RosterRow:
    window: Window
    duty: DutyAssignment | None
    primary: WindowPost | None
    backup: WindowPost | None


def duty_roster(*, user, duty_date: date, site: Site | None = None) -> list[RosterRow]:
    """Every visible active window with who is on duty that day and its A/B holders."""
    windows = window_visible_to(user).filter(is_active=True)
    if site is not None:
        windows = windows.filter(site=site)
    windows = list(windows.order_by(*WINDOW_ORDER))
    duties = {
        duty.window_id: duty
        for duty in DutyAssignment.objects.select_related("staff__user", "staff__department").filter(
            window__in=windows, duty_date=duty_date
        )
    }
    posts = posts_open_on(windows=windows, on_date=duty_date)
    return [
        RosterRow(
            window=window,
            duty=duties.get(window.pk),
            primary=posts.get((window.pk, "A")),
            backup=posts.get((window.pk, "B")),
        )
        for window in windows
    ]


#: Who sits at a window besides its A/B holders. A handling window (承办窗口) belongs to its
#: departments: their window clerks and chief representatives (reviewers work behind the windows).
#: Every other kind is the hall's own (staff seconded by no department) in the role it calls for;
#: the departments such a window lists are the ones it serves, not who staffs it.
DEPARTMENT_WINDOW_ROLES = frozenset({Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE})
HALL_ROLE_FOR_WINDOW_KIND = {
    Window.Kind.COMPREHENSIVE: Role.WINDOW_CLERK,
    Window.Kind.RECEPTION: Role.WINDOW_CLERK,
    Window.Kind.CONSULTATION: Role.WINDOW_CLERK,
    Window.Kind.COMPLAINT: Role.WINDOW_CLERK,
    Window.Kind.ARCHIVE_LEGAL: Role.WINDOW_CLERK,
    Window.Kind.FEE: Role.FEE_CLERK,
    Window.Kind.GREEN_CHANNEL: Role.CASE_AGENT,
}


def duty_candidates(row: RosterRow, staff: list[Staff]) -> list[Staff]:
    """Who of `staff` (staff on hand that day, with `role_rows` prefetched) may sit at the row's
    window: anyone holding its A or B post, then by the window's kind (see DEPARTMENT_WINDOW_ROLES
    and HALL_ROLE_FOR_WINDOW_KIND), always at the window's site. Whoever is already on duty there
    stays listed. Pure: no queries (the row's window comes with its departments prefetched)."""
    window = row.window
    holder_ids = {post.staff_id for post in (row.primary, row.backup) if post is not None}
    if window.kind == Window.Kind.HANDLING:
        department_ids = {department.pk for department in window.departments.all()}

        def fits(member, roles):
            return member.department_id in department_ids and bool(roles & DEPARTMENT_WINDOW_ROLES)
    else:
        hall_role = HALL_ROLE_FOR_WINDOW_KIND.get(window.kind)

        def fits(member, roles):
            return member.department_id is None and hall_role in roles

    candidates = [
        member
        for member in staff
        if member.site_id == window.site_id
        and (member.pk in holder_ids or fits(member, {role_row.role for role_row in member.role_rows.all()}))
    ]
    if row.duty is not None and all(member.pk != row.duty.staff_id for member in candidates):
        candidates.insert(0, row.duty.staff)
    return candidates


def windows_without_duty(*, user, duty_date: date, site: Site | None = None) -> list[Window]:
    """Active visible windows nobody sits at on that day (空岗)."""
    windows = window_visible_to(user).filter(is_active=True).exclude(duties__duty_date=duty_date)
    if site is not None:
        windows = windows.filter(site=site)
    return list(windows.order_by(*WINDOW_ORDER))
