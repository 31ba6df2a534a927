"""The PDF font: the bundled Noto Sans SC subset unless ONEWINDOW_PDF_FONT names another file,
parsed once per process, with the glyphs every document needs."""

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from onewindow.common.pdf import BUNDLED_FONT, ChineseDocument, FontMissing, chinese_font

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_setting_the_font_is_the_bundled_subset(settings):
    settings.ONEWINDOW_PDF_FONT = ""
    assert chinese_font() == (str(BUNDLED_FONT), 0)
    assert BUNDLED_FONT.stat().st_size < 7_000_000
    assert (BUNDLED_FONT.parent / "OFL.txt").read_text().startswith("Copyright")


def test_a_configured_font_that_is_missing_says_which(settings):
    settings.ONEWINDOW_PDF_FONT = "/nonexistent/NotoSansCJK-Regular.ttc"
    with pytest.raises(FontMissing, match="/nonexistent/NotoSansCJK-Regular.ttc"):
        chinese_font()


def test_the_bundled_font_covers_gb2312_the_cjk_block_and_the_documents_symbols():
    cmap = TTFont(BUNDLED_FONT, lazy=True).getBestCmap()
    assert all(code in cmap for code in range(0x4E00, 0x9FA6))
    gb2312 = set()
    for first in range(0xB0, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                gb2312.add(ord(bytes((first, second)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    assert len(gb2312) == 6763 and gb2312 <= set(cmap)
    assert {ord(character) for character in "，。、；：？！（）《》「」【】“”…—①②×¥℃·→　％０"} <= set(cmap)


def test_the_characters_of_the_pdf_modules_and_demo_data_are_in_the_font():
    cmap = TTFont(BUNDLED_FONT, lazy=True).getBestCmap()
    sources = [
        ROOT / "cases" / "notices.py",
        ROOT / "cases" / "services" / "handling.py",
        ROOT / "fees" / "documents.py",
        ROOT / "catalog" / "notice.py",
        *sorted((ROOT / "catalog" / "demo_items").glob("*.yaml")),
    ]
    missing = {
        character
        for source in sources
        for character in source.read_text()
        if ord(character) > 0x7F and ord(character) not in cmap
    }
    assert not missing, sorted(missing)


def _document_pdf(text: str) -> bytes:
    document = ChineseDocument(title="测试", footer="测试县政务服务中心")
    document.paragraph(text)
    return document.output_bytes()


def test_each_document_embeds_only_its_own_glyphs_from_the_shared_parsed_font(settings):
    settings.ONEWINDOW_PDF_FONT = ""
    first = _document_pdf("　　受理通知书：申请材料齐全、符合法定形式。")
    second = _document_pdf("缴款通知书 ¥90.00 元")
    for pdf, expected in ((first, "申请材料齐全"), (second, "缴款通知书")):
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        (font,) = page["/Resources"]["/Font"].values()
        assert font["/BaseFont"] == "/MPDFAA+NotoSansCJKSC"
        descendant = font["/DescendantFonts"][0].get_object()
        program = descendant["/FontDescriptor"]["/FontFile3"].get_object()
        assert program["/Subtype"] == "/CIDFontType0C"
        assert len(program.get_data()) < 60_000  # a subset, not the 6 MB font
        assert expected in page.extract_text().replace("\x00", "")
    assert "缴款" not in PdfReader(io.BytesIO(first)).pages[0].extract_text()


def test_a_long_paragraph_breaks_by_the_typesetting_rules(settings):
    settings.ONEWINDOW_PDF_FONT = ""
    text = "　　" + "申请人于2026年12月4日提交的材料（收件编号 210283-2026-000123），经审查符合法定形式。" * 4
    lines = (
        PdfReader(io.BytesIO(_document_pdf(text))).pages[0].extract_text().replace("\x00", "").splitlines()
    )
    body = [line for line in lines if "测试县政务服务中心" not in line]
    assert len(body) >= 3
    assert not [line for line in body if line[0] in "，。、）"]
    assert not [line for line in body if line.rstrip()[-1] in "（“"]
    assert sum(line.count("210283-2026-000123") for line in body) == 4  # never split
