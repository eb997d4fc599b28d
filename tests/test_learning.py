"""The scripts that learn the cue lexicon and the confidence model from PolNeAR train."""

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import learn_confidence  # noqa: E402
import learn_cues  # noqa: E402


def test_base_forms_count_as_verbs_when_an_inflection_is_a_cue():
    heads = Counter({"insisted": 5, "insist": 3})
    assert learn_cues.looks_like_a_verb("insist", heads)
    assert not learn_cues.looks_like_a_verb("insist")
    assert learn_cues.looks_like_a_verb("said")


def test_nouns_and_adjectives_but_not_adverbs_or_clitics():
    assert learn_cues.a_noun_or_adjective("assertion")
    assert learn_cues.a_noun_or_adjective("skeptical")
    assert not learn_cues.a_noun_or_adjective("strongly")
    assert not learn_cues.a_noun_or_adjective("aren't")


def test_the_cue_head_skips_auxiliaries_and_clitics():
    assert learn_cues.head("has also said") == "said"
    assert learn_cues.head("’s argued") == "argued"


def test_fit_learns_which_features_mark_a_correct_candidate():
    Candidate = learn_confidence.Candidate
    examples = [Candidate(i, ["bias", "cue=said"], (0,)) for i in range(20)]
    examples += [Candidate(i, ["bias", "cue=appeared"], ()) for i in range(20)]
    vocabulary = {"bias", "cue=said", "cue=appeared"}
    weights = learn_confidence.fit(examples, vocabulary, c=1.0)
    said = learn_confidence.probability(weights, ["bias", "cue=said"])
    appeared = learn_confidence.probability(weights, ["bias", "cue=appeared"])
    assert said > 0.8 and appeared < 0.2
    # a stronger penalty (a smaller C) holds the weights nearer 0; the intercept is written as bias
    penalised = learn_confidence.fit(examples, vocabulary, c=0.01)
    assert 0 < penalised["cue=said"] < weights["cue=said"]
    assert 0 > penalised["cue=appeared"] > weights["cue=appeared"]
    assert set(weights) == vocabulary


def test_the_fit_does_not_depend_on_the_order_of_its_examples():
    """The fit is solved to convergence, not by a pass over the examples in some order (as the
    stochastic fit before it was, whose weights moved with the order and with any few candidates
    added or removed): the same examples shuffled give the same weights."""
    rng = random.Random(7)
    names = [f"f{number}" for number in range(60)]
    hidden = {name: rng.gauss(0.0, 1.5) for name in names}
    examples = []
    for number in range(1500):
        features = ["bias", *rng.sample(names, 6), "rare"]
        z = -0.3 + sum(hidden[name] for name in features if name in hidden)
        correct = rng.random() < 1 / (1 + 2.718281828 ** -z)
        examples.append(learn_confidence.Candidate(number % 40, features, (0,) if correct else ()))
    vocabulary = {"bias", *names}  # "rare" is left out, as --min-count leaves features out
    weights = learn_confidence.fit(examples, vocabulary, c=0.3)
    shuffled = examples[:]
    random.Random(1).shuffle(shuffled)
    again = learn_confidence.fit(shuffled, vocabulary, c=0.3)
    assert set(weights) == set(again) == vocabulary
    assert max(abs(weights[name] - again[name]) for name in weights) < 1e-6
    assert max(abs(weights[name]) for name in names) > 1.0  # a fit, not weights all near 0


def test_a_fit_stopped_short_of_convergence_is_an_error(monkeypatch):
    import pytest
    from sklearn.exceptions import ConvergenceWarning

    Candidate = learn_confidence.Candidate
    examples = [Candidate(i, ["bias", "cue=said"], (0,) if i % 4 else ()) for i in range(40)]
    examples += [Candidate(i, ["bias", "cue=appeared"], () if i % 4 else (0,)) for i in range(40)]
    monkeypatch.setattr(learn_confidence, "MAX_ITER", 1)
    with pytest.raises(ConvergenceWarning):
        learn_confidence.fit(examples, {"bias", "cue=said", "cue=appeared"}, c=1.0)


def test_f1_counts_each_gold_attribution_once():
    Candidate = learn_confidence.Candidate
    scored = [(0.9, Candidate(0, [], (0,))), (0.8, Candidate(0, [], (0,))), (0.2, Candidate(0, [], ()))]
    f1, precision, recall = learn_confidence.f1_at(0.5, scored, gold_total=2)
    assert (precision, recall) == (1.0, 0.5)
    assert abs(f1 - 2 / 3) < 1e-9


def test_a_fold_left_out_teaches_no_cue(tmp_path):
    """Cross-validation learns the lexicon without the held-out articles: a word annotated as a cue
    only there is no cue of the fold's lexicon (benchmarks/cross_validate_attribution.py)."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    articles = {"one": ("Roe insisted that the port lost money.", 4, 12),
                "two": ("Bell quipped that the port lost money.", 5, 12)}
    for name, (text, start, end) in articles.items():
        (tmp_path / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "attributions" / f"{name}_A1.ann").write_text(
            f"T1\tCue {start} {end}\t{text[start:end]}\n", encoding="utf-8")
    everything = learn_cues.learn(min_count=1, min_share=0.1, data=tmp_path)
    without_two = learn_cues.learn(min_count=1, min_share=0.1, exclude=frozenset({"two"}),
                                   data=tmp_path)
    assert {"insisted", "quipped"} <= everything.keys()
    assert "insisted" in without_two and "quipped" not in without_two


def test_the_threshold_is_the_middle_of_the_plateau_not_its_argmax():
    # F1 within PLATEAU of the best from 0.40 to 0.46, its argmax at the plateau's edge (0.46)
    f1s = {0.38: 0.8100, 0.39: 0.8110, 0.40: 0.8119, 0.41: 0.8120, 0.42: 0.8121, 0.43: 0.8120,
           0.44: 0.8121, 0.45: 0.8122, 0.46: 0.8123, 0.47: 0.8110}
    curve = [((f1, 0.0, 0.0), t) for t, f1 in f1s.items()]
    (f1, _, _), threshold = learn_confidence.plateau_middle(curve)
    assert threshold == 0.43 and f1 == 0.8120  # 0.40-0.46: seven points, the fourth
    # a single sharp best is its own plateau
    sharp = [((0.70, 0.0, 0.0), 0.3), ((0.80, 0.0, 0.0), 0.4), ((0.70, 0.0, 0.0), 0.5)]
    assert learn_confidence.plateau_middle(sharp)[1] == 0.4
