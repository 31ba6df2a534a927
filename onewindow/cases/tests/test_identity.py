"""Who applies, typed as people type it: full-width digits from a Chinese input method are the
same number (stored in ASCII, found by search and by the bad-credit list); an ID card born after
today is refused; online, an organisation applies through the account holder as its 经办人."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases import selectors, services
from onewindow.cases.models import Case, CreditRecord
from onewindow.cases.tests.factories import State, at, company, id_card, person, published_item, receive
from onewindow.common.identifiers import id_card_check_character

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@pytest.fixture
def food(hall, seeded_calendar):
    return published_item(hall)


def test_a_full_width_id_number_is_stored_in_ascii_and_found_by_search(hall, food):
    typed = id_card().translate(FULL_WIDTH)

    case = receive(hall, food, applicant=person(id_number=typed))

    assert case.id_number == id_card()
    visible = selectors.case_visible_to(hall["clerk"].user)
    assert list(selectors.case_search(visible, typed)) == [case]
    assert list(selectors.case_search(visible, id_card())) == [case]


def test_the_bad_credit_list_knows_a_full_width_credit_code(hall, food):
    listed = company()
    CreditRecord.objects.create(
        id_number=listed.id_number,
        name=listed.name,
        reason="严重失信",
        listed_date=date(2026, 1, 1),
        created_by=hall["office"].user,
    )
    deferred = services.MaterialEntry(
        material_id=food.materials.get(name="食品安全管理制度").pk,
        state=State.DEFERRED,
        deferred_until=date(2026, 11, 20),
    )

    with pytest.raises(ValidationError) as refused:
        receive(
            hall,
            food,
            applicant=company(id_number=listed.id_number.translate(FULL_WIDTH)),
            materials=[deferred],
        )

    assert "失信名单" in str(refused.value)
    assert not Case.objects.exists()


def test_an_id_card_born_after_today_is_refused_at_the_counter(hall, food):
    body = "21028320261201001"  # born 2026-12-01, after the intake day
    with pytest.raises(ValidationError) as refused:
        receive(hall, food, applicant=person(id_number=body + id_card_check_character(body)), day=MONDAY)

    assert "晚于今天" in refused.value.message_dict["id_number"][0]


def _online(version, user, applicant):
    return services.case_receive(version=version, applicant=applicant, materials=[], user=user, at=at(MONDAY))


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user("citizen", full_name="张晓梅", id_card_number=id_card())


@pytest.fixture
def online_food(hall, seeded_calendar):
    return published_item(hall, is_online_capable=True, handling_forms=["WINDOW", "ONLINE"])


def test_online_an_organisation_applies_through_the_account_holder_as_its_agent(hall, online_food, citizen):
    someone_else = "11010519491231002X"

    with pytest.raises(ValidationError) as refused:
        _online(online_food, citizen, company(contact_name="李四", contact_id_number=someone_else))

    assert refused.value.message_dict == {
        "contact_id_number": ["单位网上申请由账户本人作为经办人提交：经办人身份证号码须与账户登记的一致。"]
    }
    assert not Case.objects.exists()
    case = _online(online_food, citizen, company(contact_id_number=id_card().translate(FULL_WIDTH))).case
    assert (case.contact_id_number, case.applicant_user) == (id_card(), citizen)
