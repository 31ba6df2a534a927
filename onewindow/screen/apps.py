from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreenConfig(AppConfig):
    name = "onewindow.screen"
    verbose_name = _("数据大屏")
