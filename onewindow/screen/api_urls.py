from django.urls import path

from onewindow.screen import api

urlpatterns = [
    path("screen/<str:site_code>", api.ScreenApi.as_view(), name="screen-figures"),
]
