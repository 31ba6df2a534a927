"""Cases (办件) from the counter to acceptance: the applicant, the materials checklist, the
acceptance decision of 行政许可法 art. 32, the notices, and the append-only timeline.

A case keeps the catalog version (`ItemVersion`) it was received under: later changes to the item
never change what was asked of this applicant or the limits promised to them.

Two identifiers: the receipt number (收件编号 / 网上申请编号) given the moment materials are
received, and the case number (办件编号) given on acceptance, gap-free per site and year.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases import events
from onewindow.catalog.models import Item, ItemVersion, Material
from onewindow.org.models import Department, Site, Staff


class Channel(models.TextChoices):
    WINDOW = "WINDOW", _("窗口")
    ONLINE = "ONLINE", _("网上申请")
    MAIL = "MAIL", _("邮寄")
    TOWNSHIP = "TOWNSHIP", _("乡镇便民服务中心")
    VILLAGE = "VILLAGE", _("村代办点")


class ApplicantKind(models.TextChoices):
    PERSON = "PERSON", _("自然人")
    ORGANISATION = "ORGANISATION", _("法人或其他组织")


class IdType(models.TextChoices):
    """证件类型 of a natural person (an organisation always uses its credit code)."""

    RESIDENT_ID = "RESIDENT_ID", _("居民身份证")
    PASSPORT = "PASSPORT", _("护照")
    HK_MACAO_PERMIT = "HK_MACAO_PERMIT", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "TAIWAN_PERMIT", _("台湾居民来往大陆通行证")
    FOREIGN_RESIDENCE = "FOREIGN_RESIDENCE", _("外国人永久居留身份证")


class CaseStatus(models.TextChoices):
    RECEIVED = "RECEIVED", _("待受理")
    CORRECTION = "CORRECTION", _("待补正")
    ACCEPTED = "ACCEPTED", _("已受理")
    SUSPENDED = "SUSPENDED", _("特别程序中")
    REFUSED = "REFUSED", _("不予受理")
    COMPLETED = "COMPLETED", _("已办结")
    DELIVERED = "DELIVERED", _("已送达")
    WITHDRAWN = "WITHDRAWN", _("已撤回")
    TERMINATED = "TERMINATED", _("已终止")
    RETURNED = "RETURNED", _("已退回")


#: Accepted and not yet decided: the statutory and promised clocks run (or are stopped, when
#: suspended). Traffic lights are drawn for these.
HANDLING_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED)
#: Statuses a case never leaves.
FINAL_STATUSES = (
    CaseStatus.REFUSED,
    CaseStatus.DELIVERED,
    CaseStatus.WITHDRAWN,
    CaseStatus.TERMINATED,
    CaseStatus.RETURNED,
)


class RefusalKind(models.TextChoices):
    """The two refusals of art. 32 (1) and (2)."""

    NOT_SUBJECT = "NOT_SUBJECT", _("依法不需要取得行政许可")
    NOT_COMPETENT = "NOT_COMPETENT", _("不属于本机关职权范围")


class Decision(models.TextChoices):
    APPROVED = "APPROVED", _("准予")
    DENIED = "DENIED", _("不予")


class Case(models.Model):
    """办件."""

    site = models.ForeignKey(Site, verbose_name=_("受理中心"), on_delete=models.PROTECT, related_name="cases")
    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="cases")
    version = models.ForeignKey(
        ItemVersion, verbose_name=_("事项版本"), on_delete=models.PROTECT, related_name="cases"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("主办部门"), on_delete=models.PROTECT, related_name="cases"
    )
    receipt_number = models.CharField(_("收件编号"), max_length=30, unique=True)
    number = models.CharField(_("办件编号"), max_length=30, null=True, blank=True, unique=True)
    query_code = models.CharField(_("查询码"), max_length=8)
    channel = models.CharField(_("申请渠道"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices, db_index=True)

    applicant_kind = models.CharField(_("申请人类型"), max_length=12, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=30, db_index=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_name = models.CharField(_("经办人/联系人"), max_length=50, blank=True)
    contact_id_number = models.CharField(_("经办人身份证号码"), max_length=18, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)

    received_at = models.DateTimeField(_("收件时间"))
    received_date = models.DateField(_("收件日期"))
    received_by = models.ForeignKey(
        Staff, verbose_name=_("收件人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    materials_date = models.DateField(
        _("材料接收日期"), help_text=_("收件日，补正后为补正材料接收日：逾期视为受理的受理日期")
    )
    decision_due_date = models.DateField(
        _("受理决定期限"), help_text=_("材料接收后5个工作日：逾期未作决定即视为受理")
    )

    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    accepted_date = models.DateField(_("受理日期"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        Staff, verbose_name=_("受理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_auto_accepted = models.BooleanField(_("逾期视为受理"), default=False)
    promised_due_date = models.DateField(_("承诺办结日期"), null=True, blank=True)
    statutory_due_date = models.DateField(_("法定办结日期"), null=True, blank=True)
    agent = models.ForeignKey(
        Staff,
        verbose_name=_("全程代办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agent_cases",
    )

    refusal_kind = models.CharField(_("不予受理类型"), max_length=16, choices=RefusalKind.choices, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    competent_authority = models.CharField(_("有权机关"), max_length=150, blank=True)

    suspended_days = models.PositiveIntegerField(
        _("特别程序工作日"), default=0, help_text=_("已结束的特别程序合计，不计入办理期限")
    )
    extended_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)

    decision = models.CharField(_("办理结果"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    result_name = models.CharField(_("证照/文书名称"), max_length=100, blank=True)
    result_number = models.CharField(_("证照/文书编号"), max_length=60, blank=True)
    result_valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    result_valid_until = models.DateField(_("有效期至"), null=True, blank=True, help_text=_("空为长期有效"))
    remedies = models.TextField(_("救济途径"), blank=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decided_date = models.DateField(_("办结日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("决定人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delivery_due_date = models.DateField(_("送达期限"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    original = models.ForeignKey(
        "self",
        verbose_name=_("原退回件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resubmissions",
        help_text=_("补办件：申请人按退回意见重新申请的原办件"),
    )
    closing_reason = models.TextField(_("撤回/终止/退回理由"), blank=True)
    closed_at = models.DateTimeField(_("撤回/终止/退回时间"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, editable=False)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["site", "received_date"], name="case_site_received"),
            # The statistics' roll-up rebuilds a day from the cases accepted and decided that day.
            models.Index(fields=["accepted_date"], name="case_accepted_date"),
            models.Index(fields=["decided_date"], name="case_decided_date"),
            # The statistics' "open past due at the day's end" for a day gone by: the cases decided
            # after their promised date, a small part of all.
            models.Index(
                fields=["decided_date"],
                condition=Q(decided_date__gt=F("promised_due_date")),
                name="case_decided_late",
            ),
            models.Index(fields=["status", "decision_due_date"], name="case_status_decision_due"),
            models.Index(fields=["applicant_name"], name="case_applicant_name"),
            # Traffic lights: "yellow or red today" is a range on the stored due dates.
            # With the id last, the lists (soonest due first, then by id) come straight off the
            # index however many cases share a due date.
            models.Index(fields=["status", "promised_due_date", "id"], name="case_status_promised_due"),
            models.Index(fields=["status", "statutory_due_date"], name="case_status_statutory_due"),
            models.Index(fields=["status", "delivery_due_date", "id"], name="case_status_delivery_due"),
            models.Index(fields=["agent", "status"], name="case_agent_status"),
            # The case lists, newest first (common.keyset): one index per scope arm
            # (selectors.case_scope_arms), so every page is a range walked in order.
            models.Index(fields=["received_at", "id"], name="case_received_at"),
            models.Index(fields=["site", "received_at", "id"], name="case_site_received_at"),
            models.Index(fields=["department", "received_at", "id"], name="case_department_received_at"),
            models.Index(
                fields=["agent", "received_at", "id"],
                condition=Q(agent__isnull=False),
                name="case_agent_received_at",
            ),
            models.Index(
                fields=["contact_id_number"],
                condition=~Q(contact_id_number=""),
                name="case_contact_id_number",
            ),
            # The lights per scope arm: partial indexes over the open cases only (a small part of
            # the table), so scoped yellow/red counts are index-only scans and pages index ranges.
            models.Index(
                fields=["site", "promised_due_date", "id"],
                condition=Q(status="ACCEPTED"),
                name="case_site_lit_promised",
            ),
            models.Index(
                fields=["site", "delivery_due_date", "id"],
                condition=Q(status="COMPLETED"),
                name="case_site_lit_delivery",
            ),
            models.Index(
                fields=["department", "promised_due_date", "id"],
                condition=Q(status="ACCEPTED"),
                name="case_department_lit_promised",
            ),
            models.Index(
                fields=["department", "delivery_due_date", "id"],
                condition=Q(status="COMPLETED"),
                name="case_department_lit_delivery",
            ),
            models.Index(
                fields=["agent", "promised_due_date", "id"],
                condition=Q(status="ACCEPTED", agent__isnull=False),
                name="case_agent_lit_promised",
            ),
            models.Index(
                fields=["agent", "delivery_due_date", "id"],
                condition=Q(status="COMPLETED", agent__isnull=False),
                name="case_agent_lit_delivery",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="case_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["RECEIVED", "CORRECTION", "REFUSED", "WITHDRAWN"])
                | Q(number__isnull=False),
                name="case_accepted_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(status="REFUSED") | ~Q(refusal_kind=""),
                name="case_refused_has_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.number or self.receipt_number

    @property
    def reference(self) -> str:
        """The number people quote: the case number once accepted, the receipt number before."""
        return self.number or self.receipt_number

    @property
    def is_open_for_decision(self) -> bool:
        return self.status in (CaseStatus.RECEIVED, CaseStatus.CORRECTION)

    @property
    def is_immediate(self) -> bool:
        return self.version.case_kind == "IMMEDIATE"

    @property
    def kind_label(self) -> str:
        """The hall's "five kinds": 即办件, 承诺件, 联办件, 上报件, and 补办件 for a resubmission."""
        if self.original_id:
            return str(_("补办件"))
        return self.version.get_case_kind_display()


class CaseMaterial(models.Model):
    """One line of the materials checklist, copied from the item version's materials."""

    class State(models.TextChoices):
        RECEIVED = "RECEIVED", _("已收")
        MISSING = "MISSING", _("缺少")
        DEFECTIVE = "DEFECTIVE", _("不符合要求")
        DEFERRED = "DEFERRED", _("容缺后补")
        NOT_PROVIDED = "NOT_PROVIDED", _("未提供（非必要）")
        SHARED = "SHARED", _("部门共享获取")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        Material, verbose_name=_("事项材料"), on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("材料名称"), max_length=150)
    necessity = models.CharField(_("必要性"), max_length=10, choices=Material.Necessity.choices)
    state = models.CharField(_("收取情况"), max_length=12, choices=State.choices)
    originals_received = models.PositiveSmallIntegerField(_("原件"), default=0)
    copies_received = models.PositiveSmallIntegerField(_("复印件"), default=0)
    problem = models.CharField(_("问题说明"), max_length=300, blank=True)
    deferred_until = models.DateField(_("补交期限"), null=True, blank=True)
    file = models.FileField(_("电子材料"), upload_to="cases/materials/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("收件材料")
        verbose_name_plural = _("收件材料")
        ordering = ["case_id", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["case", "material"], name="case_material_unique"),
            models.CheckConstraint(
                condition=~Q(state="DEFERRED") | Q(deferred_until__isnull=False),
                name="case_material_deferred_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.name}"

    @property
    def is_outstanding(self) -> bool:
        """Missing or defective: what a correction notice must ask for."""
        return self.state in (self.State.MISSING, self.State.DEFECTIVE)


class Notice(models.Model):
    """A written notice given to the applicant (受理 / 补正 / 不予受理 / 办结); reprintable from
    what is stored here and on the case."""

    class Kind(models.TextChoices):
        ACCEPTANCE = "ACCEPTANCE", _("受理通知书")
        CORRECTION = "CORRECTION", _("补正材料告知书")
        NON_ACCEPTANCE = "NON_ACCEPTANCE", _("不予受理通知书")
        SUSPENSION = "SUSPENSION", _("特别程序告知书")
        EXTENSION = "EXTENSION", _("延长审批期限告知书")
        DECISION = "DECISION", _("办结通知书")
        CERTIFICATE = "CERTIFICATE", _("审批结果证照")
        RETURN = "RETURN", _("退件通知书")
        TERMINATION = "TERMINATION", _("终止办理通知书")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("文书类型"), max_length=16, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField(_("同类文书序号"), default=1)
    document_number = models.CharField(_("文书编号"), max_length=60, unique=True)
    issued_at = models.DateTimeField(_("出具时间"))
    issued_date = models.DateField(_("出具日期"))
    issued_by = models.ForeignKey(
        Staff, verbose_name=_("出具人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    has_new_requests = models.BooleanField(
        _("含首次未告知的补正内容"), default=False, help_text=_("违反一次性告知：已提示监察")
    )

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["case_id", "issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "sequence"], name="notice_sequence_unique"),
        ]

    def __str__(self) -> str:
        return self.document_number


class CorrectionRequest(models.Model):
    """One thing a correction notice asks for."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("补正告知书"), on_delete=models.CASCADE, related_name="requests"
    )
    case_material = models.ForeignKey(
        CaseMaterial, verbose_name=_("材料"), on_delete=models.CASCADE, related_name="requests"
    )
    problem = models.CharField(_("补正要求"), max_length=300)
    is_new = models.BooleanField(_("首次告知未列明"), default=False)
    supplied_at = models.DateTimeField(_("补正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正事项")
        verbose_name_plural = _("补正事项")
        ordering = ["notice_id", "case_material__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "case_material"], name="correction_request_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_material.name}：{self.problem}"


class CaseEvent(models.Model):
    """The case's timeline: inserted, never updated. `actor` is empty for the system's own acts
    (automatic acceptance); `is_public` events show on the public progress page."""

    class Action(models.TextChoices):
        RECEIVED = "RECEIVED", _("收件")
        SUBMITTED_ONLINE = "SUBMITTED_ONLINE", _("网上提交申请")
        CORRECTED_ON_THE_SPOT = "CORRECTED", _("当场更正")
        CORRECTION_NOTICE = "CORRECTION_NOTICE", _("出具补正告知书")
        RESUBMITTED = "RESUBMITTED", _("补正材料")
        ACCEPTED = "ACCEPTED", _("受理")
        AUTO_ACCEPTED = "AUTO_ACCEPTED", _("逾期未告知，视为受理")
        REFUSED = "REFUSED", _("不予受理")
        OPINION = "OPINION", _("提出审查意见")
        CO_OPINION = "CO_OPINION", _("协办部门提出意见")
        DEEMED_CONSENT = "DEEMED_CONSENT", _("协办逾期，视为同意")
        ESCALATED = "ESCALATED", _("协办逾期，提请协调")
        MEETING = "MEETING", _("联审会议")
        REPORTED_UP = "REPORTED_UP", _("上报上级机关")
        REPORT_REPLY = "REPORT_REPLY", _("上级机关批复")
        SUSPENDED = "SUSPENDED", _("特别程序开始")
        RESUMED = "RESUMED", _("特别程序结束")
        EXTENSION_REQUESTED = "EXTENSION_ASKED", _("申请延长期限")
        EXTENSION_APPROVED = "EXTENSION_APPROVED", _("批准延长期限")
        EXTENSION_REJECTED = "EXTENSION_REJECTED", _("不批准延长期限")
        DECIDED = "DECIDED", _("办结")
        DELIVERED = "DELIVERED", _("送达")
        WITHDRAWN = "WITHDRAWN", _("申请人撤回申请")
        TERMINATED = "TERMINATED", _("终止办理")
        RETURNED = "RETURNED", _("退回申请人")
        REMINDED = "REMINDED", _("催办")
        AGENT_ASSIGNED = "AGENT_ASSIGNED", _("指派全程代办人")
        WARNING = "WARNING", _("监察预警")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="events")
    # The choices are every app's registered kinds (cases.events): fees, supervision, … add theirs.
    action = models.CharField(_("操作"), max_length=events.MAX_LENGTH, choices=events.event_kind_choices)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(_("原状态"), max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=CaseStatus.choices, blank=True)
    comment = models.TextField(_("说明"), blank=True)
    is_public = models.BooleanField(_("公开进度"), default=True)

    class Meta:
        verbose_name = _("办件记录")
        verbose_name_plural = _("办件记录")
        ordering = ["case_id", "at", "id"]
        # The statistics count some kinds per day (correction notices).
        indexes = [models.Index(fields=["action", "at"], name="case_event_action_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class CreditRecord(models.Model):
    """失信记录: an applicant on the bad-credit list may not be accepted with missing materials
    (容缺受理). Keyed by the identity card number or credit code."""

    id_number = models.CharField(_("证件号码/统一社会信用代码"), max_length=30, db_index=True)
    name = models.CharField(_("名称"), max_length=100)
    reason = models.CharField(_("失信情形"), max_length=300)
    source = models.CharField(_("认定机关"), max_length=100, blank=True)
    listed_date = models.DateField(_("列入日期"))
    lifted_date = models.DateField(_("移出日期"), null=True, blank=True, help_text=_("不含当日"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("失信记录")
        verbose_name_plural = _("失信记录")
        ordering = ["-listed_date", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number}）"


# Handling: from acceptance to the result ------------------------------------------------------


class Task(models.Model):
    """A piece of work on an accepted case with its own working-day limit and due date: a step of
    the item's procedure for the lead department, a co-department's opinion (联办件 抄告), the
    forwarding to a higher authority (上报件), or telling the applicant its reply.

    Steps run one after another, each starting the day the one before it ends; opinions run in
    parallel from the day of acceptance. A task's due date is stored and moved only by
    suspensions, so "every step overdue today" is a range on an index."""

    class Kind(models.TextChoices):
        STEP = "STEP", _("办理环节")
        OPINION = "OPINION", _("协办意见")
        REPORT = "REPORT", _("上报上级机关")
        INFORM = "INFORM", _("告知申请人批复结果")

    class Status(models.TextChoices):
        WAITING = "WAITING", _("未开始")
        ACTIVE = "ACTIVE", _("办理中")
        DONE = "DONE", _("已完成")
        DEEMED = "DEEMED", _("逾期视为同意")
        ESCALATED = "ESCALATED", _("逾期，已提请协调")
        CANCELLED = "CANCELLED", _("已取消")

    class Verdict(models.TextChoices):
        AGREE = "AGREE", _("同意")
        DISAGREE = "DISAGREE", _("不同意")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    step_kind = models.CharField(_("环节类型"), max_length=8, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("名称"), max_length=60)
    department = models.ForeignKey(
        Department, verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="case_tasks"
    )
    role = models.CharField(_("办理岗位"), max_length=24)
    #: The task is another department's than the case's lead department (a co-department's opinion,
    #: or a step the procedure gives to another department): set when the task is made, as the
    #: case's department never changes. The reviewer's "cases my department helps with" list
    #: walks a partial index of these rows, not every case (selectors.case_scope_arms).
    assisting = models.BooleanField(_("协办（非主办部门）"), default=False)
    limit_days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    started_date = models.DateField(_("开始日期"), null=True, blank=True)
    due_date = models.DateField(_("到期日期"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_date = models.DateField(_("完成日期"), null=True, blank=True)
    completed_by = models.ForeignKey(
        Staff, verbose_name=_("办理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verdict = models.CharField(_("意见"), max_length=10, choices=Verdict.choices, blank=True)
    opinion = models.TextField(_("意见内容"), blank=True)
    counterpart = models.CharField(_("上级机关"), max_length=150, blank=True)
    reference = models.CharField(_("文号"), max_length=60, blank=True)
    reminded_at = models.DateTimeField(_("最近催办时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("办理任务")
        verbose_name_plural = _("办理任务")
        ordering = ["case_id", "sort_order", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="task_status_due"),
            models.Index(fields=["department", "status", "due_date"], name="task_department_open"),
            # My tasks (selectors.tasks_for): a department's running tasks, soonest due first.
            models.Index(
                fields=["department", "due_date", "id"],
                condition=Q(status__in=["ACTIVE", "ESCALATED"]),
                name="task_department_running_due",
            ),
            models.Index(fields=["department", "case"], condition=Q(assisting=True), name="task_assisting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ACTIVE") | Q(due_date__isnull=False, started_date__isnull=False),
                name="task_active_has_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.name}"


#: Tasks not yet finished, and those whose clock is running (a waiting step has none yet).
OPEN_TASK_STATUSES = (Task.Status.WAITING, Task.Status.ACTIVE, Task.Status.ESCALATED)
RUNNING_TASK_STATUSES = (Task.Status.ACTIVE, Task.Status.ESCALATED)


class TaskAttachment(models.Model):
    """A file attached to an opinion (审查意见附件)."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("附件"), upload_to="cases/opinions/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=150)
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("意见附件")
        verbose_name_plural = _("意见附件")
        ordering = ["task_id", "id"]

    def __str__(self) -> str:
        return self.name


class ReviewMeeting(models.Model):
    """联审会议: the hall convenes the departments of a joint case; who came and what was agreed."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="meetings")
    held_date = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=100, blank=True)
    departments = models.ManyToManyField(Department, verbose_name=_("参会部门"), related_name="+")
    participants = models.TextField(_("参会人员"))
    conclusions = models.TextField(_("会议结论"))
    recorded_at = models.DateTimeField(_("记录时间"))
    recorded_by = models.ForeignKey(
        Staff, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("联审会议")
        verbose_name_plural = _("联审会议")
        ordering = ["case_id", "held_date", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.held_date}"


class Suspension(models.Model):
    """特别程序 (行政许可法 art. 45): time for a hearing, tender, auction, inspection, testing,
    quarantine, appraisal or expert review is not counted. When it ends, the case's statutory and
    promised due dates and its open tasks' due dates move by `working_days`: the working days
    after the start day up to and including the end day."""

    class Kind(models.TextChoices):
        HEARING = "HEARING", _("听证")
        TENDER = "TENDER", _("招标")
        AUCTION = "AUCTION", _("拍卖")
        INSPECTION = "INSPECTION", _("检验")
        TESTING = "TESTING", _("检测")
        QUARANTINE = "QUARANTINE", _("检疫")
        APPRAISAL = "APPRAISAL", _("鉴定")
        EXPERT_REVIEW = "EXPERT_REVIEW", _("专家评审")

    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="suspensions"
    )
    kind = models.CharField(_("特别程序"), max_length=14, choices=Kind.choices)
    reason = models.TextField(_("事由"))
    started_at = models.DateTimeField(_("开始时间"))
    started_date = models.DateField(_("开始日期"))
    started_by = models.ForeignKey(
        Staff, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    expected_days = models.PositiveSmallIntegerField(_("预计工作日"))
    expected_end_date = models.DateField(_("预计结束日期"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    ended_date = models.DateField(_("结束日期"), null=True, blank=True)
    ended_by = models.ForeignKey(
        Staff, verbose_name=_("结束登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(_("不计入期限的工作日"), null=True, blank=True)
    outcome = models.TextField(_("结果"), blank=True)
    # A hearing's own limits (art. 47, 48).
    rights_notified_date = models.DateField(_("告知听证权利日期"), null=True, blank=True)
    requested_date = models.DateField(_("申请听证日期"), null=True, blank=True)
    announced_date = models.DateField(_("通知听证日期"), null=True, blank=True)
    hearing_date = models.DateField(_("举行听证日期"), null=True, blank=True)
    hearing_place = models.CharField(_("听证地点"), max_length=100, blank=True)
    notice = models.OneToOneField(
        Notice,
        verbose_name=_("告知书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suspension",
    )

    class Meta:
        verbose_name = _("特别程序")
        verbose_name_plural = _("特别程序")
        ordering = ["case_id", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="suspension_one_open_per_case"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(working_days__isnull=False, ended_date__isnull=False),
                name="suspension_ended_has_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_kind_display()} {self.started_date}"


class Extension(models.Model):
    """延长审批期限 (art. 42): once per case, approved by whoever may grant it, with a written
    notice to the applicant. Approval moves both due dates by `days` working days."""

    class Status(models.TextChoices):
        REQUESTED = "REQUESTED", _("待批准")
        APPROVED = "APPROVED", _("已批准")
        REJECTED = "REJECTED", _("不批准")

    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField(_("延长工作日"))
    reason = models.TextField(_("延长理由"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    requested_at = models.DateTimeField(_("申请时间"))
    requested_by = models.ForeignKey(
        Staff, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_comment = models.CharField(_("审批意见"), max_length=300, blank=True)
    notice = models.OneToOneField(
        Notice,
        verbose_name=_("告知书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extension",
    )

    class Meta:
        verbose_name = _("延长审批期限")
        verbose_name_plural = _("延长审批期限")
        ordering = ["case_id", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="APPROVED"), name="extension_once_per_case"
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="REQUESTED"), name="extension_one_request_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days} {self.get_status_display()}"


class Delivery(models.Model):
    """送达: at the window (signed for), by mail (waybill) or electronically (电子证照)."""

    class Method(models.TextChoices):
        WINDOW = "WINDOW", _("窗口领取")
        MAIL = "MAIL", _("邮寄送达")
        ELECTRONIC = "ELECTRONIC", _("电子送达")

    case = models.OneToOneField(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="delivery"
    )
    method = models.CharField(_("送达方式"), max_length=10, choices=Method.choices)
    delivered_at = models.DateTimeField(_("送达时间"))
    delivered_date = models.DateField(_("送达日期"))
    delivered_by = models.ForeignKey(
        Staff, verbose_name=_("经办人"), on_delete=models.PROTECT, related_name="+"
    )
    recipient_name = models.CharField(_("签收人"), max_length=50, blank=True)
    recipient_id_number = models.CharField(_("签收人证件号码"), max_length=30, blank=True)
    carrier = models.CharField(_("快递公司"), max_length=50, blank=True)
    waybill_number = models.CharField(_("运单号"), max_length=40, blank=True)
    address = models.CharField(_("送达地址"), max_length=200, blank=True)
    is_late = models.BooleanField(_("逾期送达"), default=False)

    class Meta:
        verbose_name = _("送达")
        verbose_name_plural = _("送达")

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_method_display()}"


events.register_event_kinds(CaseEvent.Action)
