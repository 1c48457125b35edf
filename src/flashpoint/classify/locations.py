"""Where event models live: the shipped one inside the package, a user's own under
their data directory (``$FLASHPOINT_HOME/models/NAME``, by default
``~/.local/share/flashpoint/models/NAME``), never in the repository."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import UsageError
from .model import EventClassifier

SHIPPED = "shipped"
RULES = "rules"  # no model: the parse-based rules alone
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def shipped_model_dir() -> Path:
    return Path(str(resources.files("flashpoint").joinpath("data", "models", "events")))


def user_home() -> Path:
    home = os.environ.get("FLASHPOINT_HOME")
    if home:
        return Path(home)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "flashpoint"


def user_model_dir(name: str) -> Path:
    if not NAME.match(name) or name in (SHIPPED, RULES):
        raise UsageError(
            f"model name {name!r}: use letters, digits, '.', '_' or '-' (not {SHIPPED!r} or {RULES!r})"
        )
    return user_home() / "models" / name


def model_dir(name: str | None) -> Path:
    """The folder of model ``name`` (None or 'shipped': the one that ships)."""
    if name in (None, SHIPPED, RULES):
        return shipped_model_dir()
    folder = user_model_dir(name)
    if not (folder / "meta.json").exists():
        raise UsageError(
            f"no model named {name!r} in {folder.parent}; train one with "
            f"`flashpoint train LABELS --name {name}`"
        )
    return folder


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> EventClassifier:
    """The named model, loaded once per process."""
    return EventClassifier.load(model_dir(name))
