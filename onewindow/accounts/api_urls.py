from django.urls import path

from onewindow.accounts.api import TokenObtainApi

urlpatterns = [path("auth/token", TokenObtainApi.as_view(), name="api-token")]
