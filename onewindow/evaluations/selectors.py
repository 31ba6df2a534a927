"""Reading 好差评: what each person may see of ratings, rectifications and appeals, the lights of a
rectification's deadline, the satisfaction figures (scale.Satisfaction) by department and month,
and what the window's tablet shows when idle (who is on duty)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from onewindow.cases.services.handling import warning_days
from onewindow.common.parsing import parse_id
from onewindow.evaluations.models import Appeal, Channel, Rating, Rectification, Service
from onewindow.evaluations.scale import Satisfaction
from onewindow.org.models import Department, DutyAssignment, PostKind, Role, Site, Staff, Window, WindowPost
from onewindow.org.selectors import access_for

#: Roles that handle ratings and see the raters' contact details whole, in lists too.
HANDLING_ROLES = (Role.CENTER_OFFICE, Role.SUPERVISION_SECTION, Role.ADMINISTRATOR)
#: Roles that see a site's ratings (read), besides the handlers.
READING_ROLES = (*HANDLING_ROLES, Role.BUSINESS_SECTION)
#: How long the public satisfaction figures (page and API) are served from the cache.
SATISFACTION_CACHE_SECONDS = 60


def _scope(queryset: QuerySet, user, *, site_field: str = "site", department_field: str = "department"):
    """Ratings and their work at the user's reach: the whole subtree for the office, supervision
    and business sections; the own department for its chief representative and reviewers; the
    own ratings for a window clerk."""
    access = access_for(user)
    if access.scope == "all":
        return queryset
    staff = access.staff
    if staff is None:
        return queryset.none()
    if access.has_role(*READING_ROLES):
        return queryset.filter(**{f"{site_field}__path__startswith": staff.site.path})
    if access.has_role(Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER) and staff.department_id:
        return queryset.filter(**{department_field: staff.department_id})
    if queryset.model is Rating:
        return queryset.filter(staff=staff)
    return queryset.none()


def ratings_visible_to(user) -> QuerySet[Rating]:
    return _scope(Rating.objects.all(), user)


def rectifications_visible_to(user) -> QuerySet[Rectification]:
    return _scope(Rectification.objects.all(), user)


def appeals_visible_to(user) -> QuerySet[Appeal]:
    return _scope(
        Appeal.objects.all(), user, site_field="rating__site", department_field="rating__department"
    )


def filtered_ratings(
    ratings: QuerySet[Rating],
    *,
    bad: str = "",
    department: str = "",
    channel: str = "",
    first: date | None = None,
    last: date | None = None,
) -> QuerySet[Rating]:
    """The office's and the API's filters; a bad value is a ValidationError (400), never a 500."""
    if bad in ("1", "true", "True"):
        ratings = ratings.filter(is_bad=True)
    if department:
        department_id = parse_id(department)
        if department_id is None:
            raise ValidationError({"department": _("部门编号无效。")})
        ratings = ratings.filter(department_id=department_id)
    if channel:
        if channel not in Channel.values:
            raise ValidationError({"channel": _("评价渠道无效。")})
        ratings = ratings.filter(channel=channel)
    if first:
        ratings = ratings.filter(rated_date__gte=first)
    if last:
        ratings = ratings.filter(rated_date__lte=last)
    return ratings


def site_by_id(value) -> Site | None:
    site_id = parse_id(value)
    return Site.objects.filter(pk=site_id, is_active=True).first() if site_id else None


def handles_raters(user) -> bool:
    """Whether the user sees raters' names and phones whole in lists and exports: those who handle
    ratings (the office, the supervision section, administrators). Everyone else sees them
    masked; the department that answers for a bad review sees its rater whole only on the
    rectification's page, where it must call them."""
    access = access_for(user)
    return access.scope == "all" or access.has_role(*HANDLING_ROLES)


def rectification_light(rectification: Rectification, *, today: date) -> str:
    """green, yellow (due within the warning days) or red (past due) while the department still
    owes its rectification; grey once reported."""
    if rectification.status != Rectification.Status.OPEN:
        return "grey"
    if rectification.due_date < today:
        return "red"
    if (rectification.due_date - today).days < warning_days() + 1:
        return "yellow"
    return "green"


def counted(ratings: QuerySet[Rating]) -> QuerySet[Rating]:
    """The ratings the figures count: each service or case once by its current word, appeals
    upheld left out."""
    return ratings.filter(is_current=True, counted=True)


def satisfaction_of(ratings: QuerySet[Rating]) -> Satisfaction:
    row = counted(ratings).aggregate(total=Count("id"), bad=Count("id", filter=Q(is_bad=True)))
    return Satisfaction(total=row["total"], bad=row["bad"])


def monthly_satisfaction(*, site: Site | None, first: date, last: date) -> list[dict]:
    """Each department's satisfaction per month from `first` to `last` (inclusive), the center's
    own windows as one row without a department: [{department, month, satisfaction}], by month
    then department order."""
    ratings = counted(Rating.objects.filter(rated_date__gte=first, rated_date__lte=last))
    if site is not None:
        ratings = ratings.filter(site__path__startswith=site.path)
    rows = (
        ratings.annotate(month=TruncMonth("rated_date"))
        .values("month", "department_id")
        .annotate(total=Count("id"), bad=Count("id", filter=Q(is_bad=True)))
        .order_by("month", "department_id")
    )
    names = dict(Department.objects.values_list("pk", "name"))
    return [
        {
            "month": row["month"],
            "department_id": row["department_id"],
            "department": names.get(row["department_id"], "") if row["department_id"] else "",
            "satisfaction": Satisfaction(total=row["total"], bad=row["bad"]),
        }
        for row in rows
    ]


def window_for_tablet(*, site: Site, number: str) -> Window | None:
    return Window.objects.filter(site=site, number=number, is_active=True).select_related("site").first()


def on_duty(window: Window, *, on_date: date) -> Staff | None:
    """Who sits at the window today (the duty roster), else the window's A post (a day the
    roster has not reached, such as a weekend's overtime)."""
    duty = (
        DutyAssignment.objects.filter(window=window, duty_date=on_date)
        .select_related("staff__user", "staff__department")
        .first()
    )
    if duty is not None:
        return duty.staff
    post = (
        WindowPost.objects.filter(window=window, post=PostKind.PRIMARY, active_from_date__lte=on_date)
        .filter(Q(active_to_date__isnull=True) | Q(active_to_date__gt=on_date))
        .select_related("staff__user", "staff__department")
        .first()
    )
    return post.staff if post else None


def top_site() -> Site | None:
    """The site a tablet serves when its address names none: the highest active one."""
    return Site.objects.filter(is_active=True).order_by("level", "path").first()


def tablet_windows_of(user) -> QuerySet[Window]:
    """The windows whose tablet links the user may hand out: a center office's active windows at
    its site and below (anyone else: none)."""
    access = access_for(user)
    staff = access.staff
    if staff is None or not access.has_role(Role.CENTER_OFFICE):
        return Window.objects.none()
    return (
        Window.objects.filter(site__path__startswith=staff.site.path, site__is_active=True, is_active=True)
        .select_related("site")
        .order_by("site__path", "number")
    )


def staff_sitting_at_windows(*, on_date: date) -> QuerySet[Staff]:
    """The staff whose photo the public may see (it hangs at the window anyway): those who hold a
    window's A or B post on `on_date`, sit at a window that day by the roster, or have a service
    waiting at a window's tablet. The office, the sections and the departments' back rooms not."""
    posts = WindowPost.objects.filter(staff=OuterRef("pk"), active_from_date__lte=on_date).filter(
        Q(active_to_date__isnull=True) | Q(active_to_date__gt=on_date)
    )
    duties = DutyAssignment.objects.filter(staff=OuterRef("pk"), duty_date=on_date)
    waiting = Service.objects.filter(staff=OuterRef("pk"), status=Service.Status.WAITING)
    return Staff.objects.filter(is_active=True).filter(Exists(posts) | Exists(duties) | Exists(waiting))
