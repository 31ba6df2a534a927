from django.urls import path

from onewindow.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("credit/", views.credit_list, name="credit-list"),
    path("credit/<int:record_id>/lift/", views.credit_lift, name="credit-lift"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/act/<str:action>/", views.case_act, name="act"),
    path("<str:reference>/notices/<int:notice_id>.pdf", views.notice_pdf, name="notice"),
    path("<str:reference>/materials/<int:line_id>/", views.material_file, name="material-file"),
]
