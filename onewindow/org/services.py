"""Writing the organisation. Keyword-only, one transaction each, validating before saving."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from onewindow.common.api import DomainError
from onewindow.common.identifiers import InvalidIdentifier, normalize_credit_code
from onewindow.org import selectors
from onewindow.org.models import (
    DEPARTMENT_ROLES,
    Delegation,
    DelegationItem,
    Department,
    DutyAssignment,
    PostKind,
    Role,
    Site,
    Staff,
    StaffAbsence,
    StaffRole,
    Window,
    WindowPost,
)
from onewindow.workcalendar.arithmetic import DateOutOfRange, WorkingCalendar


class OrgError(DomainError):
    code = "org_invalid"


#: Which kind of site may sit under which (None: a top-level center).
_ALLOWED_PARENT_KINDS = {
    Site.Kind.CENTER: {None, Site.Kind.CENTER},
    Site.Kind.BRANCH: {Site.Kind.CENTER},
    Site.Kind.TOWNSHIP: {Site.Kind.CENTER},
    Site.Kind.VILLAGE: {Site.Kind.TOWNSHIP},
}


def _field_error(field_name: str, message: str) -> ValidationError:
    return ValidationError({field_name: [message]})


# Sites --------------------------------------------------------------------------------------


def _site_validate(*, kind: str, level: int, parent: Site | None) -> None:
    parent_kind = parent.kind if parent else None
    if parent_kind not in _ALLOWED_PARENT_KINDS[kind]:
        raise _field_error(
            "parent",
            _("「%(kind)s」不能设在「%(parent)s」之下。")
            % {
                "kind": Site.Kind(kind).label,
                "parent": Site.Kind(parent_kind).label if parent_kind else _("顶级"),
            },
        )
    if parent is not None and level < parent.level:
        raise _field_error(
            "level", _("下级站点的层级不能高于上级（%(parent)s）。") % {"parent": parent.get_level_display()}
        )


@transaction.atomic
def site_create(
    *, name: str, code: str, kind: str, level: int, parent: Site | None = None, **details
) -> Site:
    """Create a site under `parent`. Raises ValidationError for a wrong parent kind or level."""
    _site_validate(kind=kind, level=level, parent=parent)
    site = Site(name=name, code=code, kind=kind, level=level, parent=parent, path="/pending/", **details)
    site.full_clean(exclude=["path"])
    site.save()
    site.path = f"{parent.path if parent else '/'}{site.pk}/"
    site.save(update_fields=["path"])
    return site


@transaction.atomic
def site_update(*, site: Site, **changes) -> Site:
    """Change a site's details (not its place in the tree)."""
    for name, value in changes.items():
        setattr(site, name, value)
    _site_validate(kind=site.kind, level=site.level, parent=site.parent)
    site.full_clean(exclude=["path"])
    site.save()
    return site


# Departments and windows -------------------------------------------------------------------------


def _normalized_credit_code(value: str) -> str:
    try:
        return normalize_credit_code(value)
    except InvalidIdentifier as error:
        raise _field_error("credit_code", str(error)) from None


@transaction.atomic
def department_save(
    *, department: Department | None = None, site: Site, name: str, credit_code: str, **details
) -> Department:
    """Create (department=None) or update a resident department; the credit code is checksum-validated."""
    department = department or Department()
    department.site = site
    department.name = (name or "").strip()
    department.credit_code = _normalized_credit_code(credit_code)
    for key, value in details.items():
        setattr(department, key, value)
    department.full_clean()
    department.save()
    return department


@transaction.atomic
def window_save(
    *,
    window: Window | None = None,
    site: Site,
    number: str,
    name: str,
    kind: str,
    departments: Iterable[Department] = (),
    zone: str = "",
    is_active: bool = True,
) -> Window:
    """Create or update a window. Its departments must be resident at the same site."""
    departments = list(departments)
    foreign = [department.name for department in departments if department.site_id != site.pk]
    if foreign:
        raise _field_error("departments", _("以下部门不在本中心：%(names)s") % {"names": "、".join(foreign)})
    if window is not None and window.pk and window.site_id != site.pk:
        raise _field_error("site", _("窗口不能调到其他中心；请在该中心新建窗口。"))
    window = window or Window()
    window.site, window.number, window.name, window.kind = (
        site,
        (number or "").strip(),
        (name or "").strip(),
        kind,
    )
    window.zone, window.is_active = zone, is_active
    window.full_clean()
    window.save()
    window.departments.set(departments)
    return window


# Staff -------------------------------------------------------------------------------------


def _staff_validate(*, site: Site, department: Department | None, roles: set[str]) -> None:
    unknown = roles - set(Role.values)
    if unknown or Role.APPLICANT in roles:
        raise _field_error(
            "roles", _("无效的角色：%(roles)s") % {"roles": "、".join(sorted(unknown or {Role.APPLICANT}))}
        )
    if not roles:
        raise _field_error("roles", _("请至少选择一个角色。"))
    if department is not None and department.site_id != site.pk:
        raise _field_error("department", _("所属部门必须是本中心的进驻部门。"))
    if roles & DEPARTMENT_ROLES and department is None:
        raise _field_error("department", _("首席代表和部门审核人员必须指定所属部门。"))


@transaction.atomic
def staff_create(
    *,
    username: str,
    full_name: str,
    password: str,
    site: Site,
    employee_number: str,
    roles: Iterable[str],
    department: Department | None = None,
    title: str = "",
    phone: str = "",
    photo=None,
) -> Staff:
    """Create a login and its staff record with roles. Raises ValidationError (nothing saved)."""
    roles = set(roles)
    _staff_validate(site=site, department=department, roles=roles)
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise _field_error("username", _("登录名「%(username)s」已被使用。") % {"username": username})
    user = user_model(username=username, full_name=full_name, phone=phone)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    staff = Staff(user=user, site=site, department=department, employee_number=employee_number, title=title)
    if photo:
        staff.photo = photo
    staff.full_clean()
    staff.save()
    StaffRole.objects.bulk_create([StaffRole(staff=staff, role=role) for role in sorted(roles)])
    return staff


@transaction.atomic
def staff_update(
    *,
    staff: Staff,
    full_name: str,
    site: Site,
    roles: Iterable[str],
    department: Department | None = None,
    title: str = "",
    phone: str = "",
    is_active: bool = True,
    photo=None,
) -> Staff:
    """Change a staff record; `photo` replaces the photo when given (None keeps it)."""
    roles = set(roles)
    _staff_validate(site=site, department=department, roles=roles)
    if site.pk != staff.site_id and staff.posts.filter(active_to_date__isnull=True).exists():
        raise _field_error(
            "site",
            _("%(name)s 仍担任窗口AB岗，请先在窗口页面安排接替人员，再调动中心。") % {"name": staff.name},
        )
    staff.user.full_name, staff.user.phone = full_name, phone
    staff.user.full_clean(exclude=["password"])
    staff.user.save(update_fields=["full_name", "phone"])
    staff.site, staff.department, staff.title, staff.is_active = site, department, title, is_active
    if photo:
        staff.photo = photo
    staff.full_clean()
    staff.save()
    StaffRole.objects.filter(staff=staff).exclude(role__in=roles).delete()
    StaffRole.objects.bulk_create(
        [StaffRole(staff=staff, role=role) for role in sorted(roles)], ignore_conflicts=True
    )
    return staff


# Delegations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DelegatedItem:
    item_code: str
    item_name: str
    may_decide_on_the_spot: bool = True


@transaction.atomic
def delegation_create(
    *,
    chief_representative: Staff,
    letter_number: str,
    signed_by: str,
    valid_from_date: date,
    items: Iterable[DelegatedItem],
    valid_to_date: date | None = None,
    scope_note: str = "",
) -> Delegation:
    """Record a chief representative's delegation letter with the items he may decide."""
    items = list(items)
    roles = set(chief_representative.role_rows.values_list("role", flat=True))
    if Role.CHIEF_REPRESENTATIVE not in roles:
        raise _field_error(
            "chief_representative", _("%(name)s 不是首席代表。") % {"name": chief_representative.name}
        )
    if not items:
        raise _field_error("items", _("授权书至少列明一个事项。"))
    codes = [item.item_code.strip() for item in items]
    if any(not code for code in codes) or len(set(codes)) != len(codes):
        raise _field_error("items", _("事项编码不能为空，也不能重复。"))
    delegation = Delegation(
        chief_representative=chief_representative,
        department=chief_representative.department,
        letter_number=letter_number,
        signed_by=signed_by,
        valid_from_date=valid_from_date,
        valid_to_date=valid_to_date,
        scope_note=scope_note,
    )
    if valid_to_date is not None and valid_to_date <= valid_from_date:
        raise _field_error("valid_to_date", _("失效日期必须晚于生效日期。"))
    delegation.full_clean()
    delegation.save()
    DelegationItem.objects.bulk_create(
        [
            DelegationItem(
                delegation=delegation,
                item_code=item.item_code.strip(),
                item_name=item.item_name.strip(),
                may_decide_on_the_spot=item.may_decide_on_the_spot,
            )
            for item in items
        ]
    )
    return delegation


# A/B posts and absences -------------------------------------------------------------------------


@transaction.atomic
def window_post_assign(*, window: Window, post: str, staff: Staff, from_date: date) -> WindowPost:
    """Give the A or B post of a window to `staff` from a date; the previous holder's post ends then."""
    if post not in PostKind.values:
        raise _field_error("post", _("岗位只能是 A岗 或 B岗。"))
    if staff.site_id != window.site_id:
        raise _field_error("staff", _("%(name)s 不在该窗口所在中心工作。") % {"name": staff.name})
    Window.objects.select_for_update().get(pk=window.pk)  # one office at a time changes a window's posts
    locked = list(WindowPost.objects.filter(window=window, active_to_date__isnull=True))
    other = next((p for p in locked if p.post != post and p.staff_id == staff.pk), None)
    if other is not None:
        raise _field_error(
            "staff",
            _("%(name)s 已是该窗口的%(post)s，A岗与B岗不能是同一人。")
            % {"name": staff.name, "post": other.get_post_display()},
        )
    current = next((p for p in locked if p.post == post), None)
    if current is not None:
        if current.staff_id == staff.pk:
            return current
        if from_date <= current.active_from_date:
            raise _field_error(
                "from_date",
                _("起始日期须晚于现任人员的起始日期 %(date)s。")
                % {"date": current.active_from_date.isoformat()},
            )
        current.active_to_date = from_date
        current.save(update_fields=["active_to_date"])
    return WindowPost.objects.create(window=window, post=post, staff=staff, active_from_date=from_date)


@transaction.atomic
def staff_absence_record(
    *, staff: Staff, kind: str, start_date: date, end_date: date, note: str = ""
) -> StaffAbsence:
    """Record an absence over [start_date, end_date). Duty already assigned in it is not touched."""
    absence = StaffAbsence(staff=staff, kind=kind, start_date=start_date, end_date=end_date, note=note)
    if end_date <= start_date:
        raise _field_error("end_date", _("结束日期必须晚于开始日期（结束日期当天不含在内）。"))
    absence.full_clean()
    absence.save()
    return absence


# Duty roster --------------------------------------------------------------------------------------


@dataclass
class RosterResult:
    created: list[DutyAssignment] = field(default_factory=list)
    gaps: list[Window] = field(default_factory=list)


class NotAWorkingDay(OrgError):
    code = "not_a_working_day"


def _require_working_day(*, duty_date: date, calendar: WorkingCalendar) -> None:
    try:
        is_working_day = calendar.is_working_day(duty_date)
    except DateOutOfRange as error:
        raise OrgError(str(error), code="date_out_of_range") from None
    if not is_working_day:
        raise NotAWorkingDay(
            _("%(date)s 不是工作日，大厅不办公，无需排班。") % {"date": duty_date.isoformat()}
        )


@transaction.atomic
def duty_roster_generate(
    *, site: Site, duty_date: date, actor, at: datetime, calendar: WorkingCalendar
) -> RosterResult:
    """Fill the day's roster of a site from the A/B posts: the A holder, or the B holder when A is
    absent or already elsewhere; a window with neither is a gap. Windows already assigned stay."""
    _require_working_day(duty_date=duty_date, calendar=calendar)
    windows = list(
        Window.objects.select_for_update()
        .filter(site=site, is_active=True)
        .order_by(Length("number"), "number")
    )
    taken_windows = set(
        DutyAssignment.objects.filter(window__in=windows, duty_date=duty_date).values_list(
            "window_id", flat=True
        )
    )
    busy_staff = set(DutyAssignment.objects.filter(duty_date=duty_date).values_list("staff_id", flat=True))
    posts = selectors.posts_open_on(windows=windows, on_date=duty_date)
    absent = selectors.absent_staff_ids(
        staff_ids=[post.staff_id for post in posts.values()], on_date=duty_date
    )
    result = RosterResult()
    for window in windows:
        if window.pk in taken_windows:
            continue
        for kind, source in (("A", DutyAssignment.Source.PRIMARY), ("B", DutyAssignment.Source.BACKUP)):
            post = posts.get((window.pk, kind))
            if (
                post
                and post.staff.is_active
                and post.staff_id not in absent
                and post.staff_id not in busy_staff
            ):
                duty = DutyAssignment.objects.create(
                    window=window,
                    duty_date=duty_date,
                    staff=post.staff,
                    source=source,
                    assigned_by=actor,
                    assigned_at=at,
                )
                busy_staff.add(post.staff_id)
                result.created.append(duty)
                break
        else:
            result.gaps.append(window)
    return result


@transaction.atomic
def duty_assign(
    *, window: Window, duty_date: date, staff: Staff, actor, at: datetime, calendar: WorkingCalendar
) -> DutyAssignment:
    """Put `staff` on duty at `window` for the day, replacing whoever was assigned there."""
    _require_working_day(duty_date=duty_date, calendar=calendar)
    Window.objects.select_for_update().get(pk=window.pk)
    if staff.site_id != window.site_id:
        raise OrgError(_("%(name)s 不在该窗口所在中心工作。") % {"name": staff.name})
    if not staff.is_active:
        raise OrgError(_("%(name)s 已不在岗。") % {"name": staff.name})
    if selectors.absent_staff_ids(staff_ids=[staff.pk], on_date=duty_date):
        raise OrgError(_("%(name)s 当天请假或外出，不能安排值班。") % {"name": staff.name})
    elsewhere = (
        DutyAssignment.objects.filter(staff=staff, duty_date=duty_date)
        .exclude(window=window)
        .select_related("window")
        .first()
    )
    if elsewhere is not None:
        raise OrgError(
            _("%(name)s 当天已在%(window)s值班。") % {"name": staff.name, "window": elsewhere.window}
        )
    DutyAssignment.objects.filter(window=window, duty_date=duty_date).exclude(staff=staff).delete()
    try:
        with transaction.atomic():
            duty, _created = DutyAssignment.objects.update_or_create(
                window=window,
                duty_date=duty_date,
                defaults={
                    "staff": staff,
                    "source": DutyAssignment.Source.ASSIGNED,
                    "assigned_by": actor,
                    "assigned_at": at,
                },
            )
    except IntegrityError:
        raise OrgError(_("排班刚被他人修改，请刷新后重试。")) from None
    return duty


@transaction.atomic
def duty_unassign(*, window: Window, duty_date: date) -> None:
    deleted, _rows = DutyAssignment.objects.filter(window=window, duty_date=duty_date).delete()
    if not deleted:
        raise OrgError(_("该窗口当天没有排班。"))
