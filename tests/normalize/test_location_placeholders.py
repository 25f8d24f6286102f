"""Values a publisher writes into an address field it does not fill are no place (iCIMS: "UNAVAILABLE")."""

import pytest

from scraper.normalize.location import normalize_location, normalize_location_entry, parse_locations


@pytest.mark.parametrize("placeholder", ["UNAVAILABLE", "Unavailable", "N/A", "not available", "null", "Unknown"])
def test_placeholders_in_address_parts_are_dropped(placeholder):
    assert normalize_location("Hong Kong", placeholder, "HK") == {"city": "Hong Kong", "region": "", "country": "HK"}
    assert normalize_location(placeholder, placeholder, placeholder) == {"city": "", "region": "", "country": ""}
    assert normalize_location_entry({"city": placeholder, "region": placeholder, "country": placeholder}) == []


def test_placeholders_in_a_location_string_are_dropped():
    assert parse_locations("UNAVAILABLE, Austin, TX") == [{"city": "Austin", "region": "TX", "country": ""}]
    assert parse_locations("N/A") == []


def test_real_places_that_look_short_are_kept():
    # "NA" is Namibia's code, not a placeholder.
    assert normalize_location("Windhoek", "", "NA") == {"city": "Windhoek", "region": "", "country": "NA"}
