from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "onewindow.common"
    label = "common"
