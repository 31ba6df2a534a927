from django.urls import path

from onewindow.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.board, name="board"),
    path("screen/", views.screen, name="screen"),
    path("cases/", views.lit_cases, name="cases"),
    path("orders/new/", views.order_new, name="order-new"),
    path("orders/<id:pk>/", views.order_detail, name="order-detail"),
    path("orders/<id:pk>/pdf/", views.order_letter, name="order-pdf"),
    path("records/<id:pk>/", views.record_detail, name="record-detail"),
    path("department/", views.department_desk, name="department"),
    path("push/", views.push_log, name="push-log"),
    path("findings/", views.findings, name="findings"),
]
