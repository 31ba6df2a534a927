from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "onewindow.catalog"
    verbose_name = _("事项库")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from onewindow.catalog.models import ItemEvent
        from onewindow.catalog.selectors import catalog_cache_clear

        # Every change to what is in force appends an event (the catalog's revision).
        post_save.connect(catalog_cache_clear, sender=ItemEvent, dispatch_uid="catalog-event-saved")
        post_delete.connect(catalog_cache_clear, sender=ItemEvent, dispatch_uid="catalog-event-deleted")
