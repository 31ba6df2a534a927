"""Files an applicant chose on an online application that came back with an error are kept
(staged) under MEDIA_ROOT/staged-uploads/<user id>/, so fixing a typo does not mean choosing every
file again. The page carries one signed token per kept file; the signature is salted with the
user's id, so a token is worthless to anyone else, and it expires after STAGED_MAX_AGE.

A staged file becomes the case's material on the next valid submission and is then removed;
staged files left behind are purged when the same user stages again, and by the
`portal.staged_uploads_purge` task."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

STAGING_ROOT = "staged-uploads"
#: How long a kept file waits for the applicant to submit again.
STAGED_MAX_AGE = timedelta(hours=24)
_SALT = "onewindow.portal.staged-upload"


@dataclass(frozen=True)
class StagedFile:
    """A kept file: where it is stored, the name the applicant chose, and its signed token."""

    path: str
    name: str
    token: str

    def open(self) -> File:
        """The file for a service to store (a FileField takes it as a fresh upload)."""
        return File(default_storage.open(self.path, "rb"), name=self.name)


def _salt(user) -> str:
    return f"{_SALT}:{user.pk}"


def _user_folder(user) -> str:
    return f"{STAGING_ROOT}/{int(user.pk)}/"


def stage(*, user, upload: UploadedFile, now: datetime) -> StagedFile:
    """Keep `upload` for `user` and return it with its token. Purges the user's expired files."""
    purge_user(user=user, now=now)
    name = PurePosixPath(upload.name or "file").name[:150] or "file"
    suffix = PurePosixPath(name).suffix.lower()[:10]
    path = default_storage.save(f"{_user_folder(user)}{uuid.uuid4().hex}{suffix}", upload)
    token = signing.dumps({"path": path, "name": name}, salt=_salt(user), compress=True)
    return StagedFile(path=path, name=name, token=token)


def load(*, user, token: str) -> StagedFile | None:
    """The kept file `token` names, if it was signed for this user, has not expired and still
    exists; None otherwise."""
    if not token or len(token) > 1000:
        return None
    try:
        data = signing.loads(token, salt=_salt(user), max_age=STAGED_MAX_AGE)
    except signing.BadSignature:
        return None
    path, name = str(data.get("path", "")), str(data.get("name", ""))
    if not path.startswith(_user_folder(user)) or ".." in path or not default_storage.exists(path):
        return None
    return StagedFile(path=path, name=name, token=token)


def discard(staged: StagedFile) -> None:
    default_storage.delete(staged.path)


def purge_user(*, user, now: datetime) -> int:
    return _purge_folder(_user_folder(user), now=now)


def purge(*, now: datetime) -> int:
    """Remove every staged file older than STAGED_MAX_AGE; returns how many."""
    if not default_storage.exists(STAGING_ROOT):
        return 0
    folders, _files = default_storage.listdir(STAGING_ROOT)
    return sum(_purge_folder(f"{STAGING_ROOT}/{folder}/", now=now) for folder in folders)


def _purge_folder(folder: str, *, now: datetime) -> int:
    if not default_storage.exists(folder):
        return 0
    _folders, files = default_storage.listdir(folder)
    removed = 0
    for file_name in files:
        path = f"{folder}{file_name}"
        if now - default_storage.get_modified_time(path) > STAGED_MAX_AGE:
            default_storage.delete(path)
            removed += 1
    return removed
