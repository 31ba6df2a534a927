from django.urls import path

from onewindow.stats import api

urlpatterns = [
    path("stats/figures", api.StatsFiguresApi.as_view(), name="stats-figures"),
    path("stats/reports", api.StatsReportsApi.as_view(), name="stats-reports"),
]
