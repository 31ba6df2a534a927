from django.urls import path

from onewindow.stats import views

app_name = "stats"
urlpatterns = [
    path("office/stats/", views.figures_page, name="figures"),
    path("office/stats/export.xlsx", views.figures_export, name="figures-export"),
    path("office/stats/reports/", views.reports_page, name="reports"),
    path("office/stats/reports/<id:pk>/", views.report_page, name="report"),
    path(
        "office/stats/reports/<id:pk>/report.pdf", views.report_file, {"extension": "pdf"}, name="report-pdf"
    ),
    path(
        "office/stats/reports/<id:pk>/report.xlsx",
        views.report_file,
        {"extension": "xlsx"},
        name="report-xlsx",
    ),
    path("statistics/", views.public_statistics, name="public"),
]
