"""排队叫号: the hall's service categories, the day's tickets (A001 …), appointments and their
check-in, the calls at each window and the windows' state.

A ticket's number is gap-free per category and day (`TicketCounter`, taken in the ticket's own
transaction); the order of service is `lane, sort_key, id` (queueing/policy.py). Every call of a
ticket at a window is a `Call` row: its wait and service seconds are what the KPIs add up, so the
figures never re-derive history from a ticket's current state.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case
from onewindow.org.models import Department, Site, Staff, Window


class PriorityGroup(models.TextChoices):
    ELDERLY = "ELDERLY", _("60岁及以上老年人")
    PREGNANT = "PREGNANT", _("孕妇")
    DISABLED = "DISABLED", _("残疾人")
    SERVICEMAN = "SERVICEMAN", _("现役军人")
    GREEN_CHANNEL = "GREEN_CHANNEL", _("重大项目绿色通道")


class Category(models.Model):
    """A service category at the kiosk (业务类别): served by the windows chosen here, with the prefix
    letter of its tickets; `slot_capacity` appointments per slot (0: no appointments)."""

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(_("号码字头"), max_length=2, help_text=_("一至两个大写字母，如 A、B、GC"))
    name = models.CharField(_("业务类别"), max_length=40)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    windows = models.ManyToManyField(Window, verbose_name=_("服务窗口"), related_name="+", blank=True)
    departments = models.ManyToManyField(Department, verbose_name=_("相关部门"), related_name="+", blank=True)
    slot_capacity = models.PositiveSmallIntegerField(_("每时段可预约数"), default=4)
    is_at_kiosk = models.BooleanField(
        _("取号机可取"), default=True, help_text=_("绿色通道等由工作人员发号的类别不在取号机上显示")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("业务类别")
        verbose_name_plural = _("业务类别")
        ordering = ["site", "sort_order", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["site", "prefix"], name="queue_category_prefix_per_site"),
            models.CheckConstraint(
                condition=Q(prefix__regex=r"^[A-Z]{1,2}$"), name="queue_category_prefix_letters"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"


class SlotCapacity(models.Model):
    """A category's capacity for one slot of every day, where it differs from `slot_capacity`
    (fewer at lunch time, more on Monday morning is not modelled: the slot is a time of day)."""

    category = models.ForeignKey(
        Category, verbose_name=_("业务类别"), on_delete=models.CASCADE, related_name="slot_capacities"
    )
    slot_start = models.TimeField(_("时段开始"))
    capacity = models.PositiveSmallIntegerField(_("可预约数"))

    class Meta:
        verbose_name = _("时段容量")
        verbose_name_plural = _("时段容量")
        constraints = [
            models.UniqueConstraint(fields=["category", "slot_start"], name="queue_slot_capacity_once"),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.slot_start:%H:%M} × {self.capacity}"


class TicketCounter(models.Model):
    """The last number given in a category on a day: taken by one upsert in the ticket's
    transaction, so numbers are gap-free and never given twice."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "service_date"], name="queue_counter_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id}@{self.service_date}: {self.last_number}"


class Ticket(models.Model):
    class Status(models.TextChoices):
        WAITING = "WAITING", _("等候中")
        CALLED = "CALLED", _("办理中")
        FINISHED = "FINISHED", _("已办结")
        NO_SHOW = "NO_SHOW", _("过号未到")
        EXPIRED = "EXPIRED", _("闭厅未办理")

    class Source(models.TextChoices):
        KIOSK = "KIOSK", _("取号机")
        APPOINTMENT = "APPOINTMENT", _("预约签到")
        STAFF = "STAFF", _("工作人员代取")
        API = "API", _("接口")

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        Category, verbose_name=_("业务类别"), on_delete=models.PROTECT, related_name="+"
    )
    issued_category = models.ForeignKey(
        Category,
        verbose_name=_("取号类别"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("号码所属的类别；转移后 category 变化，号码不变"),
    )
    service_date = models.DateField(_("取号日期"))
    number = models.PositiveIntegerField(_("序号"))
    code = models.CharField(_("号码"), max_length=10)
    token = models.CharField(max_length=32, unique=True, editable=False)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    priority_group = models.CharField(_("优先类别"), max_length=16, choices=PriorityGroup.choices, blank=True)
    lane = models.PositiveSmallIntegerField(_("队列"))
    sort_key = models.BigIntegerField(_("排序键"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices)
    applicant_name = models.CharField(_("姓名"), max_length=100, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=18, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    issued_at = models.DateTimeField(_("取号时间"))
    queued_at = models.DateTimeField(_("入队时间"), help_text=_("取号、过号重排或转移的时间"))
    first_called_at = models.DateTimeField(_("首次叫号时间"), null=True, blank=True)
    called_at = models.DateTimeField(_("叫号时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    window = models.ForeignKey(
        Window, verbose_name=_("办理窗口"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("办理人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_window = models.ForeignKey(
        Window,
        verbose_name=_("指定窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("转移到指定窗口时，只由该窗口叫号"),
    )
    skip_count = models.PositiveSmallIntegerField(_("过号次数"), default=0)
    alerted_at = models.DateTimeField(_("超时提醒时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代取人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cases = models.ManyToManyField(Case, through="TicketCase", related_name="+", verbose_name=_("办件"))

    class Meta:
        verbose_name = _("排队号")
        verbose_name_plural = _("排队号")
        constraints = [
            models.UniqueConstraint(
                fields=["issued_category", "service_date", "number"], name="queue_ticket_number_per_day"
            ),
        ]
        indexes = [
            # Call-next and "N ahead": only the waiting tickets, in the order of service.
            models.Index(
                fields=["category", "service_date", "lane", "sort_key", "id"],
                condition=Q(status="WAITING"),
                name="queue_ticket_waiting",
            ),
            models.Index(fields=["site", "service_date", "status"], name="queue_ticket_site_day"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.service_date}"


class TicketCase(models.Model):
    """A case made for a ticket: the link the clerk confirms on finishing the service."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="case_links")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("排队号关联办件")
        verbose_name_plural = _("排队号关联办件")

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.case_id}"


class Call(models.Model):
    """One call of a ticket at a window, until it ends (finished, skipped or transferred): the
    KPIs' row. Wait = called − queued; service = ended − called."""

    class Outcome(models.TextChoices):
        SERVING = "SERVING", _("办理中")
        FINISHED = "FINISHED", _("办结")
        SKIPPED = "SKIPPED", _("过号")
        TRANSFERRED = "TRANSFERRED", _("转移")

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("排队号"), on_delete=models.CASCADE, related_name="calls"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        Category, verbose_name=_("业务类别"), on_delete=models.PROTECT, related_name="+"
    )
    window = models.ForeignKey(Window, verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField(_("日期"))
    called_at = models.DateTimeField(_("叫号时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=12, choices=Outcome.choices)
    recall_count = models.PositiveSmallIntegerField(_("重呼次数"), default=0)
    wait_seconds = models.PositiveIntegerField(_("等候秒数"))
    service_seconds = models.PositiveIntegerField(_("办理秒数"), null=True, blank=True)

    class Meta:
        verbose_name = _("叫号记录")
        verbose_name_plural = _("叫号记录")
        indexes = [
            models.Index(fields=["site", "service_date", "called_at"], name="queue_call_site_day"),
        ]
        constraints = [
            # A window serves one ticket at a time.
            models.UniqueConstraint(
                fields=["window"], condition=Q(outcome="SERVING"), name="queue_call_one_open_per_window"
            ),
            models.UniqueConstraint(
                fields=["ticket"], condition=Q(outcome="SERVING"), name="queue_call_one_open_per_ticket"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}@{self.window_id} {self.called_at:%H:%M:%S}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "BOOKED", _("已预约")
        CHECKED_IN = "CHECKED_IN", _("已签到")
        CANCELLED = "CANCELLED", _("已取消")
        NO_SHOW = "NO_SHOW", _("爽约")

    class Channel(models.TextChoices):
        PORTAL = "PORTAL", _("网上预约")
        API = "API", _("接口")
        STAFF = "STAFF", _("工作人员代约")

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        Category, verbose_name=_("业务类别"), on_delete=models.PROTECT, related_name="+"
    )
    service_date = models.DateField(_("预约日期"))
    slot_start = models.TimeField(_("时段开始"))
    slot_end = models.TimeField(_("时段结束"))
    applicant_name = models.CharField(_("姓名"), max_length=100)
    id_number = models.CharField(_("身份证号码"), max_length=18)
    phone = models.CharField(_("手机号码"), max_length=20)
    code = models.CharField(_("预约码"), max_length=8)
    token = models.CharField(max_length=32, unique=True, editable=False)
    channel = models.CharField(_("预约渠道"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("预约账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    booked_at = models.DateTimeField(_("预约时间"))
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    ticket = models.OneToOneField(
        Ticket,
        verbose_name=_("排队号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointment",
    )

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "service_date", "code"], name="queue_appointment_code_per_day"
            ),
            # One live booking per person, category and day.
            models.UniqueConstraint(
                fields=["category", "service_date", "id_number"],
                condition=Q(status="BOOKED"),
                name="queue_appointment_one_per_person",
            ),
        ]
        indexes = [
            models.Index(fields=["category", "service_date", "slot_start"], name="queue_appointment_slot"),
            models.Index(fields=["id_number", "status"], name="queue_appointment_person"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.service_date} {self.slot_start:%H:%M}"


class WindowState(models.Model):
    """A window's queue state: paused or not (暂停服务). Created on the window's first call."""

    window = models.OneToOneField(Window, on_delete=models.CASCADE, related_name="+")
    is_paused = models.BooleanField(_("暂停服务"), default=False)
    pause_reason = models.CharField(_("暂停原因"), max_length=60, blank=True)
    changed_at = models.DateTimeField(_("变更时间"))

    class Meta:
        verbose_name = _("窗口叫号状态")
        verbose_name_plural = _("窗口叫号状态")

    def __str__(self) -> str:
        return f"{self.window_id}: {'paused' if self.is_paused else 'open'}"
