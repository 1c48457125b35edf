"""Finding place names in text, with and without spaCy."""

from __future__ import annotations

from flashpoint.geo import find_toponyms

KFOR = (
    "Kosovo Serbs protested again on Monday in front of the municipality buildings of "
    "Zvecan, Zubin Potok, and Leposavic in the northern Mitrovica District, trying to stop "
    "newly elected Albanian mayors."
)


def _texts(toponyms, kind=None):
    return [t.text for t in toponyms if kind is None or t.kind == kind]


def test_list_of_small_towns_found_without_spacy():
    tops = find_toponyms(KFOR)
    assert _texts(tops, "place") == ["Zvecan", "Zubin Potok", "Leposavic"]
    assert "Kosovo Serbs" in _texts(tops, "demonym")
    assert "Albanian" in _texts(tops, "demonym")
    region = [t for t in tops if t.kind == "region"]
    assert region and region[0].candidates[0].name == "Mitrovica District"
    for t in tops:
        assert KFOR[t.start : t.end] == t.text


def test_spacy_person_and_org_labels_do_not_hide_towns(nlp):
    # spaCy tags Leposavic PERSON and Zubin Potok ORG here; the gazetteer still finds them
    tops = find_toponyms(KFOR, nlp(KFOR))
    assert _texts(tops, "place") == ["Zvecan", "Zubin Potok", "Leposavic"]


def test_place_inside_organisation_name_is_marked(nlp):
    text = "Only 3.47% of eligible voters cast ballots, according to the Kosovo Central Election Commission."
    tops = find_toponyms(text, nlp(text))
    assert [(t.text, t.kind) for t in tops] == [("Kosovo", "in_org")]


def test_stopwords_and_months_are_not_places():
    text = "Police said on Monday that the Union and the Mission met in May."
    assert _texts(find_toponyms(text), "place") == []


def test_small_place_needs_a_locative_context():
    assert "Zubin Potok" not in _texts(find_toponyms("Zubin Potok said nothing."))
    assert "Zubin Potok" in _texts(find_toponyms("Shots were fired near Zubin Potok."))


def test_big_places_and_countries_stand_alone():
    tops = find_toponyms("Belgrade and Pristina traded accusations while Serbia waited.")
    assert _texts(tops) == ["Belgrade", "Pristina", "Serbia"]
    assert [t.kind for t in tops] == ["place", "place", "country"]


def test_country_aliases_and_regions():
    tops = find_toponyms("Troops from the U.S. and the UK moved into the West Bank and the Gaza Strip.")
    codes = [t.candidates[0].country for t in tops]
    assert codes == ["US", "GB", "PS", "PS"]


def test_ignore_phrases_are_consumed():
    tops = find_toponyms("The European Union and the Middle East were discussed.")
    assert _texts(tops) == []


def test_lower_case_arabic_article_opens_the_name():
    text = "A car bomb went off in al Bab, north of Aleppo, and clashes went on near el Fasher."
    tops = find_toponyms(text)
    assert "al Bab" in [t.text for t in tops] and "el Fasher" in [t.text for t in tops]
    # English words are not read as articles
    assert not any(
        t.text.startswith(("at ", "as ", "an ")) for t in find_toponyms("They met at Kabul as Iraq watched.")
    )
