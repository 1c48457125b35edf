"""settings.py: the one loader for the numbers and limits in flashpoint/data, used by the
document budget, the web server and the feed watcher."""

from __future__ import annotations

import pytest

from flashpoint.budget import limits
from flashpoint.errors import DataFileError
from flashpoint.settings import SettingsFile, settings_file
from flashpoint.watch.config import watch_settings
from flashpoint.web.security import server_settings


def test_the_three_limit_files_load_through_it() -> None:
    budget = settings_file("budget.yaml")
    assert settings_file("budget.yaml") is budget  # read once
    assert limits().sentence_max_tokens == budget.integer("sentence.max_tokens") >= 8
    assert server_settings().body_timeout_s == settings_file("server.yaml").number("body_timeout_s")
    assert watch_settings().code_batch == settings_file("watch.yaml").integer("code_batch")
    assert "" in server_settings().wildcard_binds


FILE = SettingsFile(
    "demo.yaml",
    {"walks": {"actors": 12, "ratio": 0.5, "flag": True}, "hosts": ["localhost", ""], "agent": "  "},
)


def test_dotted_keys_and_types() -> None:
    assert FILE.integer("walks.actors", minimum=1) == 12
    assert FILE.number("walks.actors") == 12.0
    assert FILE.number("walks.ratio", above=0) == 0.5
    assert FILE.flag("walks.flag", False) is True
    assert FILE.flag("walks.other", False) is False
    assert FILE.names("hosts", allow_empty=True) == ("localhost", "")


@pytest.mark.parametrize(
    ("ask", "message"),
    [
        (lambda: FILE.integer("walks.places"), "walks.places is missing"),
        (lambda: FILE.integer("walks.ratio"), "walks.ratio must be a whole number"),
        (
            lambda: FILE.integer("walks.actors", minimum=20),
            "walks.actors must be a whole number of at least 20",
        ),
        (lambda: FILE.number("walks.flag"), "walks.flag must be a number"),
        (lambda: FILE.number("walks.ratio", above=1), "walks.ratio must be a number above 1"),
        (lambda: FILE.names("hosts"), "hosts must be a list of names"),
        (lambda: FILE.text("agent"), "agent must be a non-empty string"),
        (lambda: FILE.flag("walks.actors", True), "walks.actors must be true or false"),
        (lambda: FILE.value("hosts.first"), "hosts.first is missing"),
    ],
)
def test_a_bad_value_names_file_and_key(ask, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataFileError, match="^data file demo.yaml: " + message):
        ask()


def test_a_file_that_is_not_a_mapping() -> None:
    with pytest.raises(DataFileError, match="demo.yaml: expected a mapping"):
        SettingsFile("demo.yaml", ["a", "b"])
