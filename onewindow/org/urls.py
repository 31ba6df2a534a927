from django.urls import path

from onewindow.org import views

app_name = "org"
urlpatterns = [
    path("sites/", views.site_tree, name="site-tree"),
    path("departments/", views.department_list, name="department-list"),
    path("departments/new/", views.department_edit, name="department-create"),
    path("departments/<id:pk>/", views.department_edit, name="department-edit"),
    path("windows/", views.window_list, name="window-list"),
    path("windows/new/", views.window_edit, name="window-create"),
    path("windows/<id:pk>/", views.window_edit, name="window-edit"),
    path("windows/<id:pk>/posts/", views.window_post_assign, name="window-post-assign"),
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/new/", views.staff_edit, name="staff-create"),
    path("staff/<id:pk>/", views.staff_edit, name="staff-edit"),
    path("delegations/", views.delegation_list, name="delegation-list"),
    path("delegations/new/", views.delegation_create, name="delegation-create"),
    path("duty/", views.duty_roster, name="duty-roster"),
    path("duty/generate/", views.duty_generate, name="duty-generate"),
    path("duty/windows/<id:window_id>/", views.duty_assign, name="duty-assign"),
    path("duty/absences/", views.absence_record, name="absence-record"),
]
