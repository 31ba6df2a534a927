"""The counter's pages and the portal's application, my-cases and progress pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from onewindow.cases import services
from onewindow.cases.models import Case, CaseStatus, CreditRecord
from onewindow.cases.tests.factories import State, at, company, id_card, published_item, receive
from onewindow.notifications.models import Notification
from onewindow.org.tests.factories import PASSWORD, credit_code


@pytest.fixture
def current(hall, seeded_calendar):
    """An item in force today (the pages use the real clock)."""
    return published_item(hall, today=timezone.localdate())


def _login(client, staff):
    client.force_login(staff.user)
    return client


def intake_post(version, **overrides):
    data = {
        "item": version.item.implementation_code,
        "idempotency_key": "form-token-1",
        "applicant_kind": "ORGANISATION",
        "applicant_name": "庄河市海味餐饮有限公司",
        "id_number": credit_code(4242),
        "legal_representative": "王海",
        "contact_name": "张晓梅",
        "contact_id_number": id_card(),
        "contact_phone": "13912345678",
        "outcome": "accept",
    }
    for material in version.materials.all():
        data[f"state_{material.pk}"] = {
            "REQUIRED": "RECEIVED",
            "DEFERRABLE": "RECEIVED",
            "OPTIONAL": "NOT_PROVIDED",
        }[material.necessity]
        if material.source == "SHARED":
            data[f"state_{material.pk}"] = "SHARED"
        data[f"originals_{material.pk}"] = material.original_count
        data[f"copies_{material.pk}"] = material.copy_count
    data.update(overrides)
    return data


def test_intake_finds_the_item_by_name_and_prefills_the_checklist(client, hall, current):
    _login(client, hall["clerk"])
    response = client.get(reverse("cases:intake"), {"item": "食品经营"})
    assert response.status_code == 302  # one match: straight to its form
    page = client.get(response["Location"]).content.decode()
    assert "食品经营许可申请书" in page and "今日受理则承诺办结于" in page
    assert page.count('value="RECEIVED" checked') == 3  # the required and 容缺 materials


def test_intake_and_accept_in_one_step(client, hall, current):
    _login(client, hall["clerk"])
    response = client.post(reverse("cases:intake"), intake_post(current))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.number])
    assert case.status == CaseStatus.ACCEPTED
    page = client.get(response["Location"]).content.decode()
    assert "受理通知书" in page and case.query_code in page

    # The same form posted again (a double click) does not make a second case.
    client.post(reverse("cases:intake"), intake_post(current))
    assert Case.objects.count() == 1


def test_intake_with_a_missing_material_cannot_be_accepted_and_leaves_nothing(client, hall, current):
    _login(client, hall["clerk"])
    material = current.materials.get(name="法定代表人身份证明")
    response = client.post(
        reverse("cases:intake"), intake_post(current, **{f"state_{material.pk}": "MISSING"})
    )
    assert response.status_code == 200
    assert "材料不齐，不能受理：法定代表人身份证明" in response.content.decode()
    assert not Case.objects.exists()


def test_intake_shows_an_invalid_credit_code_beside_the_field(client, hall, current):
    _login(client, hall["clerk"])
    response = client.post(reverse("cases:intake"), intake_post(current, id_number="91210283MA0QXXXXX0"))
    assert response.status_code == 200
    assert "统一社会信用代码" in response.content.decode()
    assert not Case.objects.exists()


def test_intake_with_a_correction_notice_then_resubmission_on_the_case_page(client, hall, current):
    _login(client, hall["clerk"])
    material = current.materials.get(name="法定代表人身份证明")
    client.post(
        reverse("cases:intake"),
        intake_post(current, outcome="correction", **{f"state_{material.pk}": "MISSING"}),
    )
    case = Case.objects.get()
    assert case.status == CaseStatus.CORRECTION
    notice = case.notices.get()
    pdf = client.get(reverse("cases:notice", args=[case.reference, notice.pk]))
    assert pdf["Content-Type"] == "application/pdf"

    response = client.post(
        reverse("cases:act", args=[case.reference, "resubmit"]), {"supplied": [material.pk], "then": "accept"}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert response["Location"] == reverse("cases:detail", args=[case.number])


def test_case_page_refusal_needs_the_competent_authority(client, hall, food, settings):
    case = receive(hall, food)
    settings.ONEWINDOW_FROZEN_NOW = at(case.received_date, 10)  # within the 5 days to decide
    _login(client, hall["clerk"])
    client.post(
        reverse("cases:act", args=[case.reference, "refuse"]), {"kind": "NOT_COMPETENT", "reason": "跨区"}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    client.post(
        reverse("cases:act", args=[case.reference, "refuse"]),
        {"kind": "NOT_COMPETENT", "reason": "跨区", "competent_authority": "瓦房店市市场监督管理局"},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED


def test_case_list_search_and_scope(client, hall, food, settings):
    case = receive(hall, food)
    settings.ONEWINDOW_FROZEN_NOW = at(case.received_date, 10)  # still 待受理: found by its receipt number
    _login(client, hall["clerk"])
    page = client.get(reverse("cases:list"), {"q": "市海味"}).content.decode()
    assert case.receipt_number in page
    _login(client, hall["township_clerk"])
    assert case.receipt_number not in client.get(reverse("cases:list"), {"q": "市海味"}).content.decode()
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 404


def test_desk_pages_are_for_staff(client, hall, food, django_user_model):
    case = receive(hall, food)
    citizen = django_user_model.objects.create_user("citizen", password=PASSWORD)
    client.force_login(citizen)
    assert client.get(reverse("cases:list")).status_code == 403
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 403
    _login(client, hall["fee"])
    assert client.get(reverse("cases:intake")).status_code == 403


# Portal -----------------------------------------------------------------------------------


def test_signup_checks_the_id_card_and_logs_in(client, db):
    data = {
        "username": "zhangsan",
        "full_name": "张三",
        "id_card_number": id_card()[:-1] + "0" if id_card()[-1] != "0" else id_card()[:-1] + "1",
        "phone": "13912345678",
        "password1": "Citizen-pass-2026",
        "password2": "Citizen-pass-2026",
    }
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200 and "身份证号码校验位错误" in response.content.decode()
    data["id_card_number"] = id_card()
    response = client.post(reverse("accounts:signup"), data)
    assert response["Location"] == reverse("portal:my-cases")
    assert client.get(reverse("portal:my-cases")).status_code == 200


def test_online_application_with_uploads_and_my_cases(
    client, hall, current, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    citizen = django_user_model.objects.create_user(
        "citizen", password=PASSWORD, full_name="张晓梅", id_card_number=id_card(), phone="13912345678"
    )
    client.force_login(citizen)
    form = client.get(reverse("portal:apply", args=[current.item.implementation_code])).content.decode()
    assert id_card() in form  # pre-filled from the account
    upload = current.materials.get(name="食品经营许可申请书")
    identity = current.materials.get(name="法定代表人身份证明")
    response = client.post(
        reverse("portal:apply", args=[current.item.implementation_code]),
        {
            "applicant_kind": "PERSON",
            "applicant_name": "张晓梅",
            "id_type": "RESIDENT_ID",
            "id_number": id_card(),
            "contact_phone": "13912345678",
            f"file_{upload.pk}": SimpleUploadedFile(
                "申请书.pdf", b"%PDF-1.4 test", content_type="application/pdf"
            ),
            f"file_{identity.pk}": SimpleUploadedFile(
                "身份证明.pdf", b"%PDF-1.4 id", content_type="application/pdf"
            ),
        },
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("portal:my-case", args=[case.reference])
    assert case.channel == "ONLINE" and case.applicant_user == citizen
    assert case.materials.get(name="食品经营许可申请书").file
    # A deferrable (容缺) material left out online is missing; the window's pre-review decides.
    assert case.materials.get(name="食品安全管理制度").state == State.MISSING
    page = client.get(reverse("portal:my-cases")).content.decode()
    assert case.receipt_number in page and "网上申请已提交" in page
    assert Notification.objects.get(user=citizen).read_at is not None


def test_online_pre_review_correction_and_applicant_upload(
    client, hall, current, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    citizen = django_user_model.objects.create_user("citizen", password=PASSWORD, full_name="张晓梅")
    case = services.case_receive(
        version=current,
        applicant=company(),
        materials=[],
        user=citizen,
        at=timezone.now(),
    ).case
    _login(client, hall["clerk"])
    online = client.get(reverse("cases:list")).content.decode()
    assert "网上申请待预审" in online and case.receipt_number in online
    data = {}
    for material in current.materials.all():
        state = "MISSING" if material.name == "法定代表人身份证明" else "RECEIVED"
        if material.source == "SHARED":
            state = "SHARED"
        if material.necessity == "OPTIONAL":
            state = "NOT_PROVIDED"
        data[f"state_{material.pk}"] = state
    client.post(reverse("cases:act", args=[case.reference, "correction"]), data)
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION

    client.force_login(citizen)
    missing = current.materials.get(name="法定代表人身份证明")
    page = client.get(reverse("portal:my-case", args=[case.reference])).content.decode()
    assert "请补正以下材料" in page and "法定代表人身份证明" in page
    client.post(
        reverse("portal:my-case", args=[case.reference]),
        {
            f"file_{missing.pk}": SimpleUploadedFile(
                "身份证.pdf", b"%PDF-1.4 id", content_type="application/pdf"
            )
        },
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.materials.get(name="法定代表人身份证明").file


def test_an_applicant_cannot_open_another_applicants_case(client, hall, current, django_user_model):
    owner = django_user_model.objects.create_user("owner", password=PASSWORD)
    other = django_user_model.objects.create_user("other", password=PASSWORD)
    case = services.case_receive(
        version=current, applicant=company(), materials=[], user=owner, at=timezone.now()
    ).case
    client.force_login(other)
    assert client.get(reverse("portal:my-case", args=[case.reference])).status_code == 404
    notice_url = f"/my/cases/{case.reference}/notices/1.pdf"
    assert client.get(notice_url).status_code == 404


def test_progress_page_shows_status_without_personal_data(client, hall, food):
    case = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(date(2026, 11, 16)))
    page = client.get(
        reverse("portal:progress"), {"number": case.number, "query_code": case.query_code}
    ).content.decode()
    assert "2026-11-23" in page and "已受理" in page and "市场监督管理局" in page
    for personal in (case.applicant_name, case.id_number, case.contact_phone, case.contact_name):
        assert personal not in page
    wrong = client.get(
        reverse("portal:progress"),
        {"number": case.number, "query_code": "000000" if case.query_code != "000000" else "111111"},
    )
    assert "没有找到该办件" in wrong.content.decode()


def test_progress_page_is_rate_limited(client, hall, food, settings):
    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 2
    case = receive(hall, food)
    for _attempt in range(3):
        client.get(reverse("portal:progress"), {"number": case.reference, "query_code": "x"})
    response = client.get(
        reverse("portal:progress"), {"number": case.reference, "query_code": case.query_code}
    )
    assert response.status_code == 429 and "查询失败次数过多" in response.content.decode()


def test_office_keeps_the_bad_credit_list(client, hall, food):
    _login(client, hall["office"])
    bad = {"id_number": "91210283MA0QXXXXX0", "name": "某公司", "reason": "失信", "listed_date": "2026-11-01"}
    response = client.post(reverse("cases:credit-list"), bad)
    assert response.status_code == 200 and "统一社会信用代码" in response.content.decode()
    applicant = company()
    client.post(reverse("cases:credit-list"), bad | {"id_number": applicant.id_number.lower()})
    record = CreditRecord.objects.get()
    assert record.id_number == applicant.id_number
    with pytest.raises(ValidationError):  # no 容缺 for them now
        receive(
            hall,
            food,
            applicant=applicant,
            materials=[
                services.MaterialEntry(
                    material_id=food.materials.get(name="食品安全管理制度").pk,
                    state=State.DEFERRED,
                    deferred_until=date(2026, 11, 20),
                )
            ],
        )
    client.post(reverse("cases:credit-lift", args=[record.pk]))
    record.refresh_from_db()
    assert record.lifted_date is not None
    _login(client, hall["clerk"])
    assert client.get(reverse("cases:credit-list")).status_code == 403


def test_uploaded_materials_are_served_only_to_staff_who_see_the_case(
    client, hall, current, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    citizen = django_user_model.objects.create_user("citizen", password=PASSWORD)
    material = current.materials.get(name="食品经营许可申请书")
    case = services.case_receive(
        version=current,
        applicant=company(),
        materials=[
            services.MaterialEntry(
                material_id=material.pk,
                state=State.RECEIVED,
                file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
            )
        ],
        user=citizen,
        at=timezone.now(),
    ).case
    line = case.materials.get(material=material)
    url = reverse("cases:material-file", args=[case.reference, line.pk])
    _login(client, hall["clerk"])
    assert url in client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 scan"
    _login(client, hall["township_clerk"])
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    assert client.get(url).status_code == 403


def test_the_intake_checklist_speaks_english_when_english_is_chosen(client, hall, current):
    # Given a clerk who switched the interface to English
    _login(client, hall["clerk"])
    client.post("/i18n/setlang/", {"language": "en", "next": reverse("cases:intake")})
    # When she opens the intake form of an item
    response = client.get(reverse("cases:intake"), {"item": current.item.implementation_code}, follow=True)
    page = response.content.decode()
    # Then the checklist's choices are in English, not the language the module was imported in
    assert 'value="RECEIVED" checked> Received</label>' in page
    assert "> Does not meet requirements</label>" in page
    assert "> Deferred (to be submitted later)</label>" in page
    assert "> 不符合要求</label>" not in page
