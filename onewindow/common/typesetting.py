"""Line breaking for Chinese documents: greedy, with the kinsoku rules of Chinese typesetting
(GB/T 15834), and without splitting numbers or Latin words.

A paragraph is cut into units that are never split: one Han character, or one run of Latin letters,
digits and ASCII symbols (``210283-2026-000123``, ``90.00``, ``No.``). Closing punctuation is glued
to the unit before it (no ``，`` ``。`` ``）`` ``》`` ``”`` ``%`` at the start of a line) and opening
punctuation to the unit after it (no ``（`` ``《`` ``“`` ``¥`` at the end of a line). Lines break
between units, dropping the spaces they break at; only a unit wider than a whole line is split,
character by character.

Pure: the caller passes the width and a function that measures a string in the same unit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

#: Closing punctuation: never at the start of a line.
CLOSING = frozenset("，。、；：？！）》」』】〕〉〗〙”’…‥—～％‰℃°・·．，：；！？）］｝｠｣､,.;:?!)]}%")
#: Opening punctuation and prefixes: never at the end of a line.
OPENING = frozenset("（《「『【〔〈〖〘“‘［｛｟｢¥￥＄＃([{$#")
#: Spaces a line may break at, dropped there. U+3000 (the paragraph indent) is not one of them.
BREAK_SPACES = frozenset(" \t")


def is_word_character(character: str) -> bool:
    """Latin letters, digits and ASCII symbols: their runs are never split."""
    code = ord(character)
    return (
        0x21 <= code <= 0x7E
        or (0xC0 <= code <= 0x24F and code not in (0xD7, 0xF7))  # Latin letters, not × ÷
        or 0xFF10 <= code <= 0xFF19  # fullwidth digits and letters
        or 0xFF21 <= code <= 0xFF3A
        or 0xFF41 <= code <= 0xFF5A
    )


@dataclass(slots=True)
class Unit:
    """A piece of a paragraph kept on one line, the break spaces before it, and the pieces it
    was glued from (where it is split first if it is wider than a line)."""

    text: str
    space_before: str = ""
    parts: list[str] = field(default_factory=list)

    def glue(self, piece: str) -> None:
        self.text += piece
        self.parts.append(piece)


def _pieces(paragraph: str):
    """(spaces before, piece) for each word run or other single character."""
    index, length = 0, len(paragraph)
    while index < length:
        start = index
        while index < length and paragraph[index] in BREAK_SPACES:
            index += 1
        if index == length:
            return  # trailing spaces are dropped
        end = index + 1
        if is_word_character(paragraph[index]):
            while end < length and is_word_character(paragraph[end]):
                end += 1
        yield paragraph[start:index], paragraph[index:end]
        index = end


def units(paragraph: str) -> list[Unit]:
    """`paragraph` (one line of input, no newline) as units. Its leading spaces (an indent) stay
    with the first unit; trailing spaces are dropped."""
    result: list[Unit] = []
    for space, piece in _pieces(paragraph):
        if not result:
            result.append(Unit(space + piece, parts=[space + piece]))
        elif piece[0] in CLOSING or result[-1].text[-1] in OPENING:
            result[-1].glue(space + piece)
        else:
            result.append(Unit(piece, space, [piece]))
    return result


def break_lines(text: str, *, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` broken into lines no wider than `width` (as measured by `measure`). A newline in
    `text` always ends a line; an empty paragraph gives an empty line. Greedy: each line takes as
    many units as fit."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_break_paragraph(paragraph, width=width, measure=measure))
    return lines


def _break_paragraph(paragraph: str, *, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    line, line_width = "", 0.0
    for unit in units(paragraph):
        unit_width = measure(unit.text)
        if line:
            joined = line_width + (measure(unit.space_before) if unit.space_before else 0) + unit_width
            if joined <= width:
                line += unit.space_before + unit.text
                line_width = joined
                continue
            lines.append(line)
        if unit_width <= width:
            line, line_width = unit.text, unit_width
        else:
            *full, line = _split(unit.parts, width=width, measure=measure)
            lines.extend(full)
            line_width = measure(line)
    lines.append(line)
    return lines


def _split(parts: list[str], *, width: float, measure: Callable[[str], float]) -> list[str]:
    """A unit wider than a line: between the pieces it was glued from (a number stays whole,
    its punctuation may then start a line), and a piece wider than a line character by
    character (at least one character a line). Break spaces at a split disappear."""
    lines: list[str] = []
    line, line_width = "", 0.0

    def new_line() -> None:
        nonlocal line, line_width
        lines.append(line)
        line, line_width = "", 0.0

    for part in parts:
        if lines and not line:
            part = part.lstrip(" \t")
        part_width = measure(part)
        if part_width <= width:
            if line and line_width + part_width > width:
                new_line()
                part = part.lstrip(" \t")
                part_width = measure(part)
            line += part
            line_width += part_width
            continue
        for character in part:
            if lines and not line and character in BREAK_SPACES:
                continue
            character_width = measure(character)
            if line and line_width + character_width > width:
                new_line()
                if character in BREAK_SPACES:
                    continue
            line += character
            line_width += character_width
    lines.append(line)
    return lines
