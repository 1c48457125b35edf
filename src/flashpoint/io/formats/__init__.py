"""Row shapes for the output formats that are not our own JSON: flat, PLOVER and ACLED."""
