from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.common.validators import validate_id_card_number


class User(AbstractUser):
    """A person who logs in: an applicant, or a staff member (who also has an org.Staff record).

    Chinese names are one field (姓名), so Django's first/last name fields are dropped.
    """

    first_name = None
    last_name = None
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    id_card_number = models.CharField(
        _("身份证号码"), max_length=18, blank=True, validators=[validate_id_card_number]
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username
