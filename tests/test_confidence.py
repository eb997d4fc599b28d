"""The confidence model that keeps or drops candidate attributions."""

from storywatch.extractors.analysis import analyse_text
from storywatch.extractors.confidence import MODEL, ConfidenceModel, features, speakers, speech_around


def scored(text):
    analysis = analyse_text(text, [], confidence=None)
    return [(unit.attributions[i].cue, MODEL.probability(features(text, unit, i)))
            for unit in analysis.units for i in range(len(unit.attributions))]


def test_the_shipped_model_loads_with_a_threshold():
    assert MODEL is not None
    assert 0.0 < MODEL.threshold < 1.0
    assert len(MODEL.weights) > 1000


def test_features_name_the_pattern_and_the_cue():
    text = "Officials said that the talks failed."
    unit = analyse_text(text, [], confidence=None).units[0]
    names = features(text, unit, 0)
    assert "pattern=source_first" in names and "cue=said" in names and "next=that" in names
    assert names == features(text, unit, 0)


def test_a_reporting_verb_is_kept_and_a_verb_of_another_sense_dropped():
    [(cue, kept)] = scored("Officials said that the talks failed.")
    assert cue == "said" and kept >= MODEL.threshold
    [(cue, dropped)] = scored("The show appeared on television last night.")
    assert cue == "appeared" and dropped < MODEL.threshold


def test_the_article_keeps_what_the_model_accepts_and_the_units_keep_every_candidate():
    text = "The show appeared on television last night. Officials said that the talks failed."
    analysis = analyse_text(text, [])
    assert [a.cue for a in analysis.attributions] == ["said"]
    assert [a.cue for u in analysis.units for a in u.attributions] == ["appeared", "said"]
    assert len(analyse_text(text, [], confidence=None).attributions) == 2


def test_weights_file_round_trip(tmp_path):
    path = tmp_path / "weights.tsv"
    path.write_text("# comment\n#threshold\t0.25\nbias\t-1.5\ncue=said\t3.0\n", encoding="utf-8")
    model = ConfidenceModel.load(path)
    assert model.threshold == 0.25
    assert model.probability(["bias"]) < 0.25 < model.probability(["bias", "cue=said"])
    assert ConfidenceModel.load(tmp_path / "missing.tsv") is None


def named(text, prefixes=("source_prev", "source_first", "source_aux", "content_first", "cue+prev"),
          cue=None):
    """The features of the unit's first candidate, or of the one whose cue is `cue`."""
    unit = analyse_text(text, [], confidence=None).units[0]
    index = 0 if cue is None else next(i for i, a in enumerate(unit.attributions) if a.cue == cue)
    return {f for f in features(text, unit, index) if f.split("=")[0] in prefixes}


def test_features_say_what_stands_around_the_source_and_how_the_cue_is_used():
    # a source that opens the sentence, a capitalised cue before it, a content opening with "the"
    assert named("Officials said that the talks failed.") == {
        "source_prev=end", "source_first=cap", "source_aux=False", "content_first=det",
        "cue+prev=said|cap"}
    # a noun before the source ("the plan the mayor proposed"): an object relative, not a speaker
    # whose words follow
    assert "source_prev=lower" in named("In the end, the plan the mayor proposed was dropped.")
    # an auxiliary inside the source: a clause taken for a noun phrase
    assert "source_aux=True" in named("The memo the aides had drafted warned that costs would rise.",
                                      cue="warned")


def test_features_say_whether_a_cue_is_inside_what_another_cue_reports():
    # PolNeAR often leaves out what the reported speaker is said to hold: the model sees nesting
    text = "Officials said the senator believes that the talks failed."
    unit = analyse_text(text, [], confidence=None).units[0]
    nested = {a.cue: [f for f in features(text, unit, i) if f.startswith("nested=")]
              for i, a in enumerate(unit.attributions)}
    assert nested == {"said": ["nested=no"], "believes": ["nested=outer_speech"]}


def test_features_say_whether_the_source_names_a_person():
    text = "Ann Bell said that the talks failed. Later he said it was over. The report said costs rose."
    analysis = analyse_text(text, [], confidence=None)
    kinds = [f for unit in analysis.units for i in range(len(unit.attributions))
             for f in features(text, unit, i) if f.startswith("source_person=")]
    assert kinds == ["source_person=person", "source_person=pronoun", "source_person=none"]


def test_features_say_whether_a_reporting_verb_stands_before_or_after_the_candidate():
    # "Prosecutors argued that although Lazar confessed, ...": the confession is what prosecutors
    # report, and PolNeAR leaves it out; a reporting verb after the content ("..., the aide said")
    text = "Prosecutors argued that although Lazar confessed, he showed no remorse."
    unit = analyse_text(text, [], confidence=None).units[0]
    around = {a.cue: [f for f in features(text, unit, i) if f.startswith("speech_around=")]
              for i, a in enumerate(unit.attributions)}
    assert around["argued"] == ["speech_around=no|False"]
    assert around["confessed"] == ["speech_around=yes|False"]
    text = "Mr. Smith believes the talks failed, the spokesman said."
    unit = analyse_text(text, [], confidence=None).units[0]
    assert speech_around(text, unit, 0) == "no|True"
    # an opening clause with its own reporting verb, parted by a comma
    text = "After the Gazette reported the vote, Roe said it was unfair."
    unit = analyse_text(text, [], confidence=None).units[0]
    assert [speech_around(text, unit, i) for i, a in enumerate(unit.attributions)
            if a.cue == "said"] == ["comma|False"]


def test_features_say_how_often_the_source_speaks_elsewhere_in_the_article():
    # a news article comes back to the people it quotes: "Roe backed ..." after "Jane Roe said ..."
    text = ("Jane Roe said the harbour plan would fail.\n\nRoe backed the rival bill on Monday.\n\n"
            "Jane Roe told reporters the vote was rushed.")
    units = analyse_text(text, [], confidence=None).units
    backed = next(u for u in units if any(a.cue == "backed" for a in u.attributions))
    index = next(i for i, a in enumerate(backed.attributions) if a.cue == "backed")
    speaking = speakers(units)
    assert speaking["roe"] == 2
    names = features(text, backed, index, speaking)
    assert "speaker_elsewhere=2" in names and "speaker_elsewhere+speech=2|False" in names
    # its own reporting verb is not "elsewhere"; without the article, no one speaks elsewhere
    said = next(u for u in units if any(a.cue == "said" for a in u.attributions))
    assert "speaker_elsewhere=1" in features(text, said, 0, speaking)
    assert "speaker_elsewhere=0" in features(text, backed, index)
