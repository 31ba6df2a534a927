"""Production settings with the bench's URLs (bench_urls: the empty reference view added)."""

from onewindow.config import settings as _production

globals().update({name: value for name, value in vars(_production).items() if name.isupper()})
ROOT_URLCONF = "bench_urls"
