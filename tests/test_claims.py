"""The claims engine on the seeds: every required gold claim, with the gold's source."""

from storywatch.extractors import extract_claims
from storywatch.records import Figure

from .conftest import FIRST, SECOND, SEEDS

LAVROV = Figure(name="Sergei Lavrov", aliases=("Lavrov",),
                roles=("the diplomat", "the minister", "Kremlin foreign minister"))


def norm(text):
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


def claims_of(name, figures):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return extract_claims(text, figures)[1]


def test_every_required_gold_claim_is_found_with_its_source(gold, settings):
    figures = settings.figures()
    for name in (FIRST, SECOND):
        claims = claims_of(name, figures)
        for expected in (g for g in gold["claims"] if g["article"] == name and g["required"]):
            found = [c for c in claims if norm(expected["evidence"]) in norm(c.text)]
            assert found, expected["evidence"]
            if expected.get("source"):
                accepted = {s.casefold() for s in expected["source"]}
                assert found[0].attribution.source.casefold() in accepted, expected["evidence"]


def test_pronoun_after_a_quote_refers_to_its_speaker():
    text = ('Former diplomat Boris Bondarev also commented:\n\n“Lavrov is a seasoned bureaucrat.”\n\n'
            'He added that “there is no separate Lavrov line.”')
    claims = extract_claims(text, [LAVROV])[1]
    assert [c.attribution.source for c in claims] == ["Boris Bondarev", "Boris Bondarev"]


def test_pronoun_after_a_paragraph_about_the_figure_is_the_figure():
    text = ("On Lavrov's side, an interview surfaced, where the diplomat made his stance clear.\n\n"
            "He went on to say that Europe is “sabotaging all peacemaking efforts.”")
    claims = extract_claims(text, [LAVROV])[1]
    speaker = [c for c in claims if c.role == "speaker"]
    assert speaker and speaker[0].attribution.source == "Sergei Lavrov"
    assert speaker[0].status == "confirmed"


def test_status_and_polarity():
    text = ("Lavrov did not attend the meeting. Lavrov may have fallen out of favour. "
            "According to media reports, Lavrov was sacked. The Kremlin spokesman Dmitry Peskov "
            "denied that Lavrov was sacked.")
    claims = extract_claims(text, [LAVROV])[1]
    assert [(c.status, c.polarity) for c in claims] == [
        ("asserted", "negated"), ("speculative", "affirmed"), ("reported", "affirmed"),
        ("denied", "affirmed"),
    ]


def test_what_the_outlet_calls_unclear_is_speculative():
    for text in ("It is unclear whether Lavrov will attend the summit.",
                 "It is not clear whether Lavrov will keep his post."):
        assert [c.status for c in extract_claims(text, [LAVROV])[1]] == ["speculative"]


def test_a_passive_of_saying_with_no_one_saying_it_is_reported():
    for text in ("Lavrov was accused of misleading the council.", "Lavrov is said to be furious.",
                 "Lavrov is believed to have left Moscow."):
        assert [c.status for c in extract_claims(text, [LAVROV])[1]] == ["reported"]


def test_background_is_marked():
    claims = extract_claims("Lavrov, 75, has been foreign minister since 2004.", [LAVROV])[1]
    assert claims[0].background and claims[0].aspect == "background"


def test_a_fact_held_for_years_or_from_decades_ago_is_background():
    """A span of years or decades ("has known him for years", "met decades ago", "four years ago")
    marks a long-standing fact, as "for over 20 years" does; what happened this week stays news."""
    for text in ("The mayor had known Lavrov for years, and the two still dine together.",
                 "Lavrov met the ambassador decades ago in New York.",
                 "Four years ago, Lavrov met the ambassador in New York.",
                 "Lavrov has lived in Moscow for decades."):
        claims = extract_claims(text, [LAVROV])[1]
        assert claims and claims[0].background, text
    claims = extract_claims("Lavrov met the ambassador this week in New York.", [LAVROV])[1]
    assert claims and not claims[0].background
    claims = extract_claims("Lavrov has lived in Moscow for decades, he said today.", [LAVROV])[1]
    assert claims and not claims[0].background


def test_a_day_of_the_week_makes_a_long_standing_fact_news():
    """News dates the week's events by their weekday ("clashed on Monday"): a description that
    holds a long span ("a family that has ruled the party for decades") does not make that news
    background."""
    claims = extract_claims("The Lavrov family, a dynasty that has shaped the ministry for decades, "
                            "clashed on Monday with the new envoy.", [LAVROV])[1]
    assert claims and not claims[0].background
    claims = extract_claims("The Lavrov family has shaped the ministry for decades.", [LAVROV])[1]
    assert claims and claims[0].background

def test_an_age_on_first_reference_does_not_make_news_background():
    """News gives a person's age where it first names them ("Smith, 42, was arrested Tuesday"):
    the age is an aside, and what the sentence says is the news."""
    claims = extract_claims("Sergei Lavrov, 75, faces a summons from the court over the March 8 "
                            "incident.", [LAVROV])[1]
    assert claims and not claims[0].background


def test_headlines_and_questions_make_no_claims():
    claims = extract_claims("Where is Sergei Lavrov?\n\nLavrov's piece\n\nNothing else.", [LAVROV])[1]
    assert claims == []


def test_a_negation_in_scare_quotes_negates_the_claim():
    """A few quoted words inside the sentence ('was "not ready"') are the sentence's own words: their
    negation counts, as it does without the quotation marks."""
    figure = Figure(name="Jane Roe", aliases=("Roe",))
    for text in ("Roe said she was “not ready” to back the harbour plan.",
                 'Roe remains "not convinced" by the harbour plan.'):
        [claim] = [c for c in extract_claims(text, [figure])[1] if c.figure == "Jane Roe"]
        assert claim.polarity == "negated"


def test_claims_come_in_the_same_order_whatever_the_string_hash():
    """Two figures who each only speak in one sentence: their claims come in the order they speak,
    not in a set's order, which follows the interpreter's string hash and changes from run to run."""
    import os
    import subprocess
    import sys

    program = (
        "from storywatch.extractors import extract_claims\n"
        "from storywatch.records import Figure\n"
        "figures = [Figure(name=n) for n in ('Jane Roe', 'Tom Bell', 'Ann Cole', 'Dan Reyes')]\n"
        "text = ('Jane Roe said the port would close, Tom Bell said it would not, Ann Cole said it '\n"
        "        'might, and Dan Reyes said nothing would change.')\n"
        "print([c.figure for c in extract_claims(text, figures)[1]])\n")
    orders = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
              for seed in range(6)}
    assert len(orders) == 1, orders
