from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from onewindow.org.permissions import CONSOLE_ROLES, user_has_role, user_is_staff_member


@login_required
def home(request):
    """After login, everyone lands where their job starts."""
    if user_has_role(request.user, *CONSOLE_ROLES):
        return redirect("office:dashboard")
    if user_is_staff_member(request.user):
        return redirect("desk:home")
    return redirect("portal:home")
