from django.urls import path

from onewindow.workcalendar import api

urlpatterns = [
    path("calendar/working-days/add", api.WorkingDaysAddApi.as_view(), name="api-working-days-add"),
    path(
        "calendar/working-days/between", api.WorkingDaysBetweenApi.as_view(), name="api-working-days-between"
    ),
    path("calendar/years/", api.CalendarYearListApi.as_view(), name="api-calendar-years"),
    path(
        "calendar/years/<calendaryear:year>/", api.CalendarYearDetailApi.as_view(), name="api-calendar-year"
    ),
    path(
        "calendar/years/<calendaryear:year>/arrangements",
        api.CalendarArrangementAddApi.as_view(),
        name="api-calendar-arrangement",
    ),
    path(
        "calendar/years/<calendaryear:year>/publish",
        api.CalendarYearPublishApi.as_view(),
        name="api-calendar-publish",
    ),
    path("calendar/days/<isodate:day>", api.CalendarDayApi.as_view(), name="api-calendar-day"),
]
