"""The applicant's online application: required materials need a file, and files already chosen
survive a submission that comes back with an error."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from onewindow.cases.models import Case
from onewindow.cases.tests.factories import State, id_card, published_item
from onewindow.org.tests.factories import PASSWORD
from onewindow.portal import staging


@pytest.fixture
def current(hall, seeded_calendar):
    """食品经营许可 in force today: 申请书 and 身份证明 required, 管理制度 deferrable, 平面图 optional,
    营业执照 shared."""
    return published_item(hall, today=timezone.localdate())


@pytest.fixture
def citizen(django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return django_user_model.objects.create_user(
        "citizen", password=PASSWORD, full_name="张晓梅", id_card_number=id_card(), phone="13912345678"
    )


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), content_type="application/pdf")


def _applicant(**overrides) -> dict:
    return {
        "applicant_kind": "PERSON",
        "applicant_name": "张晓梅",
        "id_type": "RESIDENT_ID",
        "id_number": id_card(),
        "contact_phone": "13912345678",
        **overrides,
    }


def _material(version, name):
    return version.materials.get(name=name)


def _url(version) -> str:
    return reverse("portal:apply", args=[version.item.implementation_code])


def test_a_required_material_without_a_file_is_refused_beside_the_material(client, current, citizen):
    client.force_login(citizen)
    application = _material(current, "食品经营许可申请书")
    identity = _material(current, "法定代表人身份证明")
    response = client.post(_url(current), {**_applicant(), f"file_{application.pk}": _pdf("申请书.pdf")})
    assert response.status_code == 200
    assert not Case.objects.exists()
    page = response.content.decode()
    assert "申请尚未提交" in page
    row = page[page.index(f'id="material-{identity.pk}"') :]
    row = row[: row.index('class="upload-row')]
    assert "请上传此材料：必要材料须随申请一并提交。" in row


def test_deferrable_and_optional_materials_may_be_left_out(client, current, citizen):
    client.force_login(citizen)
    files = {
        f"file_{_material(current, name).pk}": _pdf(f"{name}.pdf")
        for name in ("食品经营许可申请书", "法定代表人身份证明")
    }
    response = client.post(_url(current), {**_applicant(), **files})
    case = Case.objects.get()
    assert response["Location"] == reverse("portal:my-case", args=[case.reference])
    assert case.materials.get(name="食品安全管理制度").state == State.MISSING
    assert case.materials.get(name="经营场所平面图").state == State.NOT_PROVIDED


def test_files_chosen_before_an_error_are_kept_and_used_on_the_next_valid_submission(
    client, current, citizen
):
    client.force_login(citizen)
    application = _material(current, "食品经营许可申请书")
    identity = _material(current, "法定代表人身份证明")
    # Given an application with both required files but no phone number
    first = client.post(
        _url(current),
        {
            **_applicant(contact_phone=""),
            f"file_{application.pk}": _pdf("申请书.pdf"),
            f"file_{identity.pk}": _pdf("身份证明.pdf"),
        },
    )
    page = first.content.decode()
    assert first.status_code == 200 and not Case.objects.exists()
    # Then the page says which files it keeps, and carries a token for each
    assert "申请书.pdf" in page and "身份证明.pdf" in page and "（保留）" in page
    tokens = {material.pk: _hidden_value(page, f"kept_{material.pk}") for material in (application, identity)}
    # When the applicant fixes the phone number without choosing the files again
    second = client.post(
        _url(current),
        {**_applicant(), **{f"kept_{pk}": token for pk, token in tokens.items()}},
    )
    # Then the case has both files, and nothing is left in the staging area
    case = Case.objects.get()
    assert second["Location"] == reverse("portal:my-case", args=[case.reference])
    for name, chosen in (("食品经营许可申请书", "申请书.pdf"), ("法定代表人身份证明", "身份证明.pdf")):
        line = case.materials.get(name=name)
        assert line.state == State.RECEIVED
        with line.file.open("rb") as handle:
            assert handle.read() == f"%PDF-1.4 {chosen}".encode()
    assert default_storage.listdir(f"{staging.STAGING_ROOT}/{citizen.pk}")[1] == []


def test_a_kept_file_can_be_replaced_by_a_new_choice(client, current, citizen):
    client.force_login(citizen)
    application = _material(current, "食品经营许可申请书")
    identity = _material(current, "法定代表人身份证明")
    first = client.post(_url(current), {**_applicant(), f"file_{application.pk}": _pdf("旧申请书.pdf")})
    token = _hidden_value(first.content.decode(), f"kept_{application.pk}")
    client.post(
        _url(current),
        {
            **_applicant(),
            f"kept_{application.pk}": token,
            f"file_{application.pk}": _pdf("新申请书.pdf"),
            f"file_{identity.pk}": _pdf("身份证明.pdf"),
        },
    )
    line = Case.objects.get().materials.get(name="食品经营许可申请书")
    with line.file.open("rb") as handle:
        assert handle.read() == "%PDF-1.4 新申请书.pdf".encode()


def test_another_user_cannot_use_a_kept_file(client, current, citizen, django_user_model):
    client.force_login(citizen)
    application = _material(current, "食品经营许可申请书")
    first = client.post(_url(current), {**_applicant(), f"file_{application.pk}": _pdf("申请书.pdf")})
    token = _hidden_value(first.content.decode(), f"kept_{application.pk}")
    other = django_user_model.objects.create_user("other", password=PASSWORD)
    assert staging.load(user=citizen, token=token) is not None
    assert staging.load(user=other, token=token) is None
    assert staging.load(user=citizen, token=token[:-2] + "xx") is None


def test_kept_files_expire(citizen):
    staged = staging.stage(user=citizen, upload=_pdf("申请书.pdf"), now=timezone.now())
    later = timezone.now() + staging.STAGED_MAX_AGE + timezone.timedelta(minutes=1)
    assert staging.purge(now=timezone.now()) == 0
    assert staging.purge(now=later) == 1
    assert staging.load(user=citizen, token=staged.token) is None


def _hidden_value(page: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_the_purge_task_removes_expired_kept_files(citizen, monkeypatch):
    from onewindow.portal import tasks

    staging.stage(user=citizen, upload=_pdf("申请书.pdf"), now=timezone.now())
    assert tasks.staged_uploads_purge() == 0
    monkeypatch.setattr(staging, "STAGED_MAX_AGE", timezone.timedelta(seconds=-1))
    assert tasks.staged_uploads_purge() == 1
