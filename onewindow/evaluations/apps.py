from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "onewindow.evaluations"
    verbose_name = _("好差评")

    def ready(self):
        """Ratings plug in without editing the kernel: a card on the desk's case page (its
        ratings, and the push to the window's tablet) and late rectifications on the supervision
        board."""
        from onewindow.cases import registry
        from onewindow.evaluations.views import board_rectifications_context, case_ratings_context
        from onewindow.supervision.registry import BoardSection, register_board_section

        registry.register_case_panel(
            registry.CasePanel(
                name="evaluations", template="evaluations/_case_ratings.html", context=case_ratings_context
            )
        )
        register_board_section(
            BoardSection(
                name="rectifications",
                template="evaluations/_board_rectifications.html",
                context=board_rectifications_context,
            )
        )
