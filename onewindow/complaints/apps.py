from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "onewindow.complaints"
    verbose_name = _("投诉中心")

    def ready(self):
        """Complaints plug into other apps' pages without editing them: a card on the desk's case
        page (the complaints about the case) and a section on the supervision board (the
        complaints past their deadline)."""
        from onewindow.cases import registry as case_registry
        from onewindow.complaints.views import board_section_context, case_panel_context
        from onewindow.supervision import registry as board_registry

        case_registry.register_case_panel(
            case_registry.CasePanel(
                name="complaints", template="complaints/_case_panel.html", context=case_panel_context
            )
        )
        board_registry.register_board_section(
            board_registry.BoardSection(
                name="complaints", template="complaints/_board_section.html", context=board_section_context
            )
        )
