"""One name for each country, everywhere, and the code of the names people use."""

from __future__ import annotations

import pytest

from longarm.names.countries import check_country, country_code, country_name, country_numbers


def test_a_country_reads_as_people_name_it() -> None:
    assert country_name("RU") == "Russia"
    assert country_name("xk") == "Kosovo"
    assert country_name("TR") == "Turkey"
    assert country_name("NL") == "Netherlands"
    assert country_name("DE") == "Germany"  # pycountry's name where the table has none


def test_an_unknown_or_missing_code_reads_as_itself_or_a_dash() -> None:
    assert country_name("ZZ") == "ZZ"
    assert country_name(None) == "—"


def test_names_aliases_and_iso_codes_give_the_code() -> None:
    assert country_code("Russia") == country_code("Russian Federation") == "RU"
    assert country_code(" kosovo ") == "XK"
    assert country_code("DEU") == country_code("276") == "DE"
    assert country_code("Atlantis") is None
    assert country_code("") is None


def test_a_code_is_checked_against_iso_and_kosovo() -> None:
    assert check_country("xk") == "XK"
    assert check_country("") is None
    with pytest.raises(ValueError, match="'QQ' is not an ISO 3166-1 alpha-2"):
        check_country("QQ")


def test_maps_number_countries_by_iso_numeric_code() -> None:
    assert country_numbers()["528"] == "NL"
    assert "XK" not in country_numbers().values()  # Kosovo has no numeric code: maps find it by name


def test_the_extractor_and_the_pages_name_a_country_alike() -> None:
    from longarm.ingestion.extract.gazetteer import place_index

    (place,) = place_index()["russian federation"]
    assert (place.country, place.name) == ("RU", country_name("RU"))
