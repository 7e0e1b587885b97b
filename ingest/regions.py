"""Which world regions a country is in ("Egypt" is African, Arab and Middle Eastern, not a Gulf
state): the gazetteer's countries (``ingest.places``) grouped by the region words news questions
use ("Which Gulf country...", "Which African nation...").

No offline package ships this; the sets follow the usual (UN geoscheme) groupings, generously:
a transcontinental country (Russia, Turkey, Egypt, Kazakhstan) is in both continents, so a region
word never rules out a country a journalist might place there.
"""

from __future__ import annotations

import re

_AFRICA_NORTH = "Algeria|Egypt|Libya|Morocco|Tunisia|Sudan|Mauritania"
_AFRICA_WEST = """Benin|Burkina Faso|Cape Verde|Gambia|Ghana|Guinea|Guinea-Bissau|Ivory Coast|Liberia|Mali|Mauritania|
Niger|Nigeria|Senegal|Sierra Leone|Togo"""
_AFRICA_EAST = """Burundi|Djibouti|Eritrea|Ethiopia|Kenya|Rwanda|Somalia|South Sudan|Sudan|Tanzania|Uganda|Madagascar|
Malawi|Mozambique|Zambia|Zimbabwe|Comoros|Mauritius|Seychelles"""
_AFRICA_SOUTH = (
    "Botswana|Eswatini|Lesotho|Namibia|South Africa|Angola|Mozambique|Zambia|Zimbabwe|Malawi|Madagascar"
)
_AFRICA_REST = "Cameroon|Central African Republic|Chad|Congo|Equatorial Guinea|Gabon"
_EUROPE = """Albania|Andorra|Austria|Belarus|Belgium|Bosnia and Herzegovina|Bulgaria|Croatia|Cyprus|Czech Republic|
Denmark|Estonia|Finland|France|Germany|Greece|Hungary|Iceland|Ireland|Italy|Kosovo|Latvia|Liechtenstein|Lithuania|
Luxembourg|Malta|Moldova|Monaco|Montenegro|Netherlands|North Macedonia|Norway|Poland|Portugal|Romania|Russia|
San Marino|Serbia|Slovakia|Slovenia|Spain|Sweden|Switzerland|Ukraine|United Kingdom|Vatican City|Scotland|England|
Wales|Northern Ireland|Turkey|Georgia|Armenia|Azerbaijan|Kazakhstan|Greenland"""
_NORDIC = "Denmark|Finland|Iceland|Norway|Sweden|Greenland"
_BALTIC = "Estonia|Latvia|Lithuania"
_BALKAN = "Albania|Bosnia and Herzegovina|Bulgaria|Croatia|Greece|Kosovo|Montenegro|North Macedonia|Romania|Serbia|Slovenia|Turkey"
_ASIA_SOUTH = "Afghanistan|Bangladesh|Bhutan|India|Maldives|Nepal|Pakistan|Sri Lanka"
_ASIA_SOUTHEAST = (
    "Brunei|Cambodia|East Timor|Indonesia|Laos|Malaysia|Myanmar|Philippines|Singapore|Thailand|Vietnam"
)
_ASIA_EAST = "China|Japan|Mongolia|North Korea|South Korea|Taiwan|Hong Kong"
_ASIA_CENTRAL = "Kazakhstan|Kyrgyzstan|Tajikistan|Turkmenistan|Uzbekistan|Afghanistan"
_MIDDLE_EAST = """Bahrain|Cyprus|Egypt|Iran|Iraq|Israel|Jordan|Kuwait|Lebanon|Oman|Palestine|Qatar|Saudi Arabia|Syria|
Turkey|United Arab Emirates|Yemen|Gaza|West Bank"""
_GULF = "Bahrain|Kuwait|Oman|Qatar|Saudi Arabia|United Arab Emirates|Iraq|Iran"
_ARAB = """Algeria|Bahrain|Comoros|Djibouti|Egypt|Iraq|Jordan|Kuwait|Lebanon|Libya|Mauritania|Morocco|Oman|Palestine|
Qatar|Saudi Arabia|Somalia|Sudan|Syria|Tunisia|United Arab Emirates|Yemen|Gaza|West Bank"""
_CAUCASUS = "Georgia|Armenia|Azerbaijan|Russia"
_SOUTH_AMERICA = (
    "Argentina|Bolivia|Brazil|Chile|Colombia|Ecuador|Guyana|Paraguay|Peru|Suriname|Uruguay|Venezuela"
)
_CENTRAL_AMERICA = "Belize|Costa Rica|El Salvador|Guatemala|Honduras|Nicaragua|Panama"
_CARIBBEAN = """Antigua and Barbuda|Bahamas|Barbados|Cuba|Dominica|Dominican Republic|Grenada|Haiti|Jamaica|Puerto Rico|
Saint Lucia|Trinidad and Tobago|Guyana|Suriname|Belize"""
_OCEANIA = """Australia|Fiji|Kiribati|Marshall Islands|Micronesia|Nauru|New Zealand|Palau|Papua New Guinea|Samoa|
Solomon Islands|Tonga|Tuvalu|Vanuatu"""

_AFRICA = "|".join((_AFRICA_NORTH, _AFRICA_WEST, _AFRICA_EAST, _AFRICA_SOUTH, _AFRICA_REST))
_ASIA = "|".join((_ASIA_SOUTH, _ASIA_SOUTHEAST, _ASIA_EAST, _ASIA_CENTRAL, _MIDDLE_EAST, _CAUCASUS, "Russia"))
_LATIN_AMERICA = "|".join(
    (_SOUTH_AMERICA, _CENTRAL_AMERICA, "Mexico|Cuba|Dominican Republic|Haiti|Puerto Rico")
)
_NORTH_AMERICA = "|".join(("Canada|United States|Mexico|Greenland", _CENTRAL_AMERICA, _CARIBBEAN))

# The region words of questions, longest first in the pattern ("South Asian" before "Asian").
_REGIONS: dict[str, str] = {
    "african": _AFRICA, "north african": _AFRICA_NORTH, "west african": _AFRICA_WEST,
    "east african": _AFRICA_EAST, "southern african": _AFRICA_SOUTH, "european": _EUROPE,
    "nordic": _NORDIC, "scandinavian": _NORDIC, "baltic": _BALTIC, "balkan": _BALKAN, "asian": _ASIA,
    "south asian": _ASIA_SOUTH, "southeast asian": _ASIA_SOUTHEAST, "south-east asian": _ASIA_SOUTHEAST,
    "east asian": _ASIA_EAST, "central asian": _ASIA_CENTRAL, "middle eastern": _MIDDLE_EAST,
    "mideast": _MIDDLE_EAST, "gulf": _GULF, "arab": _ARAB, "caucasus": _CAUCASUS,
    "south american": _SOUTH_AMERICA, "latin american": _LATIN_AMERICA, "central american": _CENTRAL_AMERICA,
    "north american": _NORTH_AMERICA, "caribbean": _CARIBBEAN, "oceanian": _OCEANIA,
}  # fmt: skip
REGION_COUNTRIES: dict[str, frozenset[str]] = {
    word: frozenset(c.strip() for c in names.replace("\n", "").split("|")) for word, names in _REGIONS.items()
}
# "Which Gulf country", "which African nations": a region word right before the kind of place.
_REGION_ASKED = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_REGIONS, key=len, reverse=True)) + r")\s+"
    r"(?:countr(?:y|ies)|nations?|states?|kingdoms?|monarch(?:y|ies)|emirates?|members?|neighbou?rs?|allies|ally)\b",
    re.I,
)


def asked_region(question: str) -> str | None:
    """The region word a question puts on the country it asks for ("Which Gulf country..." ->
    "gulf"), or None."""
    m = _REGION_ASKED.search(question)
    return m.group(1).lower() if m else None


def in_region(country: str, region: str) -> bool:
    """``country`` (as ``ingest.places.country_name`` reports it) is in the region word's region."""
    return country in REGION_COUNTRIES.get(region, frozenset())
