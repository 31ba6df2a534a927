from django.urls import path

from onewindow.workcalendar import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.year_list, name="year-list"),
    path("<calendaryear:year>/", views.year_detail, name="year-detail"),
    path("<calendaryear:year>/publish/", views.year_publish, name="year-publish"),
    path("<calendaryear:year>/remove-day/", views.day_remove, name="day-remove"),
]
