from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from onewindow.cases.registry import CASE_PANELS

register = template.Library()


@register.simple_tag(takes_context=True)
def case_panels(context, case):
    """Every registered panel of the case page (cases.registry), in registration order."""
    request = context["request"]
    parts = []
    for panel in CASE_PANELS:
        data = panel.context(request, case)
        if data:
            parts.append(render_to_string(panel.template, {"case": case, **data}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - templates rendered by Django, autoescaped
