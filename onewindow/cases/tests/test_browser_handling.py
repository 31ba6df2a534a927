"""Browser journeys of a case after acceptance, in the Debian Chromium, through the desk's pages:

- a joint 建设工程规划许可证核发 (lead: natural resources; co-departments: housing and ecology)
  taken and accepted at the window on Monday 2026-09-21; the housing reviewer answers from
  "my tasks", the lead reviewer reviews the plan; an expert review (特别程序) runs over the
  Mid-Autumn holiday and moves both due dates by exactly its 3 working days; the ecology
  department stays silent and is deemed to agree at the chief representative's next action (his
  one extension, requested and approved at once); he decides with the certificate; the window
  mails the result; the timeline shows every step with who and when;
- what the pages refuse: a co-department deciding, delivering before the decision, deciding
  while suspended.

The clock is frozen through settings.ONEWINDOW_FROZEN_NOW (the live server runs in this process).
The working calendar comes from data: 2026-09-25 (Fri) Mid-Autumn, 09-26/27 the weekend,
10-01..07 National Day, Saturday 10-10 a make-up working day.
"""

import io
import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from onewindow.cases import services
from onewindow.cases.models import Case, CaseStatus, Delivery, Extension, Notice, Task
from onewindow.cases.tests.factories import company, id_card
from onewindow.catalog.models import CaseKind
from onewindow.catalog.tests.factories import make_item, publish
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.org.models import Role
from onewindow.org.services import DelegatedItem, delegation_create
from onewindow.org.tests.factories import credit_code, make_department, make_staff
from onewindow.workcalendar.selectors import working_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHANGHAI = ZoneInfo("Asia/Shanghai")
ITEM_CODE = "ZRZY0301"
ITEM_NAME = "建设工程规划许可证核发"
PROMISED_LIMIT = 10
STATUTORY_LIMIT = 20

MATERIALS = [
    {"name": "建设工程规划许可证申请表", "issuer": "申请人", "original_count": 1, "copy_count": 0},
    {"name": "建设项目用地批准文件", "issuer": "自然资源部门", "original_count": 0, "copy_count": 1},
    {"name": "建设工程设计方案", "issuer": "设计单位", "original_count": 1, "copy_count": 0},
    {"name": "建设工程设计方案总平面图", "issuer": "设计单位", "original_count": 1, "copy_count": 0},
]


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def planning(hall, seeded_calendar, settings):
    """The natural resources department with its reviewer and its chief representative (whose
    letter covers the item, not on the spot), the ecology department, a reviewer in each
    co-department, and the published joint item (10 of 20 working days, silence is consent)."""
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 9, 21), 9, 0)
    county = hall["county"]
    resources = make_department(site=county, name="自然资源局")
    ecology = make_department(site=county, name="生态环境局")
    people = {
        "lead_reviewer": make_staff(
            site=county,
            roles=[Role.DEPARTMENT_REVIEWER],
            department=resources,
            username="zr_reviewer",
            full_name="孙立新",
        ),
        "lead_chief": make_staff(
            site=county,
            roles=[Role.CHIEF_REPRESENTATIVE],
            department=resources,
            username="zr_chief",
            full_name="周文斌",
        ),
        "housing_reviewer": make_staff(
            site=county,
            roles=[Role.DEPARTMENT_REVIEWER],
            department=hall["housing"],
            username="zj_reviewer",
            full_name="何雪梅",
        ),
        "ecology_reviewer": make_staff(
            site=county,
            roles=[Role.DEPARTMENT_REVIEWER],
            department=ecology,
            username="sthj_reviewer",
            full_name="高远",
        ),
    }
    draft = make_item(
        department=resources,
        user=people["lead_reviewer"].user,
        code=ITEM_CODE,
        name=ITEM_NAME,
        case_kind=CaseKind.JOINT,
        co_departments=[hall["housing"], ecology],
        is_silence_consent=True,
        promised_limit=PROMISED_LIMIT,
        statutory_limit=STATUTORY_LIMIT,
        legal_basis="《中华人民共和国城乡规划法》第四十条",
        conditions="1. 已取得建设项目用地批准文件。\n2. 建设工程设计方案符合控制性详细规划。",
        result_name="建设工程规划许可证",
        keywords="建设工程 规划 许可",
        fee_items=[],
        materials=MATERIALS,
        steps=[
            {"name": "受理", "limit_days": 0},
            {"name": "方案审查", "limit_days": 3},
            {"name": "住建部门意见", "limit_days": 3, "department": hall["housing"]},
            {"name": "生态环境部门意见", "limit_days": 3, "department": ecology},
            {"name": "决定", "limit_days": 1},
        ],
    )
    version = publish(
        draft, submitter=people["lead_reviewer"].user, approver=hall["office"].user, today=date(2026, 9, 1)
    )
    delegation_create(
        chief_representative=people["lead_chief"],
        letter_number="自然资授〔2026〕3号",
        signed_by="赵局长",
        valid_from_date=date(2026, 1, 1),
        items=[DelegatedItem(item_code=ITEM_CODE, item_name=ITEM_NAME, may_decide_on_the_spot=False)],
    )
    return {"version": version, "resources": resources, "ecology": ecology, **people}


# Helpers -------------------------------------------------------------------------------------


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"handling-{name}.png", full_page=True)


def message(page, kind: str) -> str:
    """The text of the page's success or error message (there must be one)."""
    return page.inner_text(f".messages .message-{kind}")


def open_case_from_my_tasks(page, live_server, case: Case, task_name: str) -> None:
    page.click("nav >> text=我的待办")
    page.wait_for_selector("h1:has-text('我的待办')")
    row = page.locator("table.data tbody tr", has_text=case.number)
    assert task_name in row.inner_text()
    row.locator(f"a:has-text('{case.number}')").click()
    page.wait_for_selector("#tasks")


def open_case_by_search(page, case: Case) -> None:
    page.click("nav >> text=收件受理")
    page.fill("#case-q", case.number)
    page.click("form.search-box button:has-text('查找')")
    page.click(f"a:has-text('{case.number}')")
    page.wait_for_selector("h1:has-text('建设工程规划许可证核发')")


def task_row(page, name: str):
    return page.locator("#tasks tbody tr", has=page.locator(f"td:first-child strong:text-is('{name}')"))


def give_opinion(page, task_name: str, opinion: str) -> None:
    row = task_row(page, task_name)
    row.locator("summary:has-text('提出意见')").click()
    row.locator("input[name=verdict][value=AGREE]").check()
    row.locator("textarea[name=opinion]").fill(opinion)
    row.locator("button:has-text('提交意见')").click()
    page.wait_for_selector(".messages")
    assert message(page, "success") == "意见已提交。"


def shown_dues(page) -> dict[str, date]:
    """The due dates of the clocks table (法定期限, 承诺期限, each running task's, 送达期限)."""
    dues = {}
    rows = page.locator("#clocks table.clocks tbody tr")
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td")
        dues[cells.nth(0).inner_text().strip()] = date.fromisoformat(cells.nth(2).inner_text().strip())
    return dues


def post_directly(page, handle: str, case: Case, fields: dict[str, str]) -> None:
    """Submit a handling form that the page does not offer: the action's URL, with the page's
    CSRF token, from the browser (so the answer shows as a message on the case page)."""
    action = f"/desk/cases/{case.reference}/handle/{handle}/"
    with page.expect_navigation():
        page.evaluate(
            """([action, fields]) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = action;
                const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
                for (const [name, value] of Object.entries({csrfmiddlewaretoken: token, ...fields})) {
                    const input = document.createElement("input");
                    input.type = "hidden";
                    input.name = name;
                    input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }""",
            [action, fields],
        )
    page.wait_for_selector(".messages")


def fetch_pdf(page, live_server, link_text: str, name: str) -> str:
    """Download the notice linked as `link_text` from the case's 文书 list, keep it (and a PNG of
    its first page) in the screenshots folder, and return its text."""
    href = page.get_attribute(f".doc-list a:text-is('{link_text}')", "href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    path = SCREENSHOTS / f"handling-{name}.pdf"
    path.write_bytes(response.body())
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is needed to render the notices as PNG"
    subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [pdftoppm, "-png", "-r", "60", "-singlefile", str(path), str(path.with_suffix(""))], check=True
    )
    reader = PdfReader(io.BytesIO(response.body()))
    return "".join(pdf_page.extract_text() for pdf_page in reader.pages).replace("\x00", "").replace("\n", "")


def timeline(page) -> list[tuple[str, str, str]]:
    """The 办件记录 as (action, "YYYY-MM-DD HH:MM", actor)."""
    rows = []
    items = page.locator("ol.timeline > li")
    for index in range(items.count()):
        item = items.nth(index)
        when, _, who = item.locator("span.small.muted").first.inner_text().partition(" · ")
        rows.append((item.locator("strong").first.inner_text().strip(), when.strip(), who.strip()))
    return rows


# The journey ---------------------------------------------------------------------------------


def test_joint_planning_permit_from_acceptance_to_mailed_certificate(
    browser_page, live_server, hall, planning, settings
):
    page = browser_page
    calendar = working_calendar()
    accepted_on = date(2026, 9, 21)

    # 1. Monday 09-21: the window clerk takes the application and accepts it.
    settings.ONEWINDOW_FROZEN_NOW = moment(accepted_on, 9, 30)
    login(page, live_server, hall["clerk"].user.username)
    page.click("nav >> text=收件受理")
    page.click("text=新收件")
    page.fill("#item-code", "建设工程规划")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=今日受理则承诺办结于")
    promised = calendar.add(accepted_on, PROMISED_LIMIT)
    statutory = calendar.add(accepted_on, STATUTORY_LIMIT)
    assert promised.isoformat() in page.inner_text(".item-pick")
    page.check("input[name=applicant_kind][value=ORGANISATION]")
    page.fill("#id_applicant_name", "庄河市滨海置业有限公司")
    page.fill("#id_id_number", credit_code(5151))
    page.fill("#id_legal_representative", "刘海涛")
    page.fill("#id_contact_name", "张晓梅")
    page.fill("#id_contact_id_number", id_card())
    page.fill("#id_contact_phone", "13912345678")
    shot(page, "intake")
    page.click("button[value=accept]")
    page.wait_for_selector("text=已受理，办件编号")
    case = Case.objects.get()
    assert case.status == CaseStatus.ACCEPTED
    assert (case.promised_due_date, case.statutory_due_date) == (promised, statutory)
    assert shown_dues(page)["承诺期限"] == promised and shown_dues(page)["法定期限"] == statutory
    tasks = page.inner_text("#tasks")
    for name in ("方案审查", "住建部门意见", "生态环境部门意见", "决定"):
        assert name in tasks
    shot(page, "accepted")
    logout(page)

    # 2. Tuesday 09-22: the housing reviewer answers from "my tasks"; the lead reviewer reviews.
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 9, 22), 10, 15)
    login(page, live_server, planning["housing_reviewer"].user.username)
    page.click("nav >> text=我的待办")
    page.wait_for_selector("h1:has-text('我的待办')")
    shot(page, "my-tasks")
    open_case_from_my_tasks(page, live_server, case, "住建部门意见")
    assert task_row(page, "方案审查").locator("summary:has-text('提出意见')").count() == 0
    give_opinion(page, "住建部门意见", "同意。建筑退界、间距符合住建部门要求。")
    assert "已完成" in task_row(page, "住建部门意见").inner_text()
    assert "何雪梅" in task_row(page, "住建部门意见").inner_text()
    shot(page, "co-opinion")
    logout(page)

    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 9, 22), 15, 40)
    login(page, live_server, planning["lead_reviewer"].user.username)
    open_case_from_my_tasks(page, live_server, case, "方案审查")
    give_opinion(page, "方案审查", "同意。设计方案符合控制性详细规划，建议提交专家评审。")
    # the decision waits for the other co-department's opinion before its clock starts
    assert "未开始" in task_row(page, "决定").inner_text()
    logout(page)

    # 3. Thursday 09-24: the lead reviewer starts an expert review of 3 working days.
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 9, 24), 9, 20)
    login(page, live_server, planning["lead_reviewer"].user.username)
    open_case_by_search(page, case)
    before = shown_dues(page)
    assert (before["承诺期限"], before["法定期限"]) == (promised, statutory)
    page.click("summary:has-text('启动特别程序')")
    suspend = page.locator("form[action$='/handle/suspend/']")
    suspend.locator("select[name=kind]").select_option(label="专家评审")
    suspend.locator("input[name=expected_days]").fill("3")
    suspend.locator("textarea[name=reason]").fill("建筑高度接近限高，组织规划、建筑专家对设计方案进行评审")
    suspend.locator("button:has-text('启动并出具告知书')").click()
    page.wait_for_selector(".messages")
    assert message(page, "success") == "特别程序已开始，请打印特别程序告知书交申请人。"
    assert "特别程序中" in page.inner_text("h1")
    shot(page, "suspended")
    notice_text = fetch_pdf(page, live_server, "特别程序告知书", "suspension")
    assert "专家评审" in notice_text and "不计算在办理期限内" in notice_text
    assert case.number in notice_text and "3个工作日" in notice_text
    logout(page)

    # 4. Wednesday 09-30: the review is over; the 3 working days (09-28, 29, 30: 09-25 is a
    #    holiday, 26/27 the weekend) are not counted.
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 9, 30), 16, 0)
    login(page, live_server, planning["lead_reviewer"].user.username)
    open_case_by_search(page, case)
    page.locator("form[action$='/handle/resume/'] textarea[name=outcome]").fill(
        "专家评审通过，建议按评审意见微调屋顶构架高度。"
    )
    page.click("button:has-text('结束特别程序，恢复计时')")
    page.wait_for_selector(".messages")
    assert message(page, "success") == "特别程序已结束，办理期限已顺延。"
    after = shown_dues(page)
    moved_promised = calendar.add(before["承诺期限"], 3)
    moved_statutory = calendar.add(before["法定期限"], 3)
    assert (after["承诺期限"], after["法定期限"]) == (moved_promised, moved_statutory)
    assert "特别程序 3 个工作日不计入办理期限" in page.inner_text("#clocks")
    stat = page.inner_text(".grid .stat:has-text('承诺办结日期')")
    assert moved_promised.isoformat() in stat and moved_statutory.isoformat() in stat
    case.refresh_from_db()
    assert (case.promised_due_date, case.statutory_due_date) == (moved_promised, moved_statutory)
    assert case.suspended_days == 3 and case.status == CaseStatus.ACCEPTED
    ecology_due = case.tasks.get(name="生态环境部门意见").due_date
    assert ecology_due == calendar.add(date(2026, 9, 24), 3)  # its own clock moved too
    shot(page, "resumed")
    logout(page)

    # 5. Thursday 10-08, after National Day: ecology has stayed silent past its limit. The chief
    #    representative's extension (requested and approved at once) settles it first.
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 10, 8), 9, 10)
    login(page, live_server, planning["lead_chief"].user.username)
    open_case_by_search(page, case)
    assert "办理中" in task_row(page, "生态环境部门意见").inner_text()
    page.click("summary:has-text('延长办理期限')")
    extend = page.locator("form[action$='/handle/extend/']")
    extend.locator("input[name=days]").fill("15")
    extend.locator("textarea[name=reason]").fill("专家评审意见需申请人调整设计方案，联合审查工作量大")
    extend.locator("button:has-text('申请并批准')").click()
    page.wait_for_selector(".messages")
    assert message(page, "success") == "已批准延长办理期限，请打印延长审批期限告知书交申请人。"
    ecology_row = task_row(page, "生态环境部门意见").inner_text()
    assert "逾期视为同意" in ecology_row and "逾期未提出意见，视为同意。" in ecology_row
    extended = shown_dues(page)
    assert extended["承诺期限"] == calendar.add(moved_promised, 15)
    assert extended["法定期限"] == calendar.add(moved_statutory, 15)
    assert page.locator(".doc-list a:text-is('延长审批期限告知书')").count() == 1
    assert page.locator("summary:has-text('延长办理期限')").count() == 0  # not offered again
    shot(page, "extended")
    extension_text = fetch_pdf(page, live_server, "延长审批期限告知书", "extension")
    assert "延长15个工作日" in extension_text and "周文斌" in extension_text
    post_directly(page, "extend", case, {"days": "5", "reason": "再延一次", "approve": "1"})
    assert message(page, "error") == "本办件已延长过一次办理期限，依法不能再次延长。"
    assert case.extensions.filter(status=Extension.Status.APPROVED).count() == 1
    assert case.extensions.count() == 1
    shot(page, "second-extension-refused")

    # 6. Friday 10-09: the chief representative decides, with the certificate.
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 10, 9), 10, 30)
    page.reload()
    decision = page.locator("form[action$='/handle/decision/']")
    decision.locator("input[name=decision][value=APPROVED]").check()
    assert decision.locator("input[name=result_name]").input_value() == "建设工程规划许可证"
    decision.locator("input[name=result_number]").fill("建字第210283202600018号")
    decision.locator("input[name=valid_until]").fill("2027-10-08")
    decision.locator("button:has-text('作出决定')").click()
    page.wait_for_selector(".messages")
    assert message(page, "success") == "已办结，请打印决定书和证照，并在10个工作日内送达。"
    assert "已办结" in page.inner_text("h1")
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED and case.result_number == "建字第210283202600018号"
    assert case.delivery_due_date == calendar.add(date(2026, 10, 9), 10)
    shot(page, "decided")
    decision_text = fetch_pdf(page, live_server, "准予行政许可决定书", "decision")
    assert "准予行政许可决定书" in decision_text and "建字第210283202600018号" in decision_text
    assert "3个工作日（特别程序）" in decision_text
    certificate_text = fetch_pdf(page, live_server, "建设工程规划许可证", "certificate")
    assert "建设工程规划许可证" in certificate_text and "庄河市滨海置业有限公司" in certificate_text
    assert "自然资源局" in certificate_text
    logout(page)

    # 7. Monday 10-12: the window mails the certificate.
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 10, 12), 14, 5)
    login(page, live_server, hall["clerk"].user.username)
    open_case_by_search(page, case)
    deliver = page.locator("form[action$='/handle/deliver/']")
    deliver.locator("input[name=method][value=MAIL]").check()
    deliver.locator("input[name=carrier]").fill("中国邮政EMS")
    deliver.locator("input[name=waybill_number]").fill("1189324570012")
    deliver.locator("input[name=address]").fill("辽宁省庄河市昌盛街道黄海大街88号 张晓梅 13912345678")
    deliver.locator("button:has-text('登记送达')").click()
    page.wait_for_selector(".messages")
    assert message(page, "success") == "已登记送达。"
    assert "已送达" in page.inner_text("h1")
    delivery = Delivery.objects.get(case=case)
    assert (delivery.method, delivery.waybill_number, delivery.is_late) == ("MAIL", "1189324570012", False)
    assert "1189324570012" in page.inner_text(".facts")

    # 8. The timeline: every step, who and when.
    clerk, chief = "王秀英", "周文斌"
    assert timeline(page) == [
        ("收件", "2026-09-21 09:30", clerk),
        ("受理", "2026-09-21 09:30", clerk),
        ("指派全程代办人", "2026-09-21 09:30", clerk),
        ("协办部门提出意见", "2026-09-22 10:15", "何雪梅"),
        ("提出审查意见", "2026-09-22 15:40", "孙立新"),
        ("特别程序开始", "2026-09-24 09:20", "孙立新"),
        ("特别程序结束", "2026-09-30 16:00", "孙立新"),
        ("协办逾期，视为同意", "2026-10-08 09:10", "系统"),
        ("申请延长期限", "2026-10-08 09:10", chief),
        ("批准延长期限", "2026-10-08 09:10", chief),
        ("办结", "2026-10-09 10:30", chief),
        ("送达", "2026-10-12 14:05", clerk),
    ]
    shot(page, "delivered")
    assert set(case.notices.values_list("kind", flat=True)) == {
        Notice.Kind.ACCEPTANCE,
        Notice.Kind.SUSPENSION,
        Notice.Kind.EXTENSION,
        Notice.Kind.DECISION,
        Notice.Kind.CERTIFICATE,
    }


# What the pages refuse -------------------------------------------------------------------------


@pytest.fixture
def accepted_case(hall, planning, settings):
    """The application accepted at the window on Monday 09-21 (the journey above takes it through
    the intake page)."""
    received = services.case_receive(
        version=planning["version"],
        applicant=company(name="庄河市滨海置业有限公司"),
        materials=[],
        user=hall["clerk"].user,
        at=moment(date(2026, 9, 21), 9, 30),
    ).case
    return services.case_accept(case=received, user=hall["clerk"].user, at=moment(date(2026, 9, 21), 9, 40))


def test_refused_moves_say_why(browser_page, live_server, hall, planning, accepted_case, settings):
    page = browser_page
    case = accepted_case
    settings.ONEWINDOW_FROZEN_NOW = moment(date(2026, 9, 22), 10, 0)

    # A co-department reviewer is not offered the decision, and is refused when he posts it.
    login(page, live_server, planning["housing_reviewer"].user.username)
    open_case_from_my_tasks(page, live_server, case, "住建部门意见")
    assert page.locator("form[action$='/handle/decision/']").count() == 0
    post_directly(page, "decision", case, {"decision": "APPROVED"})
    assert message(page, "error") == (
        f"您没有覆盖“{ITEM_NAME}”的有效授权书，不能作出决定；请由主办部门首席代表决定。"
    )
    shot(page, "refused-no-delegation")
    logout(page)

    # The window is not offered delivery before the decision, and is refused when it posts it.
    login(page, live_server, hall["clerk"].user.username)
    open_case_by_search(page, case)
    assert page.locator("form[action$='/handle/deliver/']").count() == 0
    post_directly(
        page,
        "deliver",
        case,
        {
            "method": "MAIL",
            "carrier": "中国邮政EMS",
            "waybill_number": "1189324570099",
            "address": "黄海大街88号",
        },
    )
    assert message(page, "error") == f"办件 {case.number} 当前为“已受理”，不能送达。"
    shot(page, "refused-deliver-early")
    logout(page)

    # While an expert review runs, the chief representative is not offered the decision, and is
    # refused when he posts it.
    login(page, live_server, planning["lead_reviewer"].user.username)
    open_case_by_search(page, case)
    page.click("summary:has-text('启动特别程序')")
    suspend = page.locator("form[action$='/handle/suspend/']")
    suspend.locator("select[name=kind]").select_option(label="专家评审")
    suspend.locator("input[name=expected_days]").fill("3")
    suspend.locator("textarea[name=reason]").fill("组织专家评审设计方案")
    suspend.locator("button:has-text('启动并出具告知书')").click()
    page.wait_for_selector(".messages")
    logout(page)

    login(page, live_server, planning["lead_chief"].user.username)
    open_case_by_search(page, case)
    assert "特别程序中" in page.inner_text("h1")
    assert page.locator("form[action$='/handle/decision/']").count() == 0
    post_directly(page, "decision", case, {"decision": "APPROVED"})
    assert message(page, "error") == f"办件 {case.number} 当前为“特别程序中”，不能办结。"
    shot(page, "refused-decide-suspended")

    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED and case.decided_at is None
    assert not Delivery.objects.filter(case=case).exists()
    assert case.tasks.filter(status=Task.Status.DONE).count() == 0
