from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from onewindow.supervision.registry import BOARD_SECTIONS

register = template.Library()


@register.simple_tag(takes_context=True)
def board_sections(context, today):
    """Every registered section of the supervision board (supervision.registry), in order."""
    request = context["request"]
    parts = []
    for section in BOARD_SECTIONS:
        data = section.context(request, today)
        if data:
            parts.append(render_to_string(section.template, {"today": today, **data}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - templates rendered by Django, autoescaped
