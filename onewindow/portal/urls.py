from django.urls import path

from onewindow.portal import guide, online, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", guide.guide, name="guide"),
    path("guide/files/<id:material_id>/<str:kind>/", guide.material_file, name="guide-file"),
    path("guide/result-samples/<id:version_id>/", guide.result_sample, name="guide-result-sample"),
    path("guide/<str:code>/", guide.item, name="guide-item"),
    path("guide/<str:code>/notice/", guide.notice, name="guide-notice"),
    path("guide/<str:code>/apply/", online.apply, name="apply"),
    path("my/cases/", online.my_cases, name="my-cases"),
    path("my/cases/<str:reference>/", online.my_case, name="my-case"),
    path("my/cases/<str:reference>/notices/<id:notice_id>.pdf", online.my_notice, name="my-notice"),
    path(
        "my/cases/<str:reference>/delivery-receipt.pdf",
        online.my_delivery_receipt,
        name="my-delivery-receipt",
    ),
    path("progress/", online.progress, name="progress"),
    path("guide/<str:code>/notice.pdf", guide.notice_download, name="guide-notice-pdf"),
    path("kiosk/", guide.kiosk_home, name="kiosk"),
    path("kiosk/departments/", guide.kiosk_departments, name="kiosk-departments"),
    path("kiosk/items/", guide.kiosk_list, name="kiosk-list"),
    path("kiosk/items/<str:code>/", guide.kiosk_item, name="kiosk-item"),
    path("kiosk/<str:audience>/", guide.kiosk_audience, name="kiosk-audience"),
]
