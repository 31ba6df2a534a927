"""The online application's materials: one file per material the applicant hands in."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from onewindow.catalog.forms import UploadField
from onewindow.catalog.models import Material
from onewindow.portal import staging


@dataclass
class MaterialRow:
    material: Material
    field: forms.BoundField | None  # None: fetched by the department (共享获取), nothing to upload
    kept: staging.StagedFile | None

    @property
    def must_upload(self) -> bool:
        return self.field is not None and self.material.necessity == Material.Necessity.REQUIRED


class MaterialUploadsForm(forms.Form):
    """`file_<id>` per material the applicant provides. A required (必要) material needs a file;
    a deferrable (容缺) or optional one may be left out, the window's pre-review decides.

    A file chosen on an attempt that came back with an error is kept server-side (`keep_uploads`)
    and comes back as `kept_<id>`, a token signed for this user; a new file replaces it, and
    `drop_<id>` lets it go. `chosen` maps material id → the upload or kept file to hand in."""

    def __init__(self, data=None, files=None, *, materials, user):
        super().__init__(data, files)
        self.user = user
        self.materials = list(materials)
        self.kept: dict[int, staging.StagedFile] = {}
        self.dropped: list[staging.StagedFile] = []
        self.chosen: dict[int, UploadedFile | staging.StagedFile] = {}
        for material in self._uploadable():
            self.fields[f"file_{material.pk}"] = UploadField(label=material.name)
        if self.is_bound:
            self._load_kept()

    def _uploadable(self) -> list[Material]:
        return [material for material in self.materials if material.source != Material.Source.SHARED]

    def _load_kept(self) -> None:
        for material in self._uploadable():
            staged = staging.load(user=self.user, token=self.data.get(f"kept_{material.pk}", ""))
            if staged is None:
                continue
            if self.data.get(f"drop_{material.pk}"):
                self.dropped.append(staged)
            else:
                self.kept[material.pk] = staged

    def clean(self):
        cleaned = super().clean()
        for material in self._uploadable():
            name = f"file_{material.pk}"
            if name in self.errors:
                continue
            upload = cleaned.get(name)
            if upload:
                self.chosen[material.pk] = upload
            elif material.pk in self.kept:
                self.chosen[material.pk] = self.kept[material.pk]
            elif material.necessity == Material.Necessity.REQUIRED:
                self.add_error(name, _("请上传此材料：必要材料须随申请一并提交。"))
        return cleaned

    def keep_uploads(self, *, now) -> None:
        """Stage every new file that passed its own checks, so the next attempt still has it."""
        for material in self._uploadable():
            name = f"file_{material.pk}"
            upload = self.files.get(name)
            if upload is None or name in self.errors:
                continue
            replaced = self.kept.get(material.pk)
            self.kept[material.pk] = staging.stage(user=self.user, upload=upload, now=now)
            if replaced is not None:
                staging.discard(replaced)
        for staged in self.dropped:
            staging.discard(staged)
        self.dropped = []

    def discard_kept(self) -> None:
        """After a successful submission: the kept files have been copied to the case."""
        for staged in (*self.kept.values(), *self.dropped):
            staging.discard(staged)

    def rows(self) -> list[MaterialRow]:
        return [
            MaterialRow(
                material=material,
                field=self[f"file_{material.pk}"] if f"file_{material.pk}" in self.fields else None,
                kept=self.kept.get(material.pk),
            )
            for material in self.materials
        ]
