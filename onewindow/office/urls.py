from django.urls import path

from onewindow.office import views

app_name = "office"
urlpatterns = [path("", views.dashboard, name="dashboard")]
