from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "onewindow.accounts"
    label = "accounts"
    verbose_name = _("账户")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save
        from rest_framework.authtoken.models import Token

        from onewindow.accounts.authentication import token_cache_clear

        for model in (Token, get_user_model()):
            name = model.__name__
            post_save.connect(token_cache_clear, sender=model, dispatch_uid=f"token-{name}-saved")
            post_delete.connect(token_cache_clear, sender=model, dispatch_uid=f"token-{name}-deleted")
