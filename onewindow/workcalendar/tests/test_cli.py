"""`onewindow calendar …` as an operator types it (through the console script's entry point)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from onewindow.__main__ import main

pytestmark = pytest.mark.django_db


def run(capsys, monkeypatch, *arguments) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["onewindow", "calendar", *arguments])
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = exit_.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_crosses_the_spring_festival_and_counts_the_makeup_saturday(seeded_calendar, capsys, monkeypatch):
    assert run(capsys, monkeypatch, "add", "2026-02-13", "2")[:2] == (0, "2026-02-24\n")


def test_between(seeded_calendar, capsys, monkeypatch):
    assert run(capsys, monkeypatch, "between", "2026-02-13", "2026-02-24")[:2] == (0, "2\n")


def test_show_lists_holidays_and_makeup_days(seeded_calendar, capsys, monkeypatch):
    code, out, _err = run(capsys, monkeypatch, "show", "2026")
    assert code == 0
    assert "2026-02-14  周六  调休上班  春节" in out
    assert "2026-10-07  周三  放假" in out
    assert out.strip().endswith("共 33 天放假，6 天调休上班。")


def test_a_year_without_data_is_said_plainly(seeded_calendar, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "add", "2027-03-05", "1")
    assert (code, out) == (0, "2027-03-08\n")
    assert "2027 年节假日安排尚未录入，按周一至周五推算" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("add", "2026-02-30", "2"), "「2026-02-30」不是有效日期"),
        (("add", "2026-02-13", "two"), "工作日数「two」不是整数"),
        (("between", "yesterday", "2026-02-24"), "不是有效日期"),
        (("show", "1800"), "年份须在 1990 至 2200 之间"),
        (("add", "2200-12-31", "5"), "超出工作日历范围"),
    ],
)
def test_bad_input_gets_a_clear_error_and_a_non_zero_exit(
    seeded_calendar, capsys, monkeypatch, arguments, message
):
    code, out, err = run(capsys, monkeypatch, *arguments)
    assert code == 1
    assert out == ""
    assert message in err


@pytest.mark.django_db(False)
def test_the_console_script_works_from_an_activated_venv_with_no_variables(tmp_path):
    """README's `onewindow calendar add 2026-02-13 2`, typed in a fresh shell: no ONEWINDOW_DEBUG,
    no secret key, no var/ folder yet (make is not involved)."""
    script = Path(sys.executable).with_name("onewindow")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ONEWINDOW_", "DJANGO_", "DATABASE_"))
    }
    environment["ONEWINDOW_VAR_DIR"] = str(tmp_path / "var")

    def onewindow(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
            [str(script), *arguments], env=environment, capture_output=True, text=True, timeout=300
        )

    assert onewindow("migrate", "--verbosity", "0").returncode == 0
    added = onewindow("calendar", "add", "2026-02-13", "2")
    assert (added.returncode, added.stdout, added.stderr) == (0, "2026-02-24\n", "")
