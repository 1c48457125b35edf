"""The geocoder's stages take their gazetteer when they are built (issue 19 point 3): a
pipeline given another gazetteer finds and places names with that one. The text is
invented here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from flashpoint.geo.gazetteer import Gazetteer, load_gazetteer
from flashpoint.geo.place import Place
from flashpoint.models import Document
from flashpoint.pipeline import Pipeline

TEXT = "Police detained twelve protesters in Zvecan on Monday."


class Renamed(Gazetteer):
    """The shipped gazetteer, but its town Zvecan reads as another country's: a change no
    test could see unless the stages use the gazetteer they were given."""

    def __init__(self, shipped: Gazetteer) -> None:
        self.__dict__.update(shipped.__dict__)

    def place(self, i: int) -> Place:
        found = super().place(i)
        if found.name == "Zvečan":
            return replace(found, country="MK")
        return found


def countries(pipeline: Pipeline) -> list[str | None]:
    events = pipeline.extract(Document(id="d", text=TEXT, date=date(2023, 5, 29)))
    return [e.location.country if e.location else None for e in events]


def test_the_geo_stages_use_the_gazetteer_they_are_given():
    assert countries(Pipeline()) == ["XK"]
    other = Renamed(load_gazetteer())
    built = Pipeline(config={"toponyms": {"gazetteer": other}, "locate": {"gazetteer": other}})
    assert countries(built) == ["MK"]
