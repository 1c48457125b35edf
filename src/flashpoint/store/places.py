"""Place keys: the case- and accent-free forms of a place's spellings on which every place
filter matches, the store's event filters and the monitor's clusters alike, so an alert's
place finds its events."""

from __future__ import annotations

from ..geo.fold import caseless


def place_key(name: str) -> str:
    """Case- and accent-free form of a place name, as ``strip_accents(lower(...))`` in SQL."""
    return caseless(name.strip())


def place_keys_for(name: str) -> list[str]:
    """Keys of every spelling the gazetteer knows for ``name``, so a filter on
    'Leposavić' finds events stored at 'Leposaviq' (and the other way round)."""
    from ..geo.fold import variant_fold
    from ..geo.gazetteer import load_gazetteer

    same = variant_fold(name)
    keys = {place_key(name)}
    # only spellings of this very name: 'Mitrovica' must not reach 'Sremska Mitrovica'
    keys.update(place_key(p.name) for p in load_gazetteer().lookup(name) if variant_fold(p.name) == same)
    return sorted(keys)
