from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeesConfig(AppConfig):
    name = "onewindow.fees"
    verbose_name = _("统一收费")

    def ready(self):
        """Fees plug into the case kernel without editing it: their timeline entries, the moves they
        make on a case, the delivery check ("not paid") and the fee card on the case page."""
        from onewindow.cases import events, registry, workflow
        from onewindow.cases.models import CaseStatus
        from onewindow.cases.services.delivery import DELIVERY_CHECKS
        from onewindow.fees.models import FeeEvent
        from onewindow.fees.selectors import unpaid_fee_blockers
        from onewindow.fees.views import case_fees_context

        events.register_event_kinds(FeeEvent)
        # Accepted and not yet delivered: the window bills the fees (and may cancel a notice to
        # reissue it). A bank's confirmation is a fact about money, recorded whatever the status.
        billable = (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED, CaseStatus.COMPLETED)
        workflow.register_moves(
            {
                (status, action): status
                for status in billable
                for action in (FeeEvent.FEE_NOTICE, FeeEvent.FEE_NOTICE_CANCELLED)
            }
        )
        if unpaid_fee_blockers not in DELIVERY_CHECKS:
            DELIVERY_CHECKS.append(unpaid_fee_blockers)
        registry.register_case_panel(
            registry.CasePanel(name="fees", template="fees/_case_fees.html", context=case_fees_context)
        )
