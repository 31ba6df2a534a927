"""Complaints (投诉, GB/T 36113): registered by the supervision section (phone, letter, e-mail, in
person, a 12345 hotline work order) or filed by the public on the web; accepted or declined within
working days, investigated by a member of the section, answered by a committed deadline, rated by
the complainant, who may ask once for a review decided by the center office.

The state lives on the complaint (status and the running clock's due date, indexed); its history
is the append-only timeline of ComplaintEvent rows written in the same transaction as each move
(workflow.py holds the allowed moves).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case
from onewindow.org.models import Department, Site, Staff, Window


class Channel(models.TextChoices):
    """How the complaint reached the center (投诉渠道)."""

    WEB = "WEB", _("网上投诉")
    PHONE = "PHONE", _("电话")
    LETTER = "LETTER", _("信件")
    EMAIL = "EMAIL", _("电子邮件")
    IN_PERSON = "IN_PERSON", _("现场")
    HOTLINE = "HOTLINE", _("12345热线转办")


#: Channels only the supervision section registers (the public files on the web).
STAFF_CHANNELS = (Channel.PHONE, Channel.LETTER, Channel.EMAIL, Channel.IN_PERSON, Channel.HOTLINE)


class Status(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("待受理")
    DECLINED = "DECLINED", _("不予受理")
    ACCEPTED = "ACCEPTED", _("已受理待分派")
    INVESTIGATING = "INVESTIGATING", _("调查中")
    ANSWERED = "ANSWERED", _("已答复")
    REVIEWING = "REVIEWING", _("复核中")
    CLOSED = "CLOSED", _("已办结")


#: A clock runs (and a light shows) in these statuses; `due_date` is that clock's deadline.
OPEN_STATUSES = (Status.SUBMITTED, Status.ACCEPTED, Status.INVESTIGATING, Status.REVIEWING)


class Result(models.TextChoices):
    """The investigation's finding (调查结论)."""

    UPHELD = "UPHELD", _("属实")
    PARTLY_UPHELD = "PARTLY_UPHELD", _("部分属实")
    NOT_UPHELD = "NOT_UPHELD", _("不属实")


UPHELD_RESULTS = (Result.UPHELD, Result.PARTLY_UPHELD)


class Rating(models.TextChoices):
    """The complainant's rating of the handling (stored with its label, not a number)."""

    SATISFIED = "SATISFIED", _("满意")
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED", _("基本满意")
    DISSATISFIED = "DISSATISFIED", _("不满意")


class ReviewOutcome(models.TextChoices):
    UPHELD = "UPHELD", _("复核成立，重新调查")
    REJECTED = "REJECTED", _("维持原答复")


class Complaint(models.Model):
    """投诉件."""

    site = models.ForeignKey(Site, verbose_name=_("受理中心"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("投诉编号"), max_length=40, unique=True)
    query_code = models.CharField(_("查询码"), max_length=8)
    channel = models.CharField(_("投诉渠道"), max_length=10, choices=Channel.choices)
    hotline_order_number = models.CharField(_("12345工单号"), max_length=40, blank=True)

    is_anonymous = models.BooleanField(_("匿名投诉"), default=False)
    complainant_name = models.CharField(_("投诉人"), max_length=50, blank=True)
    complainant_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    complainant_email = models.EmailField(_("电子邮箱"), blank=True)
    complainant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("投诉人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )

    case = models.ForeignKey(
        Case, verbose_name=_("涉及办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("涉及部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    window = models.ForeignKey(
        Window, verbose_name=_("涉及窗口"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("被投诉人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_description = models.CharField(
        _("被投诉人员描述"), max_length=100, blank=True, help_text=_("投诉人所述的工作人员姓名、工号或特征")
    )
    title = models.CharField(_("投诉事项"), max_length=100)
    content = models.TextField(_("投诉内容"))

    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.SUBMITTED)
    due_date = models.DateField(
        _("当前期限"), null=True, blank=True, help_text=_("正在计时的期限；办结后为空")
    )

    registered_at = models.DateTimeField(_("登记时间"))
    registered_date = models.DateField(_("登记日期"))
    registered_by = models.ForeignKey(
        Staff, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accept_due_date = models.DateField(_("受理期限"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        Staff, verbose_name=_("受理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = models.TextField(_("不予受理理由"), blank=True)
    answer_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"), null=True, blank=True)
    answer_due_date = models.DateField(_("承诺答复日期"), null=True, blank=True)
    investigator = models.ForeignKey(
        Staff, verbose_name=_("调查人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("分派时间"), null=True, blank=True)

    investigation = models.TextField(_("调查情况"), blank=True)
    result = models.CharField(_("调查结论"), max_length=14, choices=Result.choices, blank=True)
    result_staff = models.ForeignKey(
        Staff, verbose_name=_("责任人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_window = models.ForeignKey(
        Window, verbose_name=_("责任窗口"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_department = models.ForeignKey(
        Department,
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply = models.TextField(_("答复意见"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        Staff, verbose_name=_("答复人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)

    review_reason = models.TextField(_("复核理由"), blank=True)
    review_requested_at = models.DateTimeField(_("申请复核时间"), null=True, blank=True)
    review_outcome = models.CharField(_("复核结果"), max_length=10, choices=ReviewOutcome.choices, blank=True)
    review_reply = models.TextField(_("复核意见"), blank=True)
    review_decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    review_decided_by = models.ForeignKey(
        Staff, verbose_name=_("复核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False)
                | Q(
                    complainant_name="",
                    complainant_phone="",
                    complainant_email="",
                    complainant_user__isnull=True,
                ),
                name="complaint_anonymous_keeps_no_contact",
            ),
            models.CheckConstraint(
                condition=~Q(channel="HOTLINE") | ~Q(hotline_order_number=""),
                name="complaint_hotline_has_order_number",
            ),
            models.CheckConstraint(
                condition=Q(answer_days__isnull=True) | Q(answer_days__gte=1, answer_days__lte=60),
                name="complaint_answer_days_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["DECLINED", "ANSWERED", "CLOSED"], due_date__isnull=True)
                | Q(
                    status__in=["SUBMITTED", "ACCEPTED", "INVESTIGATING", "REVIEWING"], due_date__isnull=False
                ),
                name="complaint_open_has_due_date",
            ),
            models.CheckConstraint(
                condition=~Q(result__in=["UPHELD", "PARTLY_UPHELD"])
                | Q(result_staff__isnull=False)
                | Q(result_window__isnull=False)
                | Q(result_department__isnull=False),
                name="complaint_upheld_names_someone",
            ),
        ]
        indexes = [
            # The inbox and the late ones: open complaints by their running deadline.
            models.Index(
                fields=["due_date", "id"],
                condition=Q(status__in=["SUBMITTED", "ACCEPTED", "INVESTIGATING", "REVIEWING"]),
                name="complaint_open_due",
            ),
            models.Index(fields=["site", "registered_at", "id"], name="complaint_site_registered"),
            models.Index(fields=["department", "registered_at"], name="complaint_department"),
            models.Index(fields=["case"], condition=Q(case__isnull=False), name="complaint_case"),
            models.Index(fields=["investigator", "status"], name="complaint_investigator"),
            # The monthly assessment: the complaints upheld that were answered in a month.
            models.Index(
                fields=["answered_at"],
                condition=Q(result__in=["UPHELD", "PARTLY_UPHELD"]),
                name="complaint_upheld_answered",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def has_reply_channel(self) -> bool:
        """The complainant can be told: not anonymous, and a phone, an e-mail or an account."""
        return not self.is_anonymous and bool(
            self.complainant_phone or self.complainant_email or self.complainant_user_id
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ComplaintAttachment(models.Model):
    """A document or image the complainant (or the registering section) attached."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("投诉"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to="complaints/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=150)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("投诉附件")
        verbose_name_plural = _("投诉附件")
        ordering = ["complaint", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.name}"


class ComplaintEvent(models.Model):
    """One entry of a complaint's timeline (who, when, what); inserted, never updated."""

    class Action(models.TextChoices):
        REGISTERED = "REGISTERED", _("登记")
        ACCEPTED = "ACCEPTED", _("受理")
        DECLINED = "DECLINED", _("不予受理")
        ASSIGNED = "ASSIGNED", _("分派调查")
        INVESTIGATED = "INVESTIGATED", _("调查情况")
        ANSWERED = "ANSWERED", _("答复")
        RATED = "RATED", _("评价")
        REVIEW_REQUESTED = "REVIEW_REQUESTED", _("申请复核")
        REVIEW_UPHELD = "REVIEW_UPHELD", _("复核：重新调查")
        REVIEW_REJECTED = "REVIEW_REJECTED", _("复核：维持原答复")
        CLOSED = "CLOSED", _("办结")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("投诉"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("事项"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("时间"))
    staff = models.ForeignKey(
        Staff, verbose_name=_("经办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_complainant = models.BooleanField(_("投诉人操作"), default=False)
    status_after = models.CharField(_("操作后状态"), max_length=14, choices=Status.choices)
    comment = models.TextField(_("说明"), blank=True)
    is_public = models.BooleanField(_("投诉人可见"), default=True)

    class Meta:
        verbose_name = _("投诉处理记录")
        verbose_name_plural = _("投诉处理记录")
        ordering = ["complaint", "at", "id"]
        indexes = [models.Index(fields=["complaint", "at", "id"], name="complaint_event_timeline")]

    def __str__(self) -> str:
        return f"{self.complaint} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def actor(self) -> str:
        """Who acted, as the timeline shows it (the complainant is never named here)."""
        if self.by_complainant:
            return str(_("投诉人"))
        return self.staff.name if self.staff_id else str(_("系统"))
