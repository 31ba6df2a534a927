"""Cases with known outcomes for the statistics' tests: stats.demo's writer (the demo writes its
year of history the same way)."""

from onewindow.stats.demo import CaseSpec, write_cases

__all__ = ["CaseSpec", "write_cases"]
