from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from onewindow.accounts.forms import SignupForm
from onewindow.org.permissions import CONSOLE_ROLES, user_has_role, user_is_staff_member


@login_required
def home(request):
    """After login, everyone lands where their job starts; applicants on their own cases."""
    if user_has_role(request.user, *CONSOLE_ROLES):
        return redirect("office:dashboard")
    if user_is_staff_member(request.user):
        return redirect("desk:home")
    return redirect("portal:my-cases")


def signup(request):
    """An applicant's account: name, identity card (checked), mobile phone, password."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("注册成功，欢迎使用网上办事。"))
        return redirect(next_url or "portal:my-cases")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})
