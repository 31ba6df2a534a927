"""Production settings with the bench's URLs (bench_urls: the empty reference view added)."""

from onewindow.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
