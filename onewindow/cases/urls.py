from django.urls import path

from onewindow.cases import handling_views, views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("tasks/", handling_views.my_tasks, name="my-tasks"),
    path("lights/", handling_views.lights, name="lights"),
    path("credit/", views.credit_list, name="credit-list"),
    path("credit/<id:record_id>/lift/", views.credit_lift, name="credit-lift"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/act/<str:action>/", views.case_act, name="act"),
    path("<str:reference>/handle/<str:action>/", handling_views.case_handle, name="handle"),
    path("<str:reference>/notices/<id:notice_id>.pdf", views.notice_pdf, name="notice"),
    path("<str:reference>/delivery-receipt.pdf", views.delivery_receipt_pdf, name="delivery-receipt"),
    path("<str:reference>/materials/<id:line_id>/", views.material_file, name="material-file"),
]
