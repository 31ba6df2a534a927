from django.urls import path

from onewindow.complaints import views

app_name = "complaints"
urlpatterns = [
    # The public (mobile-first)
    path("complaints/new/", views.complaint_new, name="new"),
    path("complaints/new/done/", views.complaint_filed, name="filed"),
    path("complaints/track/", views.complaint_track, name="track"),
    # The desk: the supervision section's inbox, a chief representative's department view
    path("desk/complaints/", views.desk_inbox, name="inbox"),
    path("desk/complaints/new/", views.desk_register, name="register"),
    path("desk/complaints/<id:pk>/", views.desk_detail, name="detail"),
    path(
        "desk/complaints/<id:pk>/attachments/<id:attachment_id>/",
        views.desk_attachment,
        name="attachment",
    ),
    # The office console
    path("office/complaints/", views.office_list, name="office-list"),
    path("office/complaints/export/", views.office_export, name="office-export"),
]
