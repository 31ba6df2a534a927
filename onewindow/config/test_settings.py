"""Settings for the test suite: the ordinary settings with development defaults, so tests need no
environment. pytest-django still runs every test with DEBUG off."""

import os

os.environ.setdefault("ONEWINDOW_DEBUG", "1")

import tempfile  # noqa: E402

from onewindow.config.settings import *  # noqa: E402,F403

# Uploaded files of a test run go to a throw-away folder, not the developer's var/media.
MEDIA_ROOT = tempfile.mkdtemp(prefix="onewindow-test-media-")

# Every test reads the calendar's revision on each call (the flush between transactional tests
# rewrites the calendar tables); workcalendar/tests/test_selectors.py turns the recheck window on.
ONEWINDOW_CALENDAR_RECHECK_SECONDS = 0
# Likewise a user's access (org/tests/test_access_cache.py turns it on): tests edit roles directly.
ONEWINDOW_ACCESS_RECHECK_SECONDS = 0
# And the catalog's revision and versions in force (catalog/tests/test_recent.py turns it on).
ONEWINDOW_CATALOG_RECHECK_SECONDS = 0
