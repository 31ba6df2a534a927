from django import template

register = template.Library()


@register.inclusion_tag("fees/_case_fees.html", takes_context=True)
def case_fees(context, case):
    """The fee card of the case page (fees.views.case_fees_context)."""
    from onewindow.fees.views import case_fees_context

    request = context["request"]
    return {
        "case": case,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        **case_fees_context(request, case),
    }
