from django.urls import path

from onewindow.evaluations import views

app_name = "evaluations"
urlpatterns = [
    # public: the window's tablet, the online rating forms, the monthly satisfaction
    path("rate/window/<str:number>/", views.tablet, name="tablet"),
    path("rate/window/<str:number>/state/", views.tablet_state, name="tablet-state"),
    path("rate/window/<str:number>/rate/", views.tablet_rate, name="tablet-rate"),
    path("rate/staff/<id:pk>/photo/", views.staff_photo, name="staff-photo"),
    path("rate/case/", views.rate_case, name="rate-case"),
    path("rate/my/<str:reference>/", views.rate_my_case, name="rate-my-case"),
    path("rate/<str:token>/", views.rate_link, name="rate-link"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    # desk and office
    path("desk/evaluations/", views.desk, name="desk"),
    path("desk/evaluations/push/", views.push, name="push"),
    path("desk/evaluations/rectifications/<id:pk>/", views.rectification_detail, name="rectification"),
    path("desk/evaluations/rectifications/<id:pk>/evidence/", views.appeal_evidence, name="appeal-evidence"),
    path("office/evaluations/", views.office, name="office"),
    path("office/evaluations/export.xlsx", views.office_export, name="office-export"),
]
