"""The guide, the kiosk and the office's catalog pages, through the test client."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onewindow.catalog import selectors, services
from onewindow.catalog.models import Item, ItemVersion, Theme
from onewindow.catalog.tests.factories import NOW, make_item, publish
from onewindow.common import clock

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(hall):
    """Two published items (food licensing and marriage registration) and one unpublished draft."""
    reviewer, office = hall["reviewer"].user, hall["office"].user
    food = make_item(
        department=hall["market"], user=reviewer, code="SCJG0101", name="食品经营许可", keywords="餐饮 小吃"
    )
    marriage = make_item(
        department=hall["housing"],
        user=office,
        code="MZ0001",
        name="结婚登记",
        keywords="婚姻 领证",
        result_name="结婚证",
        fee_items=[],
        themes=list(Theme.objects.filter(name="婚姻登记")),
        service_objects=["1"],
    )
    publish(food, submitter=reviewer, approver=office, today=clock.today())
    services.version_submit(version=marriage, user=office, now=NOW)
    services.version_approve(version=marriage, user=_second_office(hall), now=NOW, today=clock.today())
    make_item(department=hall["market"], user=reviewer, code="DRAFT01", name="食品生产许可")
    return {"food": food, "marriage": marriage}


def _second_office(hall):
    from onewindow.org.models import Role
    from onewindow.org.tests.factories import make_staff

    return make_staff(site=hall["county"], roles=[Role.CENTER_OFFICE], username="office2").user


def test_search_finds_by_part_of_name_and_by_keyword(published):
    client = Client()
    html = client.get("/guide/?q=食品").content.decode()
    assert "食品经营许可" in html and "结婚登记" not in html
    assert "食品生产许可" not in html  # a draft is not public
    assert "结婚登记" in client.get("/guide/?q=结婚").content.decode()
    assert "结婚登记" in client.get("/guide/?q=领证").content.decode()
    empty = client.get("/guide/?q=护照").content.decode()
    assert "没有找到与“护照”相关的事项" in empty


def test_browse_by_theme_department_type_and_audience(published, hall):
    client = Client()
    theme = Theme.objects.get(name="婚姻登记")
    assert _result_names(client.get(f"/guide/?theme={theme.pk}")) == ["结婚登记"]
    assert _result_names(client.get(f"/guide/?department={hall['market'].pk}")) == ["食品经营许可"]
    assert _result_names(client.get("/guide/?audience=COMPANIES")) == ["食品经营许可"]
    assert sorted(_result_names(client.get("/guide/?audience=PEOPLE"))) == ["结婚登记", "食品经营许可"]
    assert _result_names(client.get("/guide/?type=20")) == []
    # nonsense filters are ignored, not errors
    assert client.get("/guide/?department=abc&type=zz&page=999").status_code == 200


def _result_names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(
        r'<article class="result card">\s*<h2><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_item_page_shows_the_ten_disclosures(published):
    response = Client().get("/guide/SCJG0101/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "事项名称与设定依据",
        "受理条件",
        "申请材料",
        "办理流程",
        "办理时限",
        "收费项目、标准与依据",
        "办理地点、时间与方式",
        "办理结果",
        "办理进度查询",
        "咨询与监督",
    ):
        assert heading in html, heading
    assert "《关于工本费标准的通知》" in html and "10.00元/本" in html
    assert Client().get("/guide/DRAFT01/").status_code == 404
    assert Client().get("/guide/NOSUCH/").status_code == 404


def test_notice_prints_and_downloads_as_pdf(published):
    client = Client()
    page = client.get("/guide/SCJG0101/notice/")
    assert page.status_code == 200 and "一次性告知单" in page.content.decode()
    pdf = client.get("/guide/SCJG0101/notice.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.content)) == 1  # one page


def test_without_a_chinese_font_the_pdf_says_why_and_the_print_view_still_works(published, settings):
    settings.ONEWINDOW_PDF_FONT = "/nonexistent/font.ttc"
    response = Client().get("/guide/SCJG0101/notice.pdf")
    assert response.status_code == 503
    assert "/nonexistent/font.ttc" in response.content.decode()
    assert Client().get("/guide/SCJG0101/notice/").status_code == 200


def test_kiosk_reaches_an_item_by_touch(published):
    client = Client()
    home = client.get("/kiosk/").content.decode()
    assert "/kiosk/PEOPLE/" in home
    people = client.get("/kiosk/PEOPLE/").content.decode()
    theme = Theme.objects.get(name="婚姻登记")
    assert f"/kiosk/items/?theme={theme.pk}" in people
    listing = client.get(f"/kiosk/items/?theme={theme.pk}").content.decode()
    assert "/kiosk/items/MZ0001/" in listing
    item = client.get("/kiosk/items/MZ0001/").content.decode()
    assert "结婚登记" in item and 'data-idle-seconds="90"' in item
    assert client.get("/kiosk/NOBODY/").status_code == 404
    assert client.get("/kiosk/items/").status_code == 404


def _editor_post(**overrides):
    data = {
        "name": "道路运输经营许可",
        "item_type": "01",
        "case_kind": "PROMISED",
        "legal_basis": "《中华人民共和国道路运输条例》第二十四条",
        "conditions": "1. 有与其经营业务相适应并经检测合格的车辆",
        "procedure": "受理、审查、决定",
        "statutory_limit": "20",
        "statutory_unit": "WORKING_DAYS",
        "promised_limit": "10",
        "promised_unit": "WORKING_DAYS",
        "service_objects": ["2"],
        "handling_forms": ["WINDOW"],
        "visits_required": "1",
        "keywords": "货运 运输",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-0-name": "道路运输经营许可申请表",
        "materials-0-issuer": "申请人",
        "materials-0-original_count": "1",
        "materials-0-copy_count": "0",
        "materials-0-necessity": "REQUIRED",
        "materials-0-medium": "PAPER",
        "materials-0-source": "APPLICANT",
        "materials-0-blank_form": SimpleUploadedFile("申请表.xlsx", b"PK\x03\x04 fake workbook"),
        "fee_items-TOTAL_FORMS": "0",
        "fee_items-INITIAL_FORMS": "0",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-0-name": "受理",
        "steps-0-limit_days": "1",
        "steps-1-name": "审查决定",
        "steps-1-limit_days": "8",
    }
    return data | overrides


def test_office_creates_an_item_with_an_uploaded_form(hall):
    client = logged_in(hall["office"].user)
    data = _editor_post(
        department=str(hall["housing"].pk),
        basic_code="0100099001",
        implementation_code="jt0001",
        handling_variant="NEW",
    )
    response = client.post("/office/catalog/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Item.objects.get(implementation_code="JT0001")
    version = item.versions.get()
    material = version.materials.get()
    assert material.blank_form.name.endswith(".xlsx")
    # catalog staff may download the draft's file; the public and window clerks may not until it is published
    assert logged_in(hall["office"].user).get(f"/guide/files/{material.pk}/form/").status_code == 200
    assert Client().get(f"/guide/files/{material.pk}/form/").status_code == 404
    assert logged_in(hall["clerk"].user).get(f"/guide/files/{material.pk}/form/").status_code == 404
    # a mistyped command does not discard the draft
    assert client.post("/office/catalog/JT0001/draft/sumbit/").status_code == 404
    assert version.__class__.objects.get(pk=version.pk).status == "DRAFT"


def test_invalid_item_is_refused_with_messages_beside_the_fields(hall):
    client = logged_in(hall["reviewer"].user)

    def post(**overrides):
        identity = {
            "department": str(hall["market"].pk),
            "basic_code": "0100099002",
            "implementation_code": "BAD0001",
            "handling_variant": "NEW",
        }
        response = client.post("/office/catalog/new/", _editor_post(**identity | overrides))
        assert response.status_code == 200
        return response.content.decode()

    html = post(
        **{
            "fee_items-TOTAL_FORMS": "1",
            "fee_items-0-name": "证照工本费",
            "fee_items-0-kind": "FIXED",
            "fee_items-0-amount": "10",
            "fee_items-0-legal_basis": "",
        }
    )
    assert re.search(r'id="id_fee_items-0-legal_basis".{0,200}?该字段是必填项', html, re.S)
    html = post(promised_limit="30")
    assert re.search(
        r'id="id_promised_limit".{0,300}?承诺办结时限（30）不得超过法定办结时限（20）', html, re.S
    )
    html = post(case_kind="JOINT")
    assert re.search(r"联办机构.{0,2000}?联办件须选择至少一个联办机构", html, re.S)
    html = post(**{"steps-1-limit_days": "12"})
    assert "各办理环节时限合计13个工作日，超过承诺时限10个工作日" in html
    html = post(**{"materials-0-blank_form": SimpleUploadedFile("virus.exe", b"MZ")})
    assert "只能上传以下格式的文件" in html
    assert not Item.objects.filter(implementation_code="BAD0001").exists()


def test_the_review_journey_through_the_pages(hall, published):
    reviewer, office = logged_in(hall["reviewer"].user), logged_in(hall["office"].user)
    office2 = ItemVersion.objects.get(number=1, item__implementation_code="MZ0001").approved_by
    assert reviewer.post("/office/catalog/SCJG0101/draft/open/").status_code == 302
    edit = reviewer.get("/office/catalog/SCJG0101/draft/")
    assert edit.status_code == 200 and "保存并提交审核" in edit.content.decode()
    form = edit.context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    data = {
        k: v
        for k, v in data.items()
        if v is not None and k not in ("co_departments", "themes", "result_sample")
    }
    data |= {
        "promised_limit": "3",
        "change_summary": "压缩时限",
        "materials-TOTAL_FORMS": "2",
        "materials-INITIAL_FORMS": "0",
        "materials-0-name": "申请书",
        "materials-0-original_count": "1",
        "materials-0-copy_count": "0",
        "materials-0-necessity": "REQUIRED",
        "materials-0-medium": "PAPER",
        "materials-0-source": "APPLICANT",
        "materials-1-name": "营业场所使用证明",
        "materials-1-original_count": "1",
        "materials-1-copy_count": "1",
        "materials-1-necessity": "DEFERRABLE",
        "materials-1-medium": "PAPER",
        "materials-1-source": "APPLICANT",
        "fee_items-TOTAL_FORMS": "0",
        "fee_items-INITIAL_FORMS": "0",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-name": "受理并决定",
        "steps-0-limit_days": "3",
        "then": "submit",
    }
    response = reviewer.post("/office/catalog/SCJG0101/draft/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ItemVersion.objects.get(item__implementation_code="SCJG0101", number=2)
    assert draft.status == ItemVersion.Status.SUBMITTED

    office.post("/office/catalog/SCJG0101/review/", {"decision": "return", "comment": "请写明场所证明的类型"})
    draft.refresh_from_db()
    assert draft.status == ItemVersion.Status.RETURNED
    assert "请写明场所证明的类型" in reviewer.get("/office/catalog/SCJG0101/").content.decode()

    reviewer.post("/office/catalog/SCJG0101/draft/submit/")
    # the public still sees version 1 while version 2 is under review
    assert selectors.version_in_force(implementation_code="SCJG0101", on_date=clock.today()).number == 1
    logged_in(office2).post(
        "/office/catalog/SCJG0101/review/",
        {"decision": "approve", "effective_date": clock.today().isoformat()},
    )
    draft.refresh_from_db()
    assert draft.status == ItemVersion.Status.APPROVED
    assert "营业场所使用证明" in Client().get("/guide/SCJG0101/").content.decode()
    diff = office.get("/office/catalog/SCJG0101/compare/?from=1&to=2").content.decode()
    assert "承诺办结时限" in diff and "<ins>" in diff and "营业场所使用证明" in diff
    assert office.get("/office/catalog/SCJG0101/compare/?from=x&to=2").status_code == 302


def test_who_may_open_what(hall, published):
    assert logged_in(hall["clerk"].user).get("/office/catalog/new/").status_code == 403
    assert logged_in(hall["clerk"].user).get("/office/catalog/").status_code == 403
    assert logged_in(hall["fee"].user).get("/office/catalog/SCJG0101/").status_code == 403
    # a market reviewer cannot see a housing item
    assert logged_in(hall["reviewer"].user).get("/office/catalog/MZ0001/").status_code == 404
    assert logged_in(hall["reviewer"].user).get("/office/catalog/import/").status_code == 403
    assert (
        logged_in(hall["reviewer"].user)
        .post("/office/catalog/SCJG0101/review/", {"decision": "approve"})
        .status_code
        == 403
    )
    assert Client().get("/office/catalog/").status_code == 302
    for url in (
        "/office/catalog/",
        "/office/catalog/SCJG0101/",
        "/office/catalog/review/",
        "/office/catalog/SCJG0101/versions/1/",
        "/office/catalog/import/",
    ):
        assert logged_in(hall["office"].user).get(url).status_code == 200, url


def test_browse_counts_follow_an_approval_at_once(published, hall):
    theme = Theme.objects.get(name="婚姻登记")
    assert [
        t.item_count
        for t in selectors.themes_with_counts(on_date=clock.today())["PEOPLE"]
        if t.pk == theme.pk
    ] == [1]
    reviewer = hall["reviewer"].user
    another = make_item(
        department=hall["market"], user=reviewer, code="MZ0002", name="补领结婚证", themes=[theme]
    )
    publish(another, submitter=reviewer, approver=hall["office"].user, today=clock.today())
    assert [
        t.item_count
        for t in selectors.themes_with_counts(on_date=clock.today())["PEOPLE"]
        if t.pk == theme.pk
    ] == [2]
    assert (
        f'?theme={theme.pk}" class="">婚姻登记 <span class="count">2</span>'
        in Client().get("/guide/").content.decode()
    )
