from django.urls import path

from onewindow.fees import views

app_name = "fees"
urlpatterns = [
    path("", views.counter, name="counter"),
    path("confirm/", views.counter_confirm, name="counter-confirm"),
    path("refunds/", views.refunds, name="refunds"),
    path("refunds/<id:refund_id>/decide/", views.refund_decide, name="refund-decide"),
    path("reconciliation/", views.reconciliation, name="reconciliation"),
    path("reconciliation/statement/", views.statement_import, name="statement-import"),
    path("report/", views.report, name="report"),
    path("cases/<str:reference>/issue/", views.case_issue, name="case-issue"),
    path("cases/<str:reference>/quote/", views.case_quote, name="case-quote"),
    path("notices/<str:number>/cancel/", views.notice_cancel, name="notice-cancel"),
    path("payments/<id:payment_id>/refund/", views.refund_request, name="refund-request"),
]
