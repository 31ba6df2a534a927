"""The clerk's calling desk as the clerk uses it: the window on duty today, the ticket being served
with the person's details and the link into the fast intake, the waiting list (polled), and each
button through the page — with htmx the panel comes back (a refusal of the queue's rules as a 200
carrying the reason, malformed input as a 400 carrying it), without htmx a redirect and a
message. The wrong people get the login page, a 403 or a 404; a clerk not on duty is told why."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from onewindow.evaluations.models import Service
from onewindow.queueing import selectors, services
from onewindow.queueing.models import Call, Ticket, TicketCase, WindowState
from onewindow.queueing.tests.factories import TUESDAY, WEDNESDAY, YOUNG_ID, at

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def clock_at(settings):
    """Stop the pages' clock at a time of Tuesday 2026-11-17: `clock_at(9, 10)`."""

    def stop(hour: int, minute: int = 0, day=TUESDAY):
        settings.ONEWINDOW_FROZEN_NOW = at(day, hour, minute)

    stop(9, 0)
    return stop


@pytest.fixture
def someone(django_user_model):
    """A citizen's account, made before the hall: user ids and staff ids then differ, as they do
    in a real directory (a filter comparing one with the other finds nothing)."""
    return django_user_model.objects.create_user("citizen-first", password="x", full_name="路人甲")


@pytest.fixture
def desk(someone, queue, clock_at):
    """王秀英 on duty at window 1 (serves A and B), logged in."""
    hall = queue["hall"]
    client = Client()
    client.force_login(hall["clerk"].user)
    return {"client": client, "window": hall["windows"][0], "hall": hall, **queue}


def issue(queue, prefix: str, minute: int, **person) -> Ticket:
    return services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, minute), **person)


def press(desk, action: str, data=None, *, htmx: bool = True, window=None):
    window = window or desk["window"]
    return desk["client"].post(f"/desk/queue/{window.pk}/{action}/", data or {}, **(HTMX if htmx else {}))


def text(response) -> str:
    return unescape(response.content.decode())


def intake_query(html: str) -> dict:
    href = re.search(r'class="button desk-intake" href="([^"]+)"', html).group(1)
    parts = urlsplit(unescape(href))
    assert parts.path == reverse("cases:intake")
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


# The page ---------------------------------------------------------------------------------------------


def test_the_desk_shows_the_window_its_queue_and_the_shortcuts(desk, clock_at):
    issue(desk, "A", 0)
    issue(desk, "B", 5)
    clock_at(9, 34)  # A001 has waited 34 minutes, past the 30-minute alert; B001 29
    page = desk["client"].get("/desk/queue/")
    html = text(page)
    assert page.status_code == 200
    assert '<span class="desk-window-no">1</span>' in html
    assert "等候 <strong>2</strong> 人" in html
    assert re.search(r'<li class="is-next is-late">\s*<span class="desk-queue-code">A001</span>', html)
    assert re.search(r'<li class="">\s*<span class="desk-queue-code">B001</span>', html)
    assert "当前没有正在办理的号。" in html
    for label, keys in (
        ("叫下一位", "<kbd>F1</kbd><kbd>N</kbd>"),
        ("重呼", "<kbd>R</kbd>"),
        ("过号", "<kbd>S</kbd>"),
        ("转移", "<kbd>T</kbd>"),
        ("暂停", "<kbd>P</kbd>"),
        ("办结", "<kbd>F</kbd>"),
    ):
        assert f"{label}{keys}" in html
    assert "queueing/desk.js" in html and "queueing/desk.css" in html
    # Nothing being served: recall, skip and finish are off.
    assert re.search(r'data-key="recall"[^>]*disabled', html)
    assert re.search(r'data-key="finish"[^>]*disabled', html)


def test_the_waiting_list_polls_on_its_own_element(desk, clock_at):
    issue(desk, "A", 0)
    window = desk["window"]
    page = text(desk["client"].get("/desk/queue/"))
    assert f'hx-get="/desk/queue/{window.pk}/waiting/" hx-trigger="every 15s" hx-target="this"' in page
    issue(desk, "A", 1)
    poll = desk["client"].get(f"/desk/queue/{window.pk}/waiting/", **HTMX)
    html = text(poll)
    assert poll.status_code == 200 and html.startswith('<div id="desk-waiting"')
    assert "等候 <strong>2</strong> 人" in html and "A002" in html
    assert "desk-buttons" not in html  # the buttons and forms are not re-rendered: focus stays


def test_a_window_id_not_on_duty_falls_back_to_the_window_on_duty(desk):
    for wanted in ("x", desk["hall"]["windows"][1].pk, "9" * 30):
        page = text(desk["client"].get("/desk/queue/", {"window": wanted}))
        assert '<span class="desk-window-no">1</span>' in page


# Calling and serving ----------------------------------------------------------------------------------------


def test_calling_shows_the_person_and_opens_the_intake_with_their_details(desk, clock_at):
    ticket = issue(desk, "A", 0, name="张晓梅", id_number=YOUNG_ID, phone="13912345678")
    clock_at(9, 10)
    response = press(desk, "next")
    html = text(response)
    assert response.status_code == 200 and html.startswith('<div id="desk-panel"')
    assert "已叫号：请 A001 号到 1 号窗口办理。" in html
    assert '<div class="desk-code" data-code="A001">A001</div>' in html
    assert '<div class="desk-category">市场准入</div>' in html
    assert "等候 <strong>10</strong> 分钟" in html
    assert "<dd>张晓梅</dd>" in html
    assert f'<dd class="mono">{YOUNG_ID[:6]}********{YOUNG_ID[-4:]}</dd>' in html
    assert '<dd class="mono">139****5678</dd>' in html
    assert intake_query(html) == {
        "ticket": "A001",
        "applicant_name": "张晓梅",
        "id_number": YOUNG_ID,
        "applicant_kind": "PERSON",
        "contact_phone": "13912345678",
    }
    assert "受理（新建办件）" in html
    call = Call.objects.get()
    assert (call.ticket_id, call.window_id, call.called_at, call.wait_seconds) == (
        ticket.pk,
        desk["window"].pk,
        at(TUESDAY, 9, 10),
        600,
    )


def test_a_ticket_without_details_opens_the_intake_with_its_number_only(desk, clock_at):
    issue(desk, "A", 0)
    clock_at(9, 1)
    html = text(press(desk, "next"))
    assert intake_query(html) == {"ticket": "A001"}


def test_the_intake_link_prefills_the_new_case_form(desk, clock_at):
    """The link the panel shows fills the fast intake's applicant fields (cases.views.intake
    reads them through intake_initial) and notes the ticket's number."""
    from onewindow.cases.tests.factories import published_item

    version = published_item(desk["hall"])
    issue(desk, "A", 0, name="张晓梅", id_number=YOUNG_ID, phone="13912345678")
    clock_at(9, 10)
    html = text(press(desk, "next"))
    href = unescape(re.search(r'class="button desk-intake" href="([^"]+)"', html).group(1))
    intake = text(desk["client"].get(f"{href}&item={version.item.implementation_code}"))
    assert 'name="applicant_name" value="张晓梅"' in intake
    assert f'name="id_number" value="{YOUNG_ID}"' in intake
    assert 'name="contact_phone" value="13912345678"' in intake
    assert re.search(r'name="applicant_kind" value="PERSON"[^>]*checked', intake)
    assert 'name="note" value="排队号 A001"' in intake


def test_the_prefill_survives_picking_the_item(desk, clock_at):
    """The link opens the intake without an item: the clerk's search (one match redirects, more
    list links) keeps the person's details and the ticket's number."""
    from onewindow.cases.tests.factories import published_item

    published_item(desk["hall"])
    published_item(desk["hall"], code="SCJG0202", name="食品经营许可（变更）")
    issue(desk, "A", 0, name="张晓梅", id_number=YOUNG_ID)
    clock_at(9, 10)
    href = unescape(
        re.search(r'class="button desk-intake" href="([^"]+)"', text(press(desk, "next"))).group(1)
    )
    search = text(desk["client"].get(href))
    assert '<input type="hidden" name="applicant_name" value="张晓梅">' in search
    assert '<input type="hidden" name="ticket" value="A001">' in search
    listed = text(desk["client"].get(f"{href}&item=食品经营"))
    link = unescape(re.search(r'<a href="(/desk/cases/new/\?item=[^"]+)"', listed).group(1))
    assert "applicant_name=" in link and "ticket=A001" in link
    one = desk["client"].get(f"{href}&item=变更")  # one match: straight to it
    assert (
        one.status_code == 302 and "applicant_name=" in one["Location"] and "ticket=A001" in one["Location"]
    )
    intake = text(desk["client"].get(link))
    assert 'name="applicant_name" value="张晓梅"' in intake
    assert 'name="note" value="排队号 A001"' in intake


def test_recall_skip_and_transfer(desk, clock_at):
    hall = desk["hall"]
    first = issue(desk, "A", 0)
    issue(desk, "A", 1)
    clock_at(9, 10)
    press(desk, "next")
    assert "已重呼 A001（第 1 次）。" in text(press(desk, "recall"))
    assert Call.objects.get(ticket=first).recall_count == 1

    clock_at(9, 12)
    skipped = text(press(desk, "skip"))
    assert "A001 过号，已排回队列（前面约 1 人）。" in skipped
    assert "当前没有正在办理的号。" in skipped
    assert [ticket.code for ticket in selectors.window_queue(desk["window"], on_date=TUESDAY)] == [
        "A002",
        "A001",
    ]

    clock_at(9, 13)
    press(desk, "next")  # A002
    third = hall["windows"][2]  # serves B only
    moved = text(press(desk, "transfer", {"category": desk["B"].pk, "target_window": third.pk}))
    assert "A002 已转到3号窗口（不动产登记）排队。" in moved
    assert [ticket.code for ticket in selectors.window_queue(third, on_date=TUESDAY)] == ["A002"]
    assert Ticket.objects.get(code="A002").target_window_id == third.pk

    clock_at(9, 14)
    press(desk, "next")  # A001 again (skipped once)
    dropped = text(press(desk, "skip"))
    assert "A001 再次过号，已作废（过号未到）。" in dropped
    assert Ticket.objects.get(pk=first.pk).status == Ticket.Status.NO_SHOW


def test_pause_and_resume(desk, clock_at):
    issue(desk, "A", 0)
    paused = text(press(desk, "pause", {"reason": "业务培训"}))
    assert "已暂停服务，窗口屏显示“暂停服务”。" in paused
    assert '<span class="desk-state desk-state-paused">暂停服务：业务培训</span>' in paused
    assert re.search(r'data-key="next"[^>]*disabled', paused)
    assert re.search(r'data-key="pause"[^>]*formaction="[^"]*/resume/"', paused)
    state = WindowState.objects.get(window=desk["window"])
    assert (state.is_paused, state.pause_reason) == (True, "业务培训")

    refused = press(desk, "next")
    assert refused.status_code == 200
    assert "本窗口已暂停服务，请先恢复服务再叫号。" in text(refused)
    assert not Call.objects.exists()

    assert "已恢复服务。" in text(press(desk, "resume"))
    assert "已叫号：请 A001 号到 1 号窗口办理。" in text(press(desk, "next"))


def test_finishing_links_the_ticked_cases_and_asks_the_tablet(desk, clock_at):
    from onewindow.cases.tests.factories import person, published_item, receive

    hall = desk["hall"]
    version = published_item(hall)
    issue(desk, "A", 0, name="张晓梅")
    clock_at(9, 20)
    press(desk, "next")
    # The clerk receives two cases for the person at 9:30 (through the intake).
    kept = receive(hall, version, user=hall["clerk"].user, day=TUESDAY, applicant=person())
    dropped = receive(hall, version, user=hall["clerk"].user, day=TUESDAY, applicant=person(name="李四"))
    clock_at(9, 40)
    panel = text(desk["client"].get(f"/desk/queue/{desk['window'].pk}/panel/", **HTMX))
    assert '<input type="hidden" name="cases_shown" value="1">' in panel
    for case in (kept, dropped):
        assert f'<input type="checkbox" name="case_ids" value="{case.pk}" checked>' in panel

    finished = text(press(desk, "finish", {"cases_shown": "1", "case_ids": [kept.pk]}))
    assert "A001 已办结，关联办件 1 件；已推送评价器，请群众评价。" in finished
    assert "✓ 已推送评价器" in finished
    assert list(TicketCase.objects.values_list("case_id", flat=True)) == [kept.pk]
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.finished_at) == (Ticket.Status.FINISHED, at(TUESDAY, 9, 40))
    service = Service.objects.get()
    assert (service.window_id, service.case_id, service.status) == (desk["window"].pk, kept.pk, "WAITING")


def test_call_next_finishes_the_current_ticket_with_its_cases(desk, clock_at):
    issue(desk, "A", 0)
    issue(desk, "A", 1)
    clock_at(9, 10)
    press(desk, "next")
    clock_at(9, 25)
    html = text(press(desk, "next"))
    assert "A001 已办结；已推送评价器，请群众评价。 已叫号：请 A002 号到 1 号窗口办理。" in html
    assert "✓ 已推送评价器" in html
    call = Call.objects.get(ticket__code="A001")
    assert (call.outcome, call.wait_seconds, call.service_seconds) == ("FINISHED", 600, 900)
    clock_at(9, 30)
    last = text(press(desk, "next"))
    assert "A002 已办结；已推送评价器，请群众评价。 暂无等候的号。" in last


# Refusals and bad input ---------------------------------------------------------------------------------------


def test_refusals_come_back_in_the_panel(desk, clock_at):
    hall = desk["hall"]
    empty = press(desk, "next")
    assert empty.status_code == 200 and "本窗口服务的业务类别暂无等候的号。" in text(empty)
    for action in ("recall", "skip", "finish", "transfer"):
        refused = press(desk, action)
        assert refused.status_code == 200
        assert "本窗口当前没有正在办理的号。" in text(refused), action

    issue(desk, "A", 0)
    press(desk, "next")
    busy = text(press(desk, "pause", {"reason": "午间休息"}))
    assert "请先办结或转移当前的号，再暂停服务。" in busy
    assert not WindowState.objects.get(window=desk["window"]).is_paused

    second = hall["windows"][1]  # serves A only
    wrong = text(press(desk, "transfer", {"category": desk["B"].pk, "target_window": second.pk}))
    assert "2 号窗口不办理“不动产登记”。" in wrong
    same = text(press(desk, "transfer", {"category": "", "target_window": ""}))
    assert "请选择要转去的业务类别或窗口。" in same
    unknown = press(desk, "transfer", {"category": "999999"})
    assert unknown.status_code == 200 and "没有这个业务类别，请刷新页面后重试。" in text(unknown)
    other_site = press(desk, "transfer", {"target_window": hall["township_window"].pk})
    assert "没有这个窗口，请刷新页面后重试。" in text(other_site)
    foreign_case = text(press(desk, "finish", {"cases_shown": "1", "case_ids": ["999999"]}))
    assert "只能关联本次叫号后由您收件的办件。" in foreign_case
    assert Ticket.objects.get().status == Ticket.Status.CALLED  # nothing half-done


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("finish", {"cases_shown": "1", "case_ids": ["abc"]}, "办件选择有误，请刷新页面后重试。"),
        ("finish", {"cases_shown": "1", "case_ids": ["1" * 30]}, "办件选择有误，请刷新页面后重试。"),
        ("transfer", {"category": "B"}, "业务类别选择有误，请刷新页面后重试。"),
        ("transfer", {"target_window": "-3"}, "窗口选择有误，请刷新页面后重试。"),
        ("pause", {"reason": "午间\x00休息"}, "提交的内容含有不允许的控制字符"),
        ("next", {"case_ids\x00": "1"}, "提交的内容含有不允许的控制字符"),
    ],
)
def test_malformed_input_is_a_400_that_still_carries_the_panel(desk, clock_at, action, data, message):
    issue(desk, "A", 0)
    press(desk, "next")
    response = press(desk, action, data)
    html = text(response)
    assert response.status_code == 400
    assert html.startswith('<div id="desk-panel"') and message in html
    assert Ticket.objects.get().status == Ticket.Status.CALLED
    plain = press(desk, action, data, htmx=False)
    assert plain.status_code == 400 and message in text(plain)


def test_bad_ids_and_actions_in_the_path_are_not_found(desk):
    client, window = desk["client"], desk["window"]
    for url in (
        f"/desk/queue/{window.pk}/dance/",
        "/desk/queue/abc/next/",
        "/desk/queue/0/next/",
        "/desk/queue/999999999999999999/next/",
        "/desk/queue/9999999999999999999999/next/",
        f"/desk/queue/{window.pk}/next/extra/",
        "/desk/queue/999999/panel/",
    ):
        response = client.post(url, **HTMX) if "panel" not in url else client.get(url)
        assert response.status_code == 404, url
    nul = client.post(f"/desk/queue/{window.pk}/next\x00/")
    assert nul.status_code == 400
    assert client.get(f"/desk/queue/{window.pk}/next/").status_code == 405


def test_without_htmx_a_button_redirects_back_with_a_message(desk, clock_at):
    issue(desk, "A", 0)
    window = desk["window"]
    response = press(desk, "next", htmx=False)
    assert response.status_code == 302 and response["Location"] == f"/desk/queue/?window={window.pk}"
    page = text(desk["client"].get(response["Location"]))
    assert '<li class="message message-success">已叫号：请 A001 号到 1 号窗口办理。</li>' in page
    refused = press(desk, "pause", htmx=False)
    assert refused.status_code == 302
    page = text(desk["client"].get(refused["Location"]))
    assert '<li class="message message-error">请先办结或转移当前的号，再暂停服务。</li>' in page


# Who may -----------------------------------------------------------------------------------------------------


def test_anonymous_users_go_to_the_login_page(desk):
    anonymous = Client()
    window = desk["window"]
    for response in (
        anonymous.get("/desk/queue/"),
        anonymous.post(f"/desk/queue/{window.pk}/next/"),
        anonymous.get(f"/desk/queue/{window.pk}/waiting/"),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert not Call.objects.exists()


def test_citizens_office_staff_and_other_sites_may_not_call(desk, someone):
    hall, window = desk["hall"], desk["window"]
    issue(desk, "A", 0)
    citizen = Client()
    citizen.force_login(someone)
    assert citizen.get("/desk/queue/").status_code == 403
    assert citizen.post(f"/desk/queue/{window.pk}/next/", **HTMX).status_code == 403
    for role in ("office", "reviewer", "supervision"):  # no calling role
        client = Client()
        client.force_login(hall[role].user)
        assert client.get("/desk/queue/").status_code == 403, role
        assert client.post(f"/desk/queue/{window.pk}/next/", **HTMX).status_code == 403, role
    township = Client()
    township.force_login(hall["township_clerk"].user)
    assert township.post(f"/desk/queue/{window.pk}/next/", **HTMX).status_code == 404
    assert township.get(f"/desk/queue/{window.pk}/waiting/").status_code == 404
    assert not Call.objects.exists()


def test_a_clerk_not_on_duty_is_told_why(desk, clock_at):
    hall, window = desk["hall"], desk["window"]
    issue(desk, "A", 0)
    off_duty = Client()
    off_duty.force_login(hall["clerk_b"].user)  # window 1's B post, not on the roster today
    page = off_duty.get("/desk/queue/")
    html = text(page)
    assert page.status_code == 200
    assert "今天没有您的值班安排" in html and "值班表" in html and "desk-panel" not in html
    refused = off_duty.post(f"/desk/queue/{window.pk}/next/", **HTMX)
    assert refused.status_code == 403
    # 王秀英 on Wednesday: not on the roster that day either.
    clock_at(9, 0, day=WEDNESDAY)
    assert "今天没有您的值班安排" in text(desk["client"].get("/desk/queue/"))
    assert press(desk, "next").status_code == 403
    assert not Call.objects.exists()
