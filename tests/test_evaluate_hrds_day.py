"""HRDsAttack's annotated day of the main event, read in the forms the annotators wrote."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.hrds import annotated_day


@pytest.mark.parametrize(
    "ann, day",
    [
        ({"year": "2019.0", "month": "09", "date": "15.0"}, "2019-09-15"),
        ({"year": "2017", "month": "July", "date": "2"}, "2017-07-02"),
        ({"year": "2021", "month": "january", "date": "12.0"}, "2021-01-12"),
        ({"year": "2012", "month": "November", "date": "Unknown"}, None),
        ({"year": None, "month": "03", "date": "7.0"}, None),
        ({"year": "2020", "month": None, "date": None}, None),
        ({"year": "2021", "month": "02", "date": "30"}, None),
        ({}, None),
    ],
)
def test_annotated_day(ann, day):
    assert annotated_day(ann) == day
