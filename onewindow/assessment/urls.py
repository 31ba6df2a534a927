from django.urls import path

from onewindow.assessment import views

app_name = "assessment"
urlpatterns = [
    # The office console
    path("office/assessment/", views.rankings, name="rankings"),
    path("office/assessment/compute/", views.compute, name="compute"),
    path("office/assessment/scores/<id:pk>/", views.score_detail, name="score"),
    path("office/assessment/awards/", views.award_grant, name="award-grant"),
    path("office/assessment/awards/publish/", views.awards_publish, name="awards-publish"),
    path("office/assessment/awards/<id:pk>/revoke/", views.award_revoke, name="award-revoke"),
    path("office/assessment/attendance/", views.attendance_sheet, name="attendance"),
    path("office/assessment/attendance/export.xlsx", views.attendance_export, name="attendance-export"),
    path("office/assessment/departments/", views.department_report, name="departments"),
    path("office/assessment/departments/export.xlsx", views.department_export, name="departments-export"),
    path("office/assessment/scheme/", views.scheme, name="scheme"),
    # The desk: signing in and out
    path("desk/attendance/sign-in/", views.sign, {"action": "in"}, name="sign-in"),
    path("desk/attendance/sign-out/", views.sign, {"action": "out"}, name="sign-out"),
    # The portal
    path("awards/", views.awards_public, name="awards-public"),
]
