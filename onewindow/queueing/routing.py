"""The WebSocket paths (config/asgi.py): the hall display of a site and each window's display.
Any other path is closed with 4404 rather than failing in the router."""

from django.urls import path, re_path

from onewindow.queueing import consumers

websocket_urlpatterns = [
    path("ws/queue/hall/<int:site_id>/", consumers.HallConsumer.as_asgi()),
    path("ws/queue/window/<int:window_id>/", consumers.WindowConsumer.as_asgi()),
    re_path(r"^", consumers.NotFoundConsumer.as_asgi()),
]
