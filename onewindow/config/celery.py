"""The Celery app. With no CELERY_BROKER_URL, tasks run eagerly in the calling process, so one
machine needs no server; production sets a Redis broker and runs `celery -A onewindow worker`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.config.settings")

app = Celery("onewindow")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
