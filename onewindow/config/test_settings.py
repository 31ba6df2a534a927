"""Settings for the test suite: the ordinary settings with development defaults, so tests need no
environment. pytest-django still runs every test with DEBUG off."""

import os

os.environ.setdefault("ONEWINDOW_DEBUG", "1")

import tempfile  # noqa: E402

from onewindow.config.settings import *  # noqa: E402,F403
from onewindow.config.settings import DATABASES  # noqa: E402

# Uploaded files of a test run go to a throw-away folder, not the developer's var/media.
MEDIA_ROOT = tempfile.mkdtemp(prefix="onewindow-test-media-")

# Every test reads the calendar's revision on each call (the flush between transactional tests
# rewrites the calendar tables); workcalendar/tests/test_selectors.py turns the recheck window on.
ONEWINDOW_CALENDAR_RECHECK_SECONDS = 0
# Likewise a user's access (org/tests/test_access_cache.py turns it on): tests edit roles directly.
ONEWINDOW_ACCESS_RECHECK_SECONDS = 0
# And the catalog's revision and versions in force (catalog/tests/test_recent.py turns it on).
ONEWINDOW_CATALOG_RECHECK_SECONDS = 0

# The read replica (DATABASE_REPLICA_URL, the PostgreSQL pass of `make test` with .ci/replica)
# streams every database of the primary, the test databases too: nothing to create there, the same
# name (pytest-xdist's _gwN suffix included) — Django's test mirror.
if "replica" in DATABASES:
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# Reads go to the replica only in the tests that turn it on (common/tests/test_replica.py): the
# others read what they wrote a moment before, on the primary. The replica is asked every time.
ONEWINDOW_REPLICA_READS = False
ONEWINDOW_REPLICA_RECHECK_SECONDS = 0
