"""Texts that cannot mention a figure skip the claims stage, and lose no claim by it."""

import sys
from pathlib import Path

import pytest

from storywatch.extractors import extract_claims
from storywatch.extractors.mentions import may_mention
from storywatch.flows.prepare import claims_about
from storywatch.records import Figure

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
# US figures for US news; two without aliases, so a surname alone must still count
FIGURES = [Figure(name="Marco Rubio", roles=("the Florida senator",)), Figure(name="Paul Ryan"),
           Figure(name="Bernie Sanders", aliases=("Sanders",))]


def test_a_surname_alone_may_mention_a_figure_without_aliases():
    assert may_mention("Rubio said on Monday that the plan would work.", FIGURES)
    assert may_mention("The Florida senator said the plan would work.", FIGURES)
    assert not may_mention("The senator said on Monday that the plan would work.", FIGURES)
    assert not may_mention("Anyone said anything.", [])


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="needs ../shared/eval/polnear")
def test_claims_about_equals_the_whole_claims_stage_on_real_articles():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from polnear_attribution import load_split

    documents = load_split(POLNEAR, "dev", "first", None)
    skipped = with_claims = 0
    for document in documents:
        expected = [c.text for c in extract_claims(document.text, FIGURES)[1]]
        assert [c.text for c in claims_about(document.text, FIGURES, None)] == expected
        skipped += not may_mention(document.text, FIGURES)
        with_claims += bool(expected)
    assert skipped >= 10 and with_claims >= 10  # both paths were taken
