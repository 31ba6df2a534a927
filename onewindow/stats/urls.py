from django.urls import path

from onewindow.stats import views

app_name = "stats"
urlpatterns = [
    path("office/stats/", views.figures_page, name="figures"),
    path("office/stats/export.xlsx", views.figures_export, name="figures-export"),
]
