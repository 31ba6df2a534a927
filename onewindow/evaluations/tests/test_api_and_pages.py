"""Through what people and systems touch: the API (public endpoints rate-limited), the tablet's
pages, the progress page's form, the desk and office pages, the Excel export, masking."""

import io

import pytest
from django.test import override_settings
from openpyxl import load_workbook
from rest_framework.test import APIClient

from onewindow.cases.services import site_code
from onewindow.cases.tests.factories import at
from onewindow.evaluations import services
from onewindow.evaluations.models import Channel, Rating, Rectification, Service
from onewindow.fees.tests.factories import TUESDAY

NOW = at(TUESDAY, 10, 0)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.ONEWINDOW_FROZEN_NOW = NOW


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_push_and_rate_through_the_api(hall, finished):
    window = hall["windows"][1]
    answer = api(hall["market_a"].user).post(
        "/api/v1/evaluations/services", {"window": window.pk, "case": finished.reference}, format="json"
    )
    assert answer.status_code == 201, answer.content
    token = Service.objects.get(pk=answer.json()["id"]).token
    rated = api().post(
        "/api/v1/evaluations/ratings/window", {"token": token, "level": 4, "reasons": ["RUDE"]}, format="json"
    )
    number = f"{site_code(hall['county'])}差评整改〔2026〕1号"
    assert rated.status_code == 201 and rated.json()["rectification_number"] == number
    again = api().post("/api/v1/evaluations/ratings/window", {"token": token, "level": 1}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "not_waiting"
    listed = api(hall["office"].user).get("/api/v1/evaluations/ratings/", {"bad": "1"}).json()["results"]
    assert [row["level_label"] for row in listed] == ["不满意"]
    assert listed[0]["rater_name"] == finished.applicant_name  # the office handles ratings
    masked = api(hall["reviewer"].user).get("/api/v1/evaluations/ratings/").json()["results"]
    assert masked[0]["rater_name"] != finished.applicant_name and "*" in masked[0]["rater_name"]
    assert "*" in masked[0]["rater_phone"]


def test_bad_input_and_strangers_get_clear_errors(hall, finished):
    assert api().post("/api/v1/evaluations/services", {"window": 1}, format="json").status_code in (401, 403)
    assert (
        api(hall["office"].user)
        .post("/api/v1/evaluations/services", {"window": hall["windows"][0].pk}, format="json")
        .status_code
        == 403
    )
    assert (
        api(hall["market_a"].user)
        .post("/api/v1/evaluations/services", {"window": 10**19}, format="json")
        .status_code
        == 400
    )
    wrong_code = api().post(
        "/api/v1/evaluations/ratings/case",
        {"number": finished.reference, "query_code": "000000", "level": 1},
        format="json",
    )
    assert wrong_code.status_code == 404
    assert (
        api()
        .post(
            "/api/v1/evaluations/ratings/case",
            {"number": finished.reference, "query_code": finished.query_code, "level": 7},
            format="json",
        )
        .status_code
        == 400
    )
    assert (
        api(hall["market_a"].user).get("/api/v1/evaluations/ratings/", {"department": "x"}).status_code == 400
    )
    assert (
        api(hall["market_a"].user).get("/api/v1/evaluations/ratings/", {"from": "2026-02-30"}).status_code
        == 400
    )
    assert api().get("/api/v1/evaluations/satisfaction", {"from": "2026-13-01"}).status_code == 400
    assert not Rating.objects.exists()


def test_the_public_rating_endpoints_are_rate_limited(hall, finished, settings):
    settings.ONEWINDOW_RATINGS_PER_HOUR = 2
    client = api()
    body = {"number": finished.reference, "query_code": "bad", "level": 1}
    codes = [
        client.post("/api/v1/evaluations/ratings/case", body, format="json").status_code for _ in range(3)
    ]
    assert codes == [404, 404, 429]
    assert "频繁" in client.post("/api/v1/evaluations/ratings/case", body, format="json").json()["message"]


def test_rectification_commands_and_the_appeal_through_the_api(hall, finished, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    answer = api().post(
        "/api/v1/evaluations/ratings/case",
        {"number": finished.reference, "query_code": finished.query_code, "level": 5, "reasons": ["LATE"]},
        format="json",
    )
    assert answer.status_code == 201
    rectification = Rectification.objects.get()
    chief = api(hall["chief"].user)
    assert chief.get("/api/v1/evaluations/rectifications/").json()["results"][0]["light"] == "green"
    assert (
        chief.post(
            f"/api/v1/evaluations/rectifications/{rectification.pk}/verify", {"accept": True}, format="json"
        ).status_code
        == 403
    )
    exe = io.BytesIO(b"MZ...")
    exe.name = "evidence.exe"
    refused = chief.post(
        f"/api/v1/evaluations/ratings/{answer.json()['id']}/appeal",
        {"ground": "MALICIOUS", "reason": "申请人系同行竞争对手，恶意差评。", "evidence": exe},
        format="multipart",
    )
    assert refused.status_code == 400 and "evidence" in refused.json()["errors"]
    pdf = io.BytesIO(b"%PDF-1.4 evidence")
    pdf.name = "evidence.pdf"
    filed = chief.post(
        f"/api/v1/evaluations/ratings/{answer.json()['id']}/appeal",
        {"ground": "MALICIOUS", "reason": "申请人系同行竞争对手，恶意差评。", "evidence": pdf},
        format="multipart",
    )
    assert filed.status_code == 201 and filed.json()["has_evidence"]
    upheld = api(hall["office"].user).post(
        f"/api/v1/evaluations/appeals/{filed.json()['id']}/decide",
        {"uphold": True, "note": "经核实申诉成立"},
        format="json",
    )
    assert upheld.status_code == 200 and upheld.json()["status"] == "UPHELD"
    rectification.refresh_from_db()
    assert rectification.status == Rectification.Status.WAIVED
    satisfaction = api().get("/api/v1/evaluations/satisfaction", {"from": "2026-11-01"}).json()
    assert satisfaction == []  # the only rating is out of the figures


def test_the_tablet_shows_the_clerk_then_rates_with_reasons_then_thanks(hall, finished, client, paired):
    window = hall["windows"][1]
    paired(client, window)
    idle = client.get("/rate/window/2/")
    assert idle.status_code == 200 and "欢迎办事" in idle.content.decode()
    services.service_push(user=hall["market_a"].user, window=window, case=finished, at=NOW)
    state = client.get("/rate/window/2/state/").content.decode()
    assert "刘建国" in state and "非常不满意" in state and hall["market_a"].employee_number in state
    assert finished.reference not in state  # the service's item, never the case's number
    token = Service.objects.get().token
    ask = client.post("/rate/window/2/rate/", {"token": token, "level": 4}).content.decode()
    assert "请告诉我们原因" in ask and not Rating.objects.exists()
    thanks = client.post(
        "/rate/window/2/rate/", {"token": token, "level": 4, "confirm": "1", "reasons": ["RUDE"]}
    )
    assert "感谢您的评价" in thanks.content.decode()
    assert Rating.objects.get().reason_labels == "服务态度差"
    assert client.get("/rate/window/99/").status_code == 404
    assert client.post("/rate/window/2/rate/", {"token": token, "level": "x"}).status_code == 400


def test_the_progress_page_rates_a_finished_case_and_the_qr_code_is_its_channel(hall, finished, client):
    page = client.get(
        "/progress/", {"number": finished.reference, "query_code": finished.query_code, "via": "qr"}
    ).content.decode()
    assert "评价本次服务" in page and 'value="qr"' in page
    answer = client.post(
        "/rate/case/",
        {
            "number": finished.reference,
            "query_code": finished.query_code,
            "via": "qr",
            "level": "2",
            "reasons": ["CLEAR"],
        },
        follow=True,
    )
    assert "感谢您的评价" in answer.content.decode()
    assert Rating.objects.get().channel == Channel.QR
    assert (
        "追评"
        in client.get(
            "/progress/", {"number": finished.reference, "query_code": finished.query_code}
        ).content.decode()
    )


def test_desk_office_export_and_public_pages(hall, finished, client):
    services.rating_of_case(
        case=finished,
        channel=Channel.PROGRESS,
        given=services.RatingInput(level=4, reasons=("RUNS",)),
        at=NOW,
    )
    client.force_login(hall["chief"].user)
    desk = client.get("/desk/evaluations/").content.decode()
    assert "差评整改〔2026〕1号" in desk
    detail = client.get(
        f"/desk/evaluations/rectifications/{Rectification.objects.get().pk}/"
    ).content.decode()
    assert "反馈整改" in detail and "提交申诉" in detail
    client.post(
        f"/desk/evaluations/rectifications/{Rectification.objects.get().pk}/",
        {"command": "submit", "measures": "已约谈经办人员，优化流程。"},
    )
    assert Rectification.objects.get().status == Rectification.Status.SUBMITTED
    case_page = client.get(f"/desk/cases/{finished.reference}/").content.decode()
    assert "好差评" in case_page and "不满意" in case_page
    client.force_login(hall["office"].user)
    office = client.get("/office/evaluations/", {"bad": "1"}).content.decode()
    assert finished.applicant_name in office
    assert client.get("/office/evaluations/", {"from": "2026-02-30"}).status_code == 400
    export = client.get("/office/evaluations/export.xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("评价时间", "等级代码", "评价等级") and rows[1][1:3] == (4, "不满意")
    public = client.get("/satisfaction/").content.decode()
    assert "好差评公示" in public and "市场监督管理局" in public


def test_the_clerk_pushes_from_the_desk(hall, client):
    client.force_login(hall["market_a"].user)
    assert "服务结束，请群众评价" in client.get("/desk/evaluations/").content.decode()
    client.post("/desk/evaluations/push/", {"window": hall["windows"][1].pk})
    assert Service.objects.get().status == Service.Status.WAITING
    client.post("/desk/evaluations/push/", {"window": "abc"})
    assert Service.objects.count() == 1


@override_settings(ONEWINDOW_RATING_DEFAULT_DAYS=7)
def test_the_sms_link_page(hall, finished, client):
    token = services.rate_link_token(finished)
    assert "评价本次服务" in client.get(f"/rate/{token}/").content.decode()
    client.post(f"/rate/{token}/", {"level": "1"})
    assert Rating.objects.get().channel == Channel.SMS
    assert client.get("/rate/forged-token/").status_code == 404


def test_the_desk_nav_marks_only_the_page_one_is_on(hall, client):
    import re

    def active(url):
        page = client.get(url).content.decode()
        return re.findall(r'<a href="[^"]*" class="active">([^<]+)</a>', page)

    client.force_login(hall["supervision"].user)
    assert active("/desk/evaluations/") == ["好差评"]
    assert active("/desk/complaints/") == ["投诉"]  # its inbox is not 消息
    assert active("/desk/inbox/") == ["消息"]


def _wrong_code(case) -> str:
    return "000000" if case.query_code != "000000" else "111111"


def test_wrong_query_codes_on_the_rating_form_count_as_failed_lookups(hall, finished, client, settings):
    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 3
    form = {"number": finished.reference, "query_code": _wrong_code(finished), "level": "1"}
    for _ in range(3):
        missed = client.post("/rate/case/", form, follow=True)
        assert "没有找到该办件" in missed.content.decode()
    refused = client.post("/rate/case/", {**form, "query_code": finished.query_code}, follow=True)
    assert refused.status_code == 200 and "查询失败次数过多" in refused.content.decode()
    assert not Rating.objects.exists()
    # the progress page counts the same misses
    progress = client.get("/progress/", {"number": finished.reference, "query_code": finished.query_code})
    assert progress.status_code == 429


def test_wrong_query_codes_through_the_api_count_as_failed_lookups(hall, finished, settings):
    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 2
    client = api()
    body = {"number": finished.reference, "query_code": _wrong_code(finished), "level": 1}
    codes = [
        client.post("/api/v1/evaluations/ratings/case", body, format="json").status_code for _ in range(2)
    ]
    assert codes == [404, 404]
    right = client.post(
        "/api/v1/evaluations/ratings/case", {**body, "query_code": finished.query_code}, format="json"
    )
    assert right.status_code == 429 and right.json()["code"] == "too_many_attempts"
    assert "查询失败次数过多" in right.json()["message"]
    assert not Rating.objects.exists()


def test_the_export_keeps_text_that_looks_like_a_formula_as_text(hall, finished, client):
    comment = '=HYPERLINK("http://evil.example/","点击查看")'
    services.rating_of_case(
        case=finished, channel=Channel.PROGRESS, given=services.RatingInput(level=2, comment=comment), at=NOW
    )
    client.force_login(hall["office"].user)
    export = client.get("/office/evaluations/export.xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    row = list(sheet[2])
    assert row[4].value == "'" + comment and row[4].data_type == "s"
    assert not any(cell.data_type == "f" for cell in row)
    from onewindow.common.spreadsheet import cell_text

    assert [cell_text(text) for text in ("+1", "-1", "@SUM(A1)", "\tx", "\rx", "张三", 4)] == [
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "张三",
        4,
    ]


def test_control_characters_in_posted_fields_are_a_clear_400(hall, finished, client, paired):
    code = finished.query_code
    answer = client.post(
        "/rate/case/", {"number": finished.reference + "\x00", "query_code": code, "level": "1"}
    )
    assert answer.status_code == 400 and "控制字符" in answer.content.decode()
    link = services.rate_link_token(finished)
    for comment in ("很好\x00", "很好\x1b[31m", "很好\x7f"):
        assert client.post(f"/rate/{link}/", {"level": "1", "comment": comment}).status_code == 400
    assert client.post(f"/rate/{link}/", {"level": "1\n", "comment": ""}).status_code == 400  # not free text
    paired(client, hall["windows"][1])
    service = services.service_push(user=hall["market_a"].user, window=hall["windows"][1], at=NOW)
    assert (
        client.post("/rate/window/2/rate/", {"token": service.token + "\x00", "level": 1}).status_code == 400
    )
    assert not Rating.objects.exists()
    # free text keeps its line breaks and tabs
    client.post(f"/rate/{link}/", {"level": "4", "reasons": ["LATE"], "comment": "第一次\r\n第二次\t又来"})
    rating = Rating.objects.get()
    assert rating.comment == "第一次\r\n第二次\t又来"
    client.force_login(hall["market_a"].user)
    refused = client.post("/desk/evaluations/push/", {"window": hall["windows"][1].pk, "case": "X\x00"})
    assert refused.status_code == 400
    client.force_login(hall["chief"].user)
    page = f"/desk/evaluations/rectifications/{rating.rectification.pk}/"
    assert (
        client.post(page, {"command": "submit", "measures": "约谈\x00经办人员并优化流程"}).status_code == 400
    )
    assert (
        client.post(page, {"command": "submit", "measures": "约谈经办人员；\n优化流程。"}).status_code == 302
    )
    assert Rectification.objects.get().measures == "约谈经办人员；\n优化流程。"
    api_answer = api().post(
        "/api/v1/evaluations/ratings/case",
        {"number": finished.reference, "query_code": code, "level": 1, "comment": "a\x00"},
        format="json",
    )
    assert api_answer.status_code == 400  # the serializer's fields refuse NUL themselves


def test_the_department_sees_raters_masked_in_lists_and_whole_on_the_rectification(hall, finished, client):
    from onewindow.common.privacy import mask_name, mask_phone

    services.rating_of_case(
        case=finished,
        channel=Channel.PROGRESS,
        given=services.RatingInput(level=5, reasons=("LATE",)),
        at=NOW,
    )
    listed = api(hall["chief"].user).get("/api/v1/evaluations/ratings/").json()["results"][0]
    assert listed["rater_name"] == mask_name(finished.applicant_name)
    assert listed["rater_phone"] == mask_phone(finished.contact_phone)
    whole = api(hall["office"].user).get("/api/v1/evaluations/ratings/").json()["results"][0]
    assert (whole["rater_name"], whole["rater_phone"]) == (finished.applicant_name, finished.contact_phone)
    client.force_login(hall["chief"].user)
    page = client.get(f"/desk/evaluations/rectifications/{Rectification.objects.get().pk}/").content.decode()
    assert finished.applicant_name in page and finished.contact_phone in page  # they call the rater
    client.force_login(hall["reviewer"].user)
    page = client.get(f"/desk/evaluations/rectifications/{Rectification.objects.get().pk}/").content.decode()
    assert finished.contact_phone not in page and mask_phone(finished.contact_phone) in page


def test_reasons_of_a_level_the_rater_left_are_dropped(hall, finished, client):
    client.post(
        "/rate/case/",
        {
            "number": finished.reference,
            "query_code": finished.query_code,
            "level": "4",
            "reasons": ["FAST", "LATE", "CLEAR", "LATE"],  # ticked under 非常满意, then 不满意
        },
    )
    rating = Rating.objects.get()
    assert (rating.level, rating.reasons, rating.reason_labels) == (4, ["LATE"], "超时办理")
    from onewindow.evaluations.scale import reasons_of_level

    assert reasons_of_level(1, ["RUDE", "FAST", "FAST", "WAIT"]) == ("FAST",)
    assert reasons_of_level(9, ["FAST"]) == ()


def test_the_public_figures_are_computed_at_most_once_a_minute(hall, finished, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.rating_of_case(
        case=finished, channel=Channel.PROGRESS, given=services.RatingInput(level=1), at=NOW
    )
    assert "市场监督管理局" in client.get("/satisfaction/").content.decode()
    assert api().get("/api/v1/evaluations/satisfaction").json()[0]["total"] == 1
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/satisfaction/").content.decode()
        figures = api().get("/api/v1/evaluations/satisfaction").json()
    assert "市场监督管理局" in page and figures[0]["total"] == 1
    assert not [query for query in queries.captured_queries if "evaluations_rating" in query["sql"]]


def test_the_satisfaction_of_an_unknown_site_is_a_404(hall):
    answer = api().get("/api/v1/evaluations/satisfaction", {"site": 999999})
    assert answer.status_code == 404 and answer.json()["code"] == "not_found"


def test_the_push_forms_case_number_has_a_label(hall, client):
    client.force_login(hall["market_a"].user)
    page = client.get("/desk/evaluations/").content.decode()
    assert '<label for="push-case">' in page and 'id="push-case" name="case"' in page


def test_a_clerk_is_not_shown_a_link_to_a_rectification_they_cannot_open(hall, finished, client):
    rating = services.rating_of_case(
        case=finished,
        channel=Channel.PROGRESS,
        given=services.RatingInput(level=4, reasons=("RUNS",)),
        at=NOW,
    )
    rectification = rating.rectification
    link = f"/desk/evaluations/rectifications/{rectification.pk}/"
    client.force_login(hall["clerk"].user)
    page = client.get(f"/desk/cases/{finished.reference}/").content.decode()
    assert rectification.number in page and link not in page
    assert client.get(link).status_code == 404
    client.force_login(hall["chief"].user)
    assert link in client.get(f"/desk/cases/{finished.reference}/").content.decode()
