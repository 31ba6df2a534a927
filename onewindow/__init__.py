"""OneWindow (一窗通办): a one-stop government service center platform."""

from onewindow.config.celery import app as celery_app

__all__ = ["celery_app"]
