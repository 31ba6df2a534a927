"""Build NotoSansSC-OneWindow.otf, the Chinese font bundled for PDFs, from Noto Sans CJK SC Regular.

Re-run it (only needed to change the character set or update Noto) with the Debian package's
collection, which is downloaded, not installed:

    apt-get download fonts-noto-cjk
    dpkg -x fonts-noto-cjk_*_all.deb /tmp/noto
    .venv/bin/python onewindow/common/fonts/build_font.py \\
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The subset keeps Latin-1, the punctuation and symbols of Chinese official documents, every character
of GB 2312 and the whole CJK Unified Ideographs block U+4E00–U+9FA5 (people's and places' names
use rare characters), as a CID-keyed CFF OpenType font that fpdf2 embeds (it subsets it again,
per document, to the glyphs used). Layout and vertical-writing tables are dropped: fpdf2 sets
horizontal text without shaping. The output is deterministic for a given input font.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

#: Index of "Noto Sans CJK SC" (Simplified Chinese) in NotoSansCJK-Regular.ttc.
SIMPLIFIED_CHINESE = 2
OUTPUT = Path(__file__).with_name("NotoSansSC-OneWindow.otf")

RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ¥ × · ° § ±
    (0x2000, 0x206F),  # general punctuation: — … ‘ ’ “ ” ‰ ※
    (0x2100, 0x214F),  # letterlike symbols: ℃ № ℡
    (0x2150, 0x218F),  # number forms: Ⅰ Ⅱ Ⅲ
    (0x2190, 0x21FF),  # arrows: → ←
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≠ √
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ● ○ ▲ △ ◆
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆
    (0x2700, 0x27BF),  # dingbats: ✓ ✔ ✗ ❶
    (0x3000, 0x303F),  # CJK symbols and punctuation: 　、。〈〉《》「」『』【】〔〕
    (0x3200, 0x32FF),  # enclosed CJK letters and months: ㈠ ㊣
    (0x4E00, 0x9FA5),  # CJK Unified Ideographs (the GBK-era block)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms: ，．：；！？（）％＋
)


def gb2312_characters() -> set[int]:
    """Every character the GB 2312 codec decodes (rows 1–9 symbols, rows 16–87 hanzi)."""
    characters = set()
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((first, second)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return characters


def wanted_characters() -> set[int]:
    characters = gb2312_characters()
    for first, last in RANGES:
        characters.update(range(first, last + 1))
    return characters


def build(source: Path, output: Path = OUTPUT) -> TTFont:
    font = TTFont(source, fontNumber=SIMPLIFIED_CHINESE, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["BASE", "GDEF", "GPOS", "GSUB", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    available = set(font.getBestCmap())
    subsetter.populate(unicodes=sorted(wanted_characters() & available))
    subsetter.subset(font)
    font.save(output)
    return font


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="NotoSansCJK-Regular.ttc (or NotoSansCJKsc-Regular.otf)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    font = build(arguments.source, arguments.output)
    size = arguments.output.stat().st_size
    print(f"{arguments.output}: {len(font.getBestCmap()):,} characters, {size / 1e6:.2f} MB")  # noqa: T201


if __name__ == "__main__":
    main()
