from django.urls import path

from onewindow.fees import api

urlpatterns = [
    path("cases/<str:reference>/fees", api.CaseFeesApi.as_view(), name="api-case-fees"),
    path("cases/<str:reference>/fee-quote", api.CaseFeeQuoteApi.as_view(), name="api-case-fee-quote"),
    path(
        "cases/<str:reference>/payment-notice",
        api.CasePaymentNoticeApi.as_view(),
        name="api-case-payment-notice",
    ),
    path("payment-notices/<str:number>", api.PaymentNoticeApi.as_view(), name="api-payment-notice"),
    path(
        "payment-notices/<str:number>/pdf", api.PaymentNoticePdfApi.as_view(), name="api-payment-notice-pdf"
    ),
    path(
        "payment-notices/<str:number>/cancel",
        api.PaymentNoticeCancelApi.as_view(),
        name="api-payment-notice-cancel",
    ),
    path("payments/confirm", api.PaymentConfirmApi.as_view(), name="api-payment-confirm"),
    path("payments/<id:payment_id>/refunds", api.PaymentRefundApi.as_view(), name="api-payment-refunds"),
    path("refunds", api.RefundListApi.as_view(), name="api-refund-list"),
    path("refunds/<id:refund_id>/decision", api.RefundDecisionApi.as_view(), name="api-refund-decision"),
    path("bank-statements", api.BankStatementApi.as_view(), name="api-bank-statements"),
    path("reconciliation", api.ReconciliationApi.as_view(), name="api-reconciliation"),
    path("reconciliation/export", api.ReconciliationExportApi.as_view(), name="api-reconciliation-export"),
    path("fiscal-report", api.FiscalReportApi.as_view(), name="api-fiscal-report"),
    path("fiscal-report/export", api.FiscalReportExportApi.as_view(), name="api-fiscal-report-export"),
]
