"""Every interface string has an English translation, and the compiled catalog is current."""

from pathlib import Path

import polib

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def test_the_english_catalog_is_complete():
    po = polib.pofile(str(CATALOG / "django.po"))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > 300


def test_the_compiled_catalog_matches_the_source():
    po = polib.pofile(str(CATALOG / "django.po"))
    mo = polib.mofile(str(CATALOG / "django.mo"))
    compiled = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo if entry.msgid
    }
    source = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in po.translated_entries()
    }
    assert compiled == source, "run `make messages` to recompile django.mo"
