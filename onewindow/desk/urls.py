from django.urls import path

from onewindow.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.home, name="home"),
    path("due-date/", views.due_date, name="due-date"),
    path("inbox/", views.inbox, name="inbox"),
]
