from django.urls import path

from onewindow.queueing import api

urlpatterns = [
    path(
        "queue/sites/<str:site_code>/categories",
        api.QueueSiteCategoriesApi.as_view(),
        name="queue-site-categories",
    ),
    path("queue/tickets", api.QueueTicketIssueApi.as_view(), name="queue-ticket-issue"),
    path("queue/tickets/<str:token>", api.QueueTicketApi.as_view(), name="queue-ticket"),
    path("queue/categories/<id:category_id>/slots", api.QueueCategorySlotsApi.as_view(), name="queue-slots"),
    path("queue/appointments", api.QueueAppointmentBookApi.as_view(), name="queue-appointment-book"),
    path("queue/appointments/<str:token>", api.QueueAppointmentApi.as_view(), name="queue-appointment"),
    path(
        "queue/appointments/<str:token>/cancel",
        api.QueueAppointmentCancelApi.as_view(),
        name="queue-appointment-cancel",
    ),
    path("queue/check-in", api.QueueCheckInApi.as_view(), name="queue-check-in"),
    path("queue/windows/<id:window_id>", api.QueueWindowApi.as_view(), name="queue-window"),
    path("queue/windows/<id:window_id>/next", api.QueueWindowNextApi.as_view(), name="queue-window-next"),
    path(
        "queue/windows/<id:window_id>/recall", api.QueueWindowRecallApi.as_view(), name="queue-window-recall"
    ),
    path("queue/windows/<id:window_id>/skip", api.QueueWindowSkipApi.as_view(), name="queue-window-skip"),
    path(
        "queue/windows/<id:window_id>/transfer",
        api.QueueWindowTransferApi.as_view(),
        name="queue-window-transfer",
    ),
    path("queue/windows/<id:window_id>/pause", api.QueueWindowPauseApi.as_view(), name="queue-window-pause"),
    path(
        "queue/windows/<id:window_id>/resume", api.QueueWindowResumeApi.as_view(), name="queue-window-resume"
    ),
    path(
        "queue/windows/<id:window_id>/finish", api.QueueWindowFinishApi.as_view(), name="queue-window-finish"
    ),
    path("queue/kpis", api.QueueKpiApi.as_view(), name="queue-kpis"),
]
