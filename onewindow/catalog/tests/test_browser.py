"""Browser journeys of the catalog in the Debian Chromium: a citizen on the guide, a visitor at the
kiosk, and a department clerk and the office taking a change through review."""

import pytest
from django.core.files.base import ContentFile

from onewindow.catalog import services
from onewindow.catalog.models import ItemVersion, Material, Theme
from onewindow.catalog.tests.factories import NOW, make_item, publish
from onewindow.common import clock
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guide(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    office2 = make_staff(
        site=hall["county"], roles=[Role.CENTER_OFFICE], username="office2", full_name="何静怡"
    )
    food = make_item(
        department=hall["market"],
        user=reviewer,
        code="SCJG0101",
        name="食品经营许可",
        keywords="餐饮 小吃 饭店",
        materials=[
            {
                "name": "食品经营许可申请书",
                "issuer": "申请人",
                "blank_form": ContentFile(b"PK\x03\x04 application form", name="申请书.xlsx"),
            },
            {"name": "营业执照", "source": Material.Source.SHARED, "original_count": 0},
            {"name": "经营场所使用证明", "copy_count": 1, "necessity": Material.Necessity.DEFERRABLE},
        ],
    )
    publish(food, submitter=reviewer, approver=office, today=clock.today())
    marriage = make_item(
        department=hall["housing"],
        user=office,
        code="MZ0001",
        name="结婚登记",
        item_type="07",
        case_kind="IMMEDIATE",
        promised_limit=0,
        statutory_limit=0,
        steps=[{"name": "受理", "limit_days": 0}, {"name": "颁证", "limit_days": 0}],
        keywords="婚姻 领证",
        result_name="结婚证",
        fee_items=[],
        service_objects=["1"],
        themes=list(Theme.objects.filter(name="婚姻登记")),
    )
    services.version_submit(version=marriage, user=office, now=NOW)
    services.version_approve(version=marriage, user=office2.user, now=NOW, today=clock.today())
    return hall | {"office2": office2}


def test_a_citizen_finds_reads_downloads_and_prints(guide, live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    page.click("nav.mainnav >> text=办事指南")
    page.fill("input[name=q]", "食品")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("article.result h2").all_inner_texts() == ["食品经营许可"]
    page.screenshot(path=SCREENSHOTS / "guide-search.png", full_page=True)

    page.click("article.result h2 a")
    assert page.locator("h1").inner_text() == "食品经营许可"
    assert page.locator("section.disclosure").count() == 10
    assert "容缺" in page.locator("#d-materials").inner_text()
    page.screenshot(path=SCREENSHOTS / "guide-item.png", full_page=True)

    with page.expect_download() as download:
        page.click("#d-materials a.download")
    assert download.value.suggested_filename == "食品经营许可申请书（空白表）.xlsx"

    page.click("text=打印告知单")
    assert "一次性告知单" in page.locator(".notice-sheet").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    page.screenshot(path=SCREENSHOTS / "guide-notice-print.png", full_page=True)
    page.emulate_media(media="screen")
    pdf = page.request.get(f"{live_server.url}/guide/SCJG0101/notice.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    (SCREENSHOTS / "guide-notice.pdf").write_bytes(pdf.body())


def test_a_visitor_finds_marriage_registration_on_the_kiosk_by_touch(
    guide, live_server, browser_page, settings
):
    settings.ONEWINDOW_KIOSK_IDLE_SECONDS = 2
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(live_server.url + "/kiosk/")
    assert page.locator("input, textarea").count() == 0  # nothing to type into
    page.screenshot(path=SCREENSHOTS / "kiosk-home.png")
    page.click("text=个人办事")
    page.click(".kiosk-tile:has-text('婚姻登记')")
    page.click(".kiosk-tile:has-text('结婚登记')")
    assert page.locator("h1").inner_text() == "结婚登记"
    assert "当场办结" in page.locator(".kiosk-facts").inner_text()
    box = page.locator(".kiosk-back").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 120  # a target a finger can hit
    page.screenshot(path=SCREENSHOTS / "kiosk-item.png")
    # left alone, the kiosk goes back to its home page for the next visitor
    page.wait_for_url(f"{live_server.url}/kiosk/", timeout=6000)


def test_a_change_goes_through_review_and_the_old_version_stays_in_history(guide, live_server, browser_page):
    page = browser_page
    login(page, live_server, guide["reviewer"].user.username)
    page.goto(live_server.url + "/office/catalog/")
    page.click("text=食品经营许可")
    page.click("text=修改（生成新草稿）")
    page.fill("#id_promised_limit", "3")
    page.fill("#id_change_summary", "压缩承诺时限，增加健康证明")
    page.click("[data-formset-add=materials]")
    page.fill("#id_materials-3-name", "从业人员健康证明")
    page.fill("#id_materials-3-issuer", "医疗卫生机构")
    page.fill("#id_steps-1-limit_days", "2")
    page.screenshot(path=SCREENSHOTS / "office-item-edit.png", full_page=True)
    page.click("text=保存并提交审核")
    assert "已提交中心办公室审核" in page.locator(".messages").inner_text()
    logout(page)

    login(page, live_server, guide["office"].user.username)
    page.goto(live_server.url + "/office/catalog/")
    page.click("text=待审核 1")
    page.click("table.data >> text=食品经营许可")
    page.check("input[name=decision][value=return]")
    page.fill("#id_comment", "健康证明请注明“持证上岗人员”")
    page.click("text=提交审核意见")
    assert "已退回修改" in page.locator(".messages").inner_text()
    logout(page)

    login(page, live_server, guide["reviewer"].user.username)
    page.goto(live_server.url + "/office/catalog/SCJG0101/")
    assert "持证上岗人员" in page.locator(".notice-warning").inner_text()
    page.click("text=继续修改草稿")
    page.fill("#id_materials-3-name", "从业人员健康证明（持证上岗人员）")
    page.click("text=保存并提交审核")
    logout(page)

    login(page, live_server, guide["office2"].user.username)
    page.goto(live_server.url + "/office/catalog/SCJG0101/")
    page.check("input[name=decision][value=approve]")
    page.click("text=提交审核意见")
    assert "第2版已批准发布" in page.locator(".messages").inner_text()
    page.click("text=对比上一版")
    assert "从业人员健康证明（持证上岗人员）" in page.locator("body").inner_text()
    assert page.locator("table.diff th").all_inner_texts() == ["字段", "第1版", "第2版", "承诺办结时限"]
    page.screenshot(path=SCREENSHOTS / "office-item-diff.png", full_page=True)

    versions = ItemVersion.objects.filter(item__implementation_code="SCJG0101").order_by("number")
    assert [(v.number, v.status, v.promised_limit) for v in versions] == [
        (1, "APPROVED", 5),
        (2, "APPROVED", 3),
    ]
    page.goto(live_server.url + "/guide/SCJG0101/")
    assert "从业人员健康证明（持证上岗人员）" in page.locator("#d-materials").inner_text()
