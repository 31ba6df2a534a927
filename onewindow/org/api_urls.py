from django.urls import path
from rest_framework.routers import SimpleRouter

from onewindow.org import api

router = SimpleRouter(trailing_slash=True)
router.register("sites", api.SiteViewSet, basename="api-site")
router.register("departments", api.DepartmentViewSet, basename="api-department")
router.register("windows", api.WindowViewSet, basename="api-window")
router.register("staff", api.StaffViewSet, basename="api-staff")

urlpatterns = [
    path("me", api.MeApi.as_view(), name="api-me"),
    path("departments/create", api.DepartmentCreateApi.as_view(), name="api-department-create"),
    path("staff/create", api.StaffCreateApi.as_view(), name="api-staff-create"),
    path("windows/<id:window_id>/posts", api.WindowPostAssignApi.as_view(), name="api-window-post-assign"),
    path("duty-roster/", api.DutyRosterApi.as_view(), name="api-duty-roster"),
    path("duty-roster/gaps", api.DutyGapsApi.as_view(), name="api-duty-gaps"),
    path("duty-roster/generate", api.DutyRosterGenerateApi.as_view(), name="api-duty-generate"),
    path("duty-roster/assign", api.DutyAssignApi.as_view(), name="api-duty-assign"),
    *router.urls,
]
