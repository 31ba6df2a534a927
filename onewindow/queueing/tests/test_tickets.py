import pytest

from onewindow.common.api import NotAllowed
from onewindow.queueing import selectors, services
from onewindow.queueing.models import PriorityGroup, Ticket
from onewindow.queueing.tests.factories import ELDERLY_ID, SATURDAY, TUESDAY, YOUNG_ID, at

WRONG_CHECK = YOUNG_ID[:17] + ("0" if YOUNG_ID[17] != "0" else "1")


def test_numbers_run_per_category_and_day(queue):
    given = [services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, 5)) for prefix in "AABA"]
    assert [ticket.code for ticket in given] == ["A001", "A002", "B001", "A003"]
    tomorrow = services.ticket_issue(category=queue["A"], at=at(TUESDAY.replace(day=18), 9, 5))
    assert tomorrow.code == "A001"


def test_a_failed_ticket_gives_its_number_back(queue):
    """The counter is taken in the ticket's transaction: a refused ticket leaves no gap."""
    with pytest.raises(services.QueueError):
        services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 5), id_number=WRONG_CHECK)
    assert services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 6)).code == "A001"


def test_people_60_and_over_get_priority_from_the_id_card(queue):
    young = services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 5), id_number=YOUNG_ID)
    elderly = services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 6), id_number=ELDERLY_ID.lower())
    assert (young.priority_group, young.lane) == ("", 2)
    assert (elderly.priority_group, elderly.lane) == (PriorityGroup.ELDERLY, 1)
    assert selectors.people_ahead(elderly) == 0
    assert selectors.people_ahead(young) == 1


def test_declared_groups_follow_the_policy_setting(queue, settings):
    pregnant = services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 5), priority_group="PREGNANT")
    assert pregnant.lane == 1
    settings.ONEWINDOW_QUEUE_PRIORITY_GROUPS = "ELDERLY"
    with pytest.raises(services.QueueError, match="不是本大厅认可的优先类别"):
        services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 6), priority_group="PREGNANT")


def test_the_green_channel_is_given_by_staff_only(queue):
    with pytest.raises(NotAllowed):
        services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 5), priority_group="GREEN_CHANNEL")
    office = queue["hall"]["office"].user
    ticket = services.ticket_issue(
        category=queue["A"], at=at(TUESDAY, 9, 5), priority_group="GREEN_CHANNEL", user=office
    )
    assert (ticket.source, ticket.issued_by, ticket.lane) == (Ticket.Source.STAFF, office, 1)


def test_staff_issue_the_green_channel_only_at_their_own_sites(queue):
    from onewindow.org.models import Role
    from onewindow.org.tests.factories import make_site, make_staff

    clerk = make_staff(site=make_site(), roles=[Role.WINDOW_CLERK]).user  # another center's clerk
    with pytest.raises(NotAllowed):
        services.ticket_issue(
            category=queue["A"], at=at(TUESDAY, 9, 5), priority_group="GREEN_CHANNEL", user=clerk
        )
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("id_number", ["", YOUNG_ID])
def test_the_elderly_lane_comes_from_the_id_card_not_a_claim(queue, id_number):
    with pytest.raises(services.QueueError, match="出生日期"):
        services.ticket_issue(
            category=queue["A"], at=at(TUESDAY, 9, 5), priority_group="ELDERLY", id_number=id_number
        )
    elderly = services.ticket_issue(
        category=queue["A"], at=at(TUESDAY, 9, 6), priority_group="ELDERLY", id_number=ELDERLY_ID
    )
    assert elderly.lane == 1


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (at(SATURDAY, 10, 0), "不是工作日"),
        (at(TUESDAY, 8, 30), "不在办公时间"),
        (at(TUESDAY, 12, 30), "不在办公时间"),
        (at(TUESDAY, 17, 30), "不在办公时间"),
    ],
)
def test_no_ticket_when_the_hall_is_closed(queue, moment, message):
    with pytest.raises(services.HallClosed, match=message):
        services.ticket_issue(category=queue["A"], at=moment)
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", WRONG_CHECK, "校验位"),
        ("phone", "12345", "11 位"),
        (
            "phone",
            "1３８００１３８０００",
            "11 位",
        ),  # full-width digits are digits to Python, not to an SMS gateway
        ("name", "张\x00三", "无效字符"),
    ],
)
def test_bad_input_at_the_kiosk_is_a_clear_error(queue, field, value, message):
    with pytest.raises(services.QueueError, match=message):
        services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 5), **{field: value})


def test_an_inactive_category_gives_no_ticket(queue):
    queue["A"].is_active = False
    queue["A"].save()
    with pytest.raises(services.QueueError, match="停用"):
        services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 5))


def test_the_hall_display_counts_waiting_per_category(queue):
    for prefix in "AAB":
        services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, 5))
    snapshot = selectors.hall_snapshot(queue["A"].site_id, on_date=TUESDAY)
    assert [(row["prefix"], row["waiting"]) for row in snapshot["categories"]] == [("A", 2), ("B", 1)]
    assert snapshot["waiting_total"] == 3
