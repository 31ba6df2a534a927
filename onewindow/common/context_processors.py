from onewindow.org.selectors import access_for, center_name


def onewindow(request):
    """The center's name for every page's header, and the user's access for navigation."""
    user = getattr(request, "user", None)
    return {"center_name": center_name(), "access": access_for(user) if user is not None else None}
