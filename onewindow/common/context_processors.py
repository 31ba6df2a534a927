from django.conf import settings

from onewindow.org.selectors import access_for


def onewindow(request):
    """The center's name for every page's header, and the user's access for navigation."""
    from onewindow.org.models import Site

    name = settings.ONEWINDOW_CENTER_NAME
    if not name:
        root = (
            Site.objects.filter(parent__isnull=True).order_by("path").values_list("name", flat=True).first()
        )
        name = root or "政务服务中心"
    user = getattr(request, "user", None)
    return {"center_name": name, "access": access_for(user) if user is not None else None}
