from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueingConfig(AppConfig):
    name = "onewindow.queueing"
    verbose_name = _("排队叫号")

    def ready(self):
        from onewindow.queueing import checks  # noqa: F401 - registers the settings check
