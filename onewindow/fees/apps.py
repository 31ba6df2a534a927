from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeesConfig(AppConfig):
    name = "onewindow.fees"
    verbose_name = _("统一收费")

    def ready(self):
        # Delivery of an approved result waits for its fees (cases.handling.delivery_blockers).
        from onewindow.cases.handling import DELIVERY_CHECKS
        from onewindow.fees.selectors import unpaid_fee_blockers

        if unpaid_fee_blockers not in DELIVERY_CHECKS:
            DELIVERY_CHECKS.append(unpaid_fee_blockers)
