"""Location strings as ATS boards write them, to {city, region, country}."""

import pytest

from scraper.normalize.location import normalize_location_entry, parse_location_string, parse_locations


def loc(city="", region="", country=""):
    return {"city": city, "region": region, "country": country}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Berlin, Berlin, Germany", loc("Berlin", "Berlin", "DE")),
        ("London, UK", loc("London", "", "GB")),
        ("San Francisco, CA, US", loc("San Francisco", "CA", "US")),
        ("Bangalore, India", loc("Bangalore", "", "IN")),
        # workplace words and broad regions are not places
        ("Remote, Italy", loc("", "", "IT")),
        ("Remote - USA", loc("", "", "US")),
        ("Remote, US", loc("", "", "US")),
        ("Remote (United States)", loc("", "", "US")),
        ("Remote-Friendly, United States", loc("", "", "US")),
        ("Remote (EU)", loc()),
        ("Europe", loc()),
        ("New York, NY (HQ)", loc("New York", "NY")),
        # a US state code is not the country it also names
        ("Chicago, IL", loc("Chicago", "IL")),
        ("San Francisco, CA", loc("San Francisco", "CA")),
        ("Atlanta, GA", loc("Atlanta", "GA")),
        ("WA - Seattle", loc("Seattle", "WA")),
        # a single short part is a country only when it is a known short name
        ("USA", loc("", "", "US")),
        ("SF", loc("SF")),
        ("Seattle", loc("Seattle")),
    ],
)
def test_parse_location_string(text, expected):
    assert parse_location_string(text) == expected


@pytest.mark.parametrize(
    "text,hint,expected",
    [
        ("Chicago, IL", "US", loc("Chicago", "IL", "US")),
        ("Atlanta, Georgia", "US", loc("Atlanta", "Georgia", "US")),
        ("Bombay, MH", "IN", loc("Bombay", "MH", "IN")),
        ("Berlin, DE", "DE", loc("Berlin", "", "DE")),
        ("Amsterdam, Netherlands", "NL", loc("Amsterdam", "", "NL")),
        ("Rotterdam", "NL", loc("Rotterdam", "", "NL")),
        ("Remote", "Canada", loc("", "", "CA")),
    ],
)
def test_country_hint(text, hint, expected):
    assert parse_location_string(text, country_hint=hint) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mountain View, USA; Seattle, USA", [loc("Mountain View", "", "US"), loc("Seattle", "", "US")]),
        ("New York, NY; San Francisco, CA", [loc("New York", "NY"), loc("San Francisco", "CA")]),
        ("SF / NY / Remote", [loc("SF"), loc("NY")]),
        ("Berlin | Munich", [loc("Berlin"), loc("Munich")]),
        ("London, UK; London, UK", [loc("London", "", "GB")]),
        ("Remote", []),
        ("", []),
    ],
)
def test_parse_locations(text, expected):
    assert parse_locations(text) == expected


@pytest.mark.parametrize(
    "entry,expected",
    [
        ({"city": "Berlin", "region": "", "country": "Germany"}, [loc("Berlin", "", "DE")]),
        (
            {"city": "Toronto", "region": "Ontario", "country": "Canada", "label": "Toronto, Ontario"},
            [loc("Toronto", "Ontario", "CA")],
        ),
        ({"label": "Chicago, IL", "country": "US"}, [loc("Chicago", "IL", "US")]),
        ({"city": "", "region": "", "country": "Canada", "label": "Remote (Canada)"}, [loc("", "", "CA")]),
        ({"city": "", "region": "", "country": "European Union", "label": "Europe"}, []),
        ({"label": "SF / NY"}, [loc("SF"), loc("NY")]),
        ({"country": "NL"}, [loc("", "", "NL")]),
    ],
)
def test_location_entries(entry, expected):
    assert normalize_location_entry(entry) == expected
