from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "onewindow.org"
    label = "org"
    verbose_name = _("组织机构")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from onewindow.org.models import Site, Staff, StaffRole
        from onewindow.org.selectors import access_cache_clear

        for model in (Site, Staff, StaffRole, get_user_model()):
            post_save.connect(access_cache_clear, sender=model, dispatch_uid=f"access-{model.__name__}-saved")
            post_delete.connect(
                access_cache_clear, sender=model, dispatch_uid=f"access-{model.__name__}-deleted"
            )
