"""The README's benchmark table is what the saved results of benchmarks/run.py render."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import readme_table  # noqa: E402


def test_readme_table_is_rendered_from_the_saved_results():
    quick, full = readme_table.load_results()
    assert quick is not None and quick["quick"] is True, "run: python benchmarks/run.py --quick --readme"
    assert full is not None and full["quick"] is False, "run: python benchmarks/run.py --readme"
    readme = readme_table.README.read_text(encoding="utf-8")
    expected = readme_table.replace_table(readme, readme_table.render_table(quick, full))
    assert readme == expected, "the README's table drifted: python benchmarks/run.py --quick --readme"


def test_the_full_run_is_at_the_sizes_the_targets_name():
    _, full = readme_table.load_results()
    assert full["growth"]["claims"] == {"small": 1_000, "large": 100_000}
    assert full["memory"]["articles"] == 10_000


def test_replace_table_keeps_the_text_around_the_markers():
    readme = f"# x\nbefore\n{readme_table.START}\nold table\n{readme_table.END}\nafter\n"
    assert readme_table.replace_table(readme, "| new |") == (
        f"# x\nbefore\n{readme_table.START}\n| new |\n{readme_table.END}\nafter\n")


def test_replace_table_without_markers_says_how_to_fix_it():
    with pytest.raises(ValueError, match="no benchmark markers"):
        readme_table.replace_table("# a README without the table\n", "| new |")


def test_the_cold_start_table_is_rendered_from_its_saved_results():
    import cold_start

    assert cold_start.RESULTS.exists(), "run: python benchmarks/cold_start.py --readme"
    results = json.loads(cold_start.RESULTS.read_text(encoding="utf-8"))
    readme = readme_table.README.read_text(encoding="utf-8")
    expected = readme_table.replace_table(readme, cold_start.render_table(results), cold_start.COLD_START,
                                          cold_start.COLD_END)
    assert readme == expected, "the cold-start table drifted: python benchmarks/cold_start.py --readme"
