"""The project's URLs plus the empty view every HTTP bench measures against: the same stack
(middleware, routing, sessions), no work."""

from django.http import HttpResponse
from django.urls import include, path


def empty(request):
    return HttpResponse("")


urlpatterns = [path("bench-empty/", empty), path("", include("onewindow.config.urls"))]
