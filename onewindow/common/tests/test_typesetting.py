"""Line breaking for Chinese documents: kinsoku, whole numbers and words, greedy filling."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.common.typesetting import CLOSING, OPENING, break_lines, units


def width_of(text: str) -> float:
    """Han characters and fullwidth punctuation 2, everything else 1 (as half-width glyphs)."""
    return sum(1 if ord(character) < 0x2E80 and character not in "…—“”‘’" else 2 for character in text)


def lines(text: str, width: float) -> list[str]:
    return break_lines(text, width=width, measure=width_of)


def test_no_closing_punctuation_starts_a_line_and_no_opening_one_ends_it():
    # 12 wide: "申请材料齐全" fills a line, so "，" would start the next one.
    assert lines("申请材料齐全，符合法定形式。", 12) == ["申请材料齐", "全，符合法定", "形式。"]
    assert lines("请向有关部门（窗口）申请。", 12) == ["请向有关部门", "（窗口）申", "请。"]
    assert lines("依照《行政许可法》", 8) == ["依照《行", "政许可", "法》"]


def test_openings_stay_with_what_follows():
    broken = lines("依据是“第三十二条”的规定", 10)
    assert all(line[-1] not in OPENING for line in broken)
    assert all(line[0] not in CLOSING for line in broken)
    assert "".join(broken) == "依据是“第三十二条”的规定"


def test_numbers_and_words_are_never_split():
    text = "收件编号 210283-2026-000123，金额90.00元，于2026年12月4日办结 No.12"
    for width in range(20, 60):
        broken = lines(text, width)
        for token in ("210283-2026-000123，", "90.00", "2026", "No.12"):
            assert any(token in line for line in broken), (width, token, broken)
        assert _reconstructs(text, broken)


def test_the_spaces_a_line_breaks_at_disappear_and_others_stay():
    assert lines("编号 2026 0001 结束", 10) == ["编号 2026", "0001 结束"]
    assert lines("　　第一段\n第二段", 40) == ["　　第一段", "第二段"]  # the indent (U+3000) stays
    assert lines("一\n\n二", 40) == ["一", "", "二"]
    assert lines("", 40) == [""]


def test_a_unit_wider_than_a_line_is_split_last_at_its_glue_then_by_character():
    assert lines("12345678）。", 8) == ["12345678", "）。"]
    assert lines("1234567890", 4) == ["1234", "5678", "90"]
    assert lines("中", 1) == ["中"]  # a single character wider than the line still gets a line


def test_units_glue_punctuation_to_their_neighbours():
    assert [unit.text for unit in units("“食品”，（2026）")] == ["“食", "品”，", "（2026）"]
    assert [(unit.space_before, unit.text) for unit in units("  a b  (c")] == [
        ("", "  a"),
        (" ", "b"),
        ("  ", "(c"),
    ]


ALPHABET = st.sampled_from(
    [
        *"中文审批办理许可证明",
        *"，。、；：？！）》」”’…%",
        *"（《「“‘¥",
        *"0123456789",
        *"abcXYZ-./",
        " ",
        "\n",
        "　",
    ]
)


def _reconstructs(text: str, broken: list[str]) -> bool:
    """Lines in order, separated in `text` only by break spaces and at most one newline."""
    position = 0
    for line in broken:
        if not text.startswith(line, position):
            return False
        position += len(line)
        position = re.compile(r"[ \t]*\n?").match(text, position).end()
    return text[position:].strip(" \t") == ""


@settings(max_examples=150, deadline=None)
@given(text=st.text(ALPHABET, max_size=80), width=st.integers(min_value=2, max_value=30))
def test_properties(text, width):
    broken = lines(text, width)
    assert _reconstructs(text, broken)
    paragraphs = [units(paragraph) for paragraph in text.split("\n")]
    widest = max((width_of(unit.text) for paragraph in paragraphs for unit in paragraph), default=0)
    every_unit_fits = widest <= width
    for index, line in enumerate(broken):
        assert width_of(line) <= width or len(line) == 1 or not every_unit_fits
        if every_unit_fits and line:
            follows_a_break = (
                index > 0 and broken[index - 1] != "" and not _starts_paragraph(text, broken, index)
            )
            if follows_a_break:
                assert line[0] not in CLOSING, (line, broken)
                assert broken[index - 1][-1] not in OPENING, broken
    if every_unit_fits:
        for run in re.findall(r"\d+", text):
            assert any(run in line for line in broken), (run, broken)


def _starts_paragraph(text: str, broken: list[str], index: int) -> bool:
    """Whether line `index` begins a paragraph of `text` (follows a newline), not a break."""
    position = 0
    for number, line in enumerate(broken):
        if number == index:
            return position == 0 or text[position - 1] == "\n"
        position += len(line)
        position = re.compile(r"[ \t]*\n?").match(text, position).end()
    return False
