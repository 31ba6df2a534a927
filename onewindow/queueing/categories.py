"""Keeping the hall's service categories (业务类别): create and update a category with its windows,
departments and appointment capacity, and its per-slot capacity overrides (SlotCapacity).

Each command is one transaction and validates before saving: the prefix is one or two capital
letters, once per site; the windows and departments are the site's own; a category that has
tickets today keeps its prefix (the day's numbers would change letter half-way) and is not
switched off while tickets of it are waiting (nobody could call them). Raises QueueError.
"""

from __future__ import annotations

import re
from datetime import date, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from onewindow.common.middleware import has_control_characters
from onewindow.org.models import Department, Site, Window
from onewindow.queueing import broadcast, policy
from onewindow.queueing.models import Category, SlotCapacity, Ticket
from onewindow.queueing.services import QueueError, hall_periods

PREFIX_PATTERN = re.compile(r"^[A-Z]{1,2}$")
#: The most appointments one slot may take (a category's default or a slot's override).
CAPACITY_MAXIMUM = 999
SORT_ORDER_MAXIMUM = 9999


def slot_starts() -> list[time]:
    """The start of every appointment slot of the day (the hall's hours cut into slots)."""
    return [
        start
        for start, _end in policy.slots_of_day(hall_periods(), minutes=settings.ONEWINDOW_QUEUE_SLOT_MINUTES)
    ]


def _clean_text(value: str, *, label: str, maximum: int, required: bool) -> str:
    text = (value or "").strip()
    if has_control_characters(text):
        raise QueueError(_("%(label)s含有无效字符。") % {"label": label}, code="queue_bad_text")
    if required and not text:
        raise QueueError(_("请填写%(label)s。") % {"label": label}, code="queue_text_required")
    if len(text) > maximum:
        raise QueueError(
            _("%(label)s最多 %(maximum)s 个字。") % {"label": label, "maximum": maximum},
            code="queue_text_long",
        )
    return text


def _clean_number(value: int, *, label: str, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise QueueError(
            _("%(label)s须在 0 至 %(maximum)s 之间。") % {"label": label, "maximum": maximum},
            code="queue_bad_number",
        )
    return value


def _clean_prefix(value: str) -> str:
    prefix = (value or "").strip().upper()
    if not PREFIX_PATTERN.match(prefix):
        raise QueueError(_("号码字头应为一至两个大写字母（A–Z），如 A、GC。"), code="queue_bad_prefix")
    return prefix


def _check_site_rows(site: Site, windows: list[Window], departments: list[Department]) -> None:
    foreign = [window for window in windows if window.site_id != site.pk]
    if foreign:
        raise QueueError(
            _("%(window)s号窗口不属于%(site)s，只能选择本中心的窗口。")
            % {"window": foreign[0].number, "site": site.name},
            code="queue_foreign_window",
        )
    inactive = [window for window in windows if not window.is_active]
    if inactive:
        raise QueueError(
            _("%(window)s号窗口已停用。") % {"window": inactive[0].number}, code="queue_inactive_window"
        )
    if any(department.site_id != site.pk for department in departments):
        raise QueueError(_("只能选择本中心的进驻部门。"), code="queue_foreign_department")


def _prefix_taken_error(site: Site, prefix: str, holder: Category | None) -> QueueError:
    return QueueError(
        _("字头“%(prefix)s”在%(site)s已被“%(name)s”使用。")
        % {"prefix": prefix, "site": site.name, "name": holder.name if holder else prefix},
        code="queue_prefix_taken",
    )


def _check_prefix_free(site: Site, prefix: str, *, own: Category | None) -> None:
    holder = Category.objects.filter(site=site, prefix=prefix).exclude(pk=own.pk if own else None).first()
    if holder is not None:
        raise _prefix_taken_error(site, prefix, holder)


def _check_change(category: Category, *, prefix: str, is_active: bool, today: date) -> None:
    """A category in use today keeps its prefix, and is not switched off while tickets wait."""
    if (
        prefix != category.prefix
        and Ticket.objects.filter(issued_category=category, service_date=today).exists()
    ):
        raise QueueError(
            _("“%(name)s”今天已经发号，不能修改字头（明天起可改）。") % {"name": category.name},
            code="queue_prefix_in_use",
        )
    if not is_active and category.is_active:
        waiting = Ticket.objects.filter(
            category=category, service_date=today, status__in=(Ticket.Status.WAITING, Ticket.Status.CALLED)
        ).count()
        if waiting:
            raise QueueError(
                _("“%(name)s”还有 %(count)s 个号在等候或办理，请办结或转移后再停用。")
                % {"name": category.name, "count": waiting},
                code="queue_category_busy",
            )


def _save(
    category: Category,
    *,
    windows: list[Window],
    departments: list[Department],
    slot_capacities: dict[time, int | None] | None,
) -> Category:
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:  # another office took the prefix meanwhile
        raise _prefix_taken_error(category.site, category.prefix, None) from None
    category.windows.set(windows)
    category.departments.set(departments)
    if slot_capacities is not None:
        _slot_capacities_apply(category, slot_capacities)
    broadcast.after_commit_hall(category.site_id)
    return category


def category_create(
    *,
    site: Site,
    prefix: str,
    name: str,
    description: str = "",
    windows: list[Window],
    departments: list[Department],
    slot_capacity: int,
    sort_order: int = 100,
    is_active: bool = True,
    slot_capacities: dict[time, int | None] | None = None,
) -> Category:
    """A new category of `site`. Raises QueueError."""
    prefix = _clean_prefix(prefix)
    category = Category(
        site=site,
        prefix=prefix,
        name=_clean_text(name, label=_("业务类别名称"), maximum=40, required=True),
        description=_clean_text(description, label=_("说明"), maximum=200, required=False),
        slot_capacity=_clean_number(slot_capacity, label=_("每时段可预约数"), maximum=CAPACITY_MAXIMUM),
        sort_order=_clean_number(sort_order, label=_("排序"), maximum=SORT_ORDER_MAXIMUM),
        is_active=bool(is_active),
    )
    windows, departments = list(windows), list(departments)
    _check_site_rows(site, windows, departments)
    capacities = _clean_capacities(slot_capacities) if slot_capacities is not None else None
    with transaction.atomic():
        _check_prefix_free(site, prefix, own=None)
        return _save(category, windows=windows, departments=departments, slot_capacities=capacities)


def category_update(
    *,
    category: Category,
    prefix: str,
    name: str,
    description: str = "",
    windows: list[Window],
    departments: list[Department],
    slot_capacity: int,
    sort_order: int,
    is_active: bool,
    today: date,
    slot_capacities: dict[time, int | None] | None = None,
) -> Category:
    """Change a category (its site stays). Raises QueueError."""
    prefix = _clean_prefix(prefix)
    name = _clean_text(name, label=_("业务类别名称"), maximum=40, required=True)
    description = _clean_text(description, label=_("说明"), maximum=200, required=False)
    slot_capacity = _clean_number(slot_capacity, label=_("每时段可预约数"), maximum=CAPACITY_MAXIMUM)
    sort_order = _clean_number(sort_order, label=_("排序"), maximum=SORT_ORDER_MAXIMUM)
    windows, departments = list(windows), list(departments)
    _check_site_rows(category.site, windows, departments)
    capacities = _clean_capacities(slot_capacities) if slot_capacities is not None else None
    with transaction.atomic():
        locked = Category.objects.select_for_update().select_related("site").get(pk=category.pk)
        _check_change(locked, prefix=prefix, is_active=bool(is_active), today=today)
        _check_prefix_free(locked.site, prefix, own=locked)
        locked.prefix = prefix
        locked.name = name
        locked.description = description
        locked.slot_capacity = slot_capacity
        locked.sort_order = sort_order
        locked.is_active = bool(is_active)
        return _save(locked, windows=windows, departments=departments, slot_capacities=capacities)


def _clean_capacities(capacities: dict[time, int | None]) -> dict[time, int | None]:
    starts = set(slot_starts())
    for start, capacity in capacities.items():
        if start not in starts:
            raise QueueError(
                _("没有 %(time)s 开始的预约时段。") % {"time": start.strftime("%H:%M")}, code="queue_bad_slot"
            )
        if capacity is not None:
            _clean_number(
                capacity,
                label=_("%(time)s 时段可预约数") % {"time": start.strftime("%H:%M")},
                maximum=CAPACITY_MAXIMUM,
            )
    return capacities


def _slot_capacities_apply(category: Category, capacities: dict[time, int | None]) -> None:
    """Overrides equal to the category's default are not kept (they would hide a later change
    of the default)."""
    existing = {row.slot_start: row for row in SlotCapacity.objects.filter(category=category)}
    for start, capacity in capacities.items():
        row = existing.get(start)
        if capacity is None or capacity == category.slot_capacity:
            if row is not None:
                row.delete()
        elif row is None:
            SlotCapacity.objects.create(category=category, slot_start=start, capacity=capacity)
        elif row.capacity != capacity:
            row.capacity = capacity
            row.save(update_fields=["capacity"])


def slot_capacities_set(*, category: Category, capacities: dict[time, int | None]) -> None:
    """Set the capacity of the given slots (None: back to the category's default). Raises
    QueueError."""
    capacities = _clean_capacities(capacities)
    with transaction.atomic():
        locked = Category.objects.select_for_update().get(pk=category.pk)
        _slot_capacities_apply(locked, capacities)
        broadcast.after_commit_hall(locked.site_id)
