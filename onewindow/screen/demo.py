"""The demo's big screen: the link that pairs a browser with the demo center's screen (the
center office hands out the same link from /office/screen/)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from onewindow.org.models import Site
from onewindow.screen.pairing import screen_key


def screen_demo_path(*, county: Site) -> str:
    """The path that pairs a browser with the county center's big screen (open it once)."""
    return f"{reverse('screen:screen', args=[county.code])}?{urlencode({'key': screen_key(county)})}"
