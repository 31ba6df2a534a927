from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from onewindow.accounts.forms import SignupForm
from onewindow.org.models import Role
from onewindow.org.selectors import access_for

#: Where each role's work starts after login, first matching role wins (a chief representative
#: who also sits at the window lands on the tasks that wait for his decision). A login with an
#: explicit `?next=` goes there instead (Django's LoginView); staff with none of these roles land
#: on the desk's home page, applicants on their own cases.
LANDING_PAGES: tuple[tuple[str, str], ...] = (
    (Role.ADMINISTRATOR, "office:dashboard"),
    (Role.CENTER_OFFICE, "office:dashboard"),
    (Role.SUPERVISION_SECTION, "supervision:board"),
    (Role.BUSINESS_SECTION, "office:dashboard"),
    (Role.FEE_CLERK, "fees:counter"),
    (Role.CHIEF_REPRESENTATIVE, "cases:my-tasks"),
    (Role.DEPARTMENT_REVIEWER, "cases:my-tasks"),
    (Role.WINDOW_CLERK, "cases:list"),
    (Role.CASE_AGENT, "cases:my-tasks"),
)
STAFF_FALLBACK_PAGE = "desk:home"
APPLICANT_PAGE = "portal:my-cases"


def landing_page(user) -> str:
    """The url name where `user`'s work starts (see LANDING_PAGES)."""
    access = access_for(user)
    if access.scope == "none":
        return APPLICANT_PAGE
    return next((page for role, page in LANDING_PAGES if access.has_role(role)), STAFF_FALLBACK_PAGE)


@login_required
def home(request):
    """After login, everyone lands where their job starts; applicants on their own cases."""
    return redirect(landing_page(request.user))


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
