from django.contrib import admin
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from onewindow.common.converters import CalendarYearConverter, IdConverter, IsoDateConverter
from onewindow.common.views import healthz

register_converter(IdConverter, "id")
register_converter(IsoDateConverter, "isodate")
register_converter(CalendarYearConverter, "calendaryear")

api_v1 = [
    path("", include("onewindow.workcalendar.api_urls")),
    path("", include("onewindow.org.api_urls")),
    path("", include("onewindow.catalog.api_urls")),
    path("", include("onewindow.cases.api_urls")),
    path("", include("onewindow.fees.api_urls")),
    path("", include("onewindow.supervision.api_urls")),
    path("", include("onewindow.evaluations.api_urls")),
    path("", include("onewindow.complaints.api_urls")),
    path("", include("onewindow.queueing.api_urls")),
    path("", include("onewindow.stats.api_urls")),
    path("", include("onewindow.screen.api_urls")),
    path("", include("onewindow.assessment.api_urls")),
    path("", include("onewindow.notifications.api_urls")),
    path("", include("onewindow.accounts.api_urls")),
]

urlpatterns = [
    path("", include("onewindow.portal.urls")),
    path("", include("onewindow.evaluations.urls")),
    path("", include("onewindow.complaints.urls")),
    path("", include("onewindow.queueing.urls")),
    path("", include("onewindow.stats.urls")),
    path("", include("onewindow.screen.urls")),
    path("", include("onewindow.assessment.urls")),
    path("accounts/", include("onewindow.accounts.urls")),
    path("desk/", include("onewindow.desk.urls")),
    path("desk/cases/", include("onewindow.cases.urls")),
    path("desk/fees/", include("onewindow.fees.urls")),
    path("office/", include("onewindow.office.urls")),
    path("office/supervision/", include("onewindow.supervision.urls")),
    path("office/org/", include("onewindow.org.urls")),
    path("office/calendar/", include("onewindow.workcalendar.urls")),
    path("office/catalog/", include("onewindow.catalog.urls")),
    path("healthz", healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include(api_v1)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Styled pages for people, JSON for the API (common/errors.py).
handler400 = "onewindow.common.errors.bad_request"
handler403 = "onewindow.common.errors.permission_denied"
handler404 = "onewindow.common.errors.page_not_found"
handler500 = "onewindow.common.errors.server_error"
