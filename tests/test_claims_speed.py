"""benchmarks/claims_speed.py times the claims stage as the pass runs it, over a PolNeAR layout."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import claims_speed  # noqa: E402


def test_the_claims_stage_is_timed_over_the_train_texts_with_the_figures_asked_for(tmp_path):
    texts = tmp_path / "train" / "text"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text("Jane Roe said the port lost money, her aide told reporters.\n")
    (texts / "b.txt").write_text("“It is over,” Tom Bell said on Monday.\n")
    assert claims_speed.throughput(ROOT, tmp_path, ["Jane Roe"], rounds=1) > 0


def test_a_folder_without_train_texts_is_refused_by_name(tmp_path):
    with pytest.raises(SystemExit, match="no PolNeAR train texts under"):
        claims_speed.throughput(ROOT, tmp_path, [], rounds=1)
