"""Messages to people: the in-app inbox, and the outbox of SMS and e-mail waiting for a gateway
(SMTP sends e-mail itself when a host is configured). Every app writes them through
notifications.services; `case` links a message to the case it is about, when there is one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to a person: shown in the app (`IN_APP`) or queued in the outbox for the e-mail
    or SMS gateway (`sent_at` empty until the gateway reports it sent)."""

    class Channel(models.TextChoices):
        IN_APP = "IN_APP", _("站内消息")
        SMS = "SMS", _("短信")
        EMAIL = "EMAIL", _("电子邮件")

    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.CharField(_("手机号/邮箱"), max_length=120, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("办件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("创建时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    failure = models.CharField(_("发送失败原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["channel", "sent_at"], name="notification_outbox"),
            # A person's inbox, newest first, and its unread count.
            models.Index(fields=["user", "-id"], condition=Q(channel="IN_APP"), name="notification_inbox"),
            models.Index(
                fields=["user"],
                condition=Q(channel="IN_APP", read_at__isnull=True),
                name="notification_unread",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel="IN_APP", user__isnull=False) | (~Q(channel="IN_APP") & ~Q(address="")),
                name="notification_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.subject}"
