from django.urls import path

from onewindow.screen import views

app_name = "screen"
urlpatterns = [
    path("screen/", views.home, name="home"),
    path("screen/<str:site_code>/", views.screen, name="screen"),
    path("screen/<str:site_code>/data", views.data, name="data"),
    path("office/screen/", views.office, name="office"),
]
