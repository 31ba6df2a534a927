from django.urls import path

from onewindow.queueing import consumers

websocket_urlpatterns = [
    path("ws/queue/hall/<int:site_id>/", consumers.HallConsumer.as_asgi()),
    path("ws/queue/window/<int:window_id>/", consumers.WindowConsumer.as_asgi()),
]
