"""Gunicorn's settings for `make serve` and production (`gunicorn -c python:onewindow.config.gunicorn`).

Pre-forked worker processes, each with a few threads: a request is mostly waiting on PostgreSQL,
so threads overlap that wait while the processes use the cores. Every value can be set from the
environment (ONEWINDOW_BIND, ONEWINDOW_WORKERS, ONEWINDOW_THREADS, ONEWINDOW_TIMEOUT), and
gunicorn's own GUNICORN_CMD_ARGS still applies on top.
"""

import multiprocessing
import os

wsgi_app = "onewindow.config.wsgi:application"
bind = os.environ.get("ONEWINDOW_BIND", "127.0.0.1:8000")
#: (2 × cores) + 1, gunicorn's rule of thumb, unless set.
workers = int(os.environ.get("ONEWINDOW_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("ONEWINDOW_THREADS", "4"))
#: A window's PDF or a year's fiscal report must finish; a hung request must not hold a worker.
timeout = int(os.environ.get("ONEWINDOW_TIMEOUT", "60"))
graceful_timeout = 30
#: Clients (the hall's PCs, integrations) reuse their connection between requests.
keepalive = 5
#: A worker is replaced after this many requests (with jitter), so a slow leak cannot grow.
max_requests = int(os.environ.get("ONEWINDOW_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
#: The application is loaded once, before forking: the workers share its memory.
preload_app = True
accesslog = os.environ.get("ONEWINDOW_ACCESS_LOG", "-") or None  # "" turns it off
errorlog = "-"
#: Behind a reverse proxy (nginx) that sets X-Forwarded-Proto; its address is trusted.
forwarded_allow_ips = os.environ.get("ONEWINDOW_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """Each worker opens its own database connections: none is inherited from the preloaded parent."""
    from django.db import connections

    connections.close_all()
