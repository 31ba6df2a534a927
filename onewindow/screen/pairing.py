"""Who may look at a site's big screen: the TV the center office paired with the site (its
signed key, handed over once by the office's link, then kept in a cookie), or a signed-in member
of the center office, the business or the supervision section who sees the site. The key is
signed with the secret key, salted with ONEWINDOW_SCREEN_KEY_VERSION and tied to the site's id:
it cannot be guessed from the site code, it opens one site's screen only, and raising the version
unpairs every screen at once (docs/adr/0018)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from onewindow.org.models import Site
from onewindow.org.permissions import CONSOLE_ROLES, ORG_MANAGERS
from onewindow.org.selectors import access_for, site_visible_to

#: A key longer than this is not looked at.
KEY_LENGTH = 200


def _salt() -> str:
    return f"onewindow.screen.pairing.v{settings.ONEWINDOW_SCREEN_KEY_VERSION}"


def screen_key(site: Site) -> str:
    """The device key that pairs a TV with `site`'s big screen."""
    return signing.Signer(salt=_salt()).sign(str(site.pk)).rsplit(":", 1)[1]


def screen_key_is_valid(site: Site, key: str) -> bool:
    """Whether `key` is the device key of `site` (a forged key, another site's, or one of an
    earlier key version is not)."""
    return bool(key) and len(key) <= KEY_LENGTH and constant_time_compare(key, screen_key(site))


def may_watch(user, site: Site) -> bool:
    """A signed-in user may open the site's screen: the center office, the business and the
    supervision sections (and administrators) of the site or a site above it."""
    if not access_for(user).has_role(*CONSOLE_ROLES):
        return False
    return site_visible_to(user).filter(pk=site.pk).exists()


def may_pair(user, site: Site) -> bool:
    """The center office (and administrators) of the site or a site above it hand out its link."""
    return access_for(user).has_role(*ORG_MANAGERS) and may_watch(user, site)


def pairable_sites(user):
    """The active sites whose screen links the user may hand out, top first."""
    if not access_for(user).has_role(*ORG_MANAGERS):
        return Site.objects.none()
    return site_visible_to(user).filter(is_active=True).order_by("path")


def watchable_sites(user):
    """The active sites whose screen the user may open, top first."""
    if not access_for(user).has_role(*CONSOLE_ROLES):
        return Site.objects.none()
    return site_visible_to(user).filter(is_active=True).order_by("path")


def home_site(user) -> Site | None:
    """The screen /screen/ opens for a signed-in user: their own site's, else (an administrator
    without a staff record) the top one."""
    access = access_for(user)
    if access.staff is not None:
        return access.staff.site
    return watchable_sites(user).filter(parent__isnull=True).first()
