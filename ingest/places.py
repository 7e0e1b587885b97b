"""A small offline gazetteer: is a place name a country, and which country is a major city in.

spaCy tags both "Moscow" and "Russia" as GPE; an event venue needs them apart (city, country).
No gazetteer ships offline with the stack, so this holds the world's countries (with common
aliases) and a few hundred major cities; an unknown GPE is treated as a city of unknown country.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_COUNTRIES = """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|
Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|
Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|
Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Greenland|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|
Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|
Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|
Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|
North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|
Poland|Portugal|Puerto Rico|Qatar|Romania|Russia|Rwanda|Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|
Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|
Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|
Trinidad and Tobago|Tunisia|Turkey|Turkiye|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|
United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Vatican City|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|
Gaza|West Bank|Scotland|England|Wales|Northern Ireland|Hong Kong"""

# Alias -> the name we report.
_ALIASES = {
    "US": "United States", "U.S.": "United States", "U.S.A.": "United States", "USA": "United States",
    "America": "United States", "the United States": "United States", "UK": "United Kingdom",
    "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates", "Holland": "Netherlands",
    "the Netherlands": "Netherlands", "Burma": "Myanmar", "Czechia": "Czech Republic",
    "Turkiye": "Turkey", "Türkiye": "Turkey", "Republic of Korea": "South Korea", "DPRK": "North Korea",
    "PRC": "China", "Cote d'Ivoire": "Ivory Coast", "Côte d'Ivoire": "Ivory Coast",
    "Democratic Republic of the Congo": "Congo", "DRC": "Congo", "DR Congo": "Congo",
}  # fmt: skip

# A people's adjective -> the one-word name of its country, as news writes both ("the French
# election", "voters in France"). Adjectives shared by several countries ("Korean") or meaning
# more than a country ("American" for the Americas, "Indian" for the ocean) are left out.
DEMONYMS: dict[str, str] = {
    "Afghan": "Afghanistan", "Albanian": "Albania", "Algerian": "Algeria", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Armenian": "Armenia", "Australian": "Australia", "Austrian": "Austria",
    "Bangladeshi": "Bangladesh", "Belgian": "Belgium", "Brazilian": "Brazil", "British": "Britain",
    "Bulgarian": "Bulgaria", "Canadian": "Canada", "Chilean": "Chile", "Chinese": "China",
    "Colombian": "Colombia", "Croatian": "Croatia", "Cuban": "Cuba", "Czech": "Czechia", "Danish": "Denmark",
    "Dutch": "Netherlands", "Egyptian": "Egypt", "English": "England", "Estonian": "Estonia",
    "Ethiopian": "Ethiopia", "Filipino": "Philippines", "Finnish": "Finland", "French": "France",
    "German": "Germany", "Ghanaian": "Ghana", "Greek": "Greece", "Haitian": "Haiti", "Hungarian": "Hungary",
    "Icelandic": "Iceland", "Indonesian": "Indonesia", "Iranian": "Iran", "Iraqi": "Iraq", "Irish": "Ireland",
    "Israeli": "Israel", "Italian": "Italy", "Jamaican": "Jamaica", "Japanese": "Japan",
    "Jordanian": "Jordan", "Kenyan": "Kenya", "Lebanese": "Lebanon", "Libyan": "Libya",
    "Lithuanian": "Lithuania", "Malaysian": "Malaysia", "Mexican": "Mexico", "Moroccan": "Morocco",
    "Nepalese": "Nepal", "Nigerian": "Nigeria", "Norwegian": "Norway", "Pakistani": "Pakistan",
    "Palestinian": "Palestine", "Peruvian": "Peru", "Polish": "Poland", "Portuguese": "Portugal",
    "Qatari": "Qatar", "Romanian": "Romania", "Russian": "Russia", "Rwandan": "Rwanda", "Saudi": "Saudi",
    "Scottish": "Scotland", "Serbian": "Serbia", "Singaporean": "Singapore", "Somali": "Somalia",
    "Spanish": "Spain", "Sudanese": "Sudan", "Swedish": "Sweden", "Swiss": "Switzerland",
    "Syrian": "Syria", "Taiwanese": "Taiwan", "Thai": "Thailand", "Turkish": "Turkey",
    "Ukrainian": "Ukraine", "Venezuelan": "Venezuela", "Vietnamese": "Vietnam", "Welsh": "Wales",
    "Yemeni": "Yemen", "Zimbabwean": "Zimbabwe",
}  # fmt: skip

# Country -> its major cities (capitals, the largest, frequent summit venues).
_CITIES = {
    "Russia": "Moscow|Saint Petersburg|St. Petersburg|Kazan|Sochi|Vladivostok|Novosibirsk|Yekaterinburg",
    "India": "New Delhi|Delhi|Mumbai|Bengaluru|Bangalore|Chennai|Kolkata|Hyderabad|Ahmedabad|Pune|Goa|Jaipur",
    "China": "Beijing|Shanghai|Qingdao|Tianjin|Guangzhou|Shenzhen|Wuhan|Chengdu|Hangzhou|Xiamen|Nanjing|Xi'an",
    "Brazil": "Rio de Janeiro|Brasilia|Brasília|Sao Paulo|São Paulo|Belem|Belém|Salvador",
    "South Africa": "Johannesburg|Pretoria|Cape Town|Durban",
    "United States": "Washington|Washington, D.C.|New York|New York City|Los Angeles|Chicago|Houston|Philadelphia|"
    "Phoenix|San Antonio|San Diego|Dallas|San Francisco|Seattle|Boston|Miami|Atlanta|Denver|Detroit|"
    "Minneapolis|Las Vegas|Portland|New Orleans|Baltimore|Nashville|Austin|Orlando|Honolulu|Anchorage|"
    "Pittsburgh|Cleveland|Charlotte|Indianapolis|Columbus|Milwaukee|Sacramento|Kansas City|St. Louis|"
    "Salt Lake City|Memphis|Louisville|Tampa|Raleigh|Richmond|Newark|Albany|Mar-a-Lago|Palm Beach",
    "United Kingdom": "London|Manchester|Birmingham|Edinburgh|Glasgow|Liverpool|Belfast|Cardiff|Oxford|Cambridge",
    "France": "Paris|Marseille|Lyon|Nice|Strasbourg|Bordeaux|Toulouse",
    "Germany": "Berlin|Munich|Hamburg|Frankfurt|Cologne|Bonn|Stuttgart|Dusseldorf",
    "Italy": "Rome|Milan|Naples|Turin|Florence|Venice",
    "Spain": "Madrid|Barcelona|Seville|Valencia|Bilbao",
    "Japan": "Tokyo|Osaka|Kyoto|Hiroshima|Yokohama|Nagoya|Sapporo",
    "South Korea": "Seoul|Busan|Incheon|Gyeongju",
    "North Korea": "Pyongyang",
    "Ukraine": "Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv|Dnipro|Zaporizhzhia|Kherson",
    "Belarus": "Minsk",
    "Turkey": "Ankara|Istanbul|Izmir|Antalya",
    "Iran": "Tehran|Isfahan|Mashhad",
    "Iraq": "Baghdad|Basra|Mosul|Erbil",
    "Israel": "Jerusalem|Tel Aviv|Haifa",
    "Palestine": "Ramallah|Gaza City|Rafah|Khan Younis",
    "Egypt": "Cairo|Alexandria|Sharm el-Sheikh",
    "Saudi Arabia": "Riyadh|Jeddah|Mecca|Medina",
    "United Arab Emirates": "Dubai|Abu Dhabi",
    "Qatar": "Doha",
    "Pakistan": "Islamabad|Karachi|Lahore|Rawalpindi|Peshawar",
    "Afghanistan": "Kabul|Kandahar",
    "Bangladesh": "Dhaka",
    "Sri Lanka": "Colombo",
    "Nepal": "Kathmandu",
    "Indonesia": "Jakarta|Bali|Surabaya",
    "Malaysia": "Kuala Lumpur",
    "Singapore": "Singapore",
    "Thailand": "Bangkok",
    "Vietnam": "Hanoi|Ho Chi Minh City|Da Nang",
    "Philippines": "Manila",
    "Australia": "Canberra|Sydney|Melbourne|Brisbane|Perth|Adelaide",
    "New Zealand": "Wellington|Auckland",
    "Canada": "Ottawa|Toronto|Montreal|Vancouver|Calgary|Quebec City",
    "Mexico": "Mexico City|Guadalajara|Monterrey|Cancun|Tijuana",
    "Argentina": "Buenos Aires",
    "Chile": "Santiago",
    "Colombia": "Bogota|Bogotá|Medellin",
    "Peru": "Lima",
    "Venezuela": "Caracas",
    "Cuba": "Havana",
    "Kenya": "Nairobi|Mombasa",
    "Nigeria": "Abuja|Lagos",
    "Ethiopia": "Addis Ababa",
    "Morocco": "Rabat|Casablanca|Marrakesh",
    "Algeria": "Algiers",
    "Kazakhstan": "Astana|Almaty",
    "Uzbekistan": "Tashkent|Samarkand",
    "Kyrgyzstan": "Bishkek",
    "Tajikistan": "Dushanbe",
    "Azerbaijan": "Baku",
    "Armenia": "Yerevan",
    "Georgia": "Tbilisi",
    "Poland": "Warsaw|Krakow",
    "Netherlands": "Amsterdam|The Hague|Rotterdam",
    "Belgium": "Brussels|Antwerp",
    "Switzerland": "Geneva|Zurich|Bern|Davos|Lausanne",
    "Austria": "Vienna|Salzburg",
    "Sweden": "Stockholm",
    "Norway": "Oslo",
    "Denmark": "Copenhagen",
    "Finland": "Helsinki",
    "Ireland": "Dublin",
    "Portugal": "Lisbon|Porto",
    "Greece": "Athens",
    "Hungary": "Budapest",
    "Czech Republic": "Prague",
    "Romania": "Bucharest",
    "Serbia": "Belgrade",
    "Syria": "Damascus|Aleppo",
    "Lebanon": "Beirut",
    "Jordan": "Amman",
    "Yemen": "Sanaa|Aden",
    "Oman": "Muscat",
    "Kuwait": "Kuwait City",
    "Bahrain": "Manama",
    "Vatican City": "Vatican",
}

_US_STATES = """Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|
Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|
Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|
West Virginia|Wisconsin|Wyoming"""


def _norm(name: str) -> str:
    name = name.strip().strip(".,;:")
    if name.lower().startswith("the "):
        name = name[4:]
    return name.lower()


COUNTRY_OF_CITY: dict[str, str] = {
    _norm(city): country for country, cities in _CITIES.items() for city in cities.split("|")
}
US_STATES: frozenset[str] = frozenset(_norm(s) for s in _US_STATES.replace("\n", "").split("|"))
_COUNTRY_NAMES: dict[str, str] = {_norm(c): c for c in _COUNTRIES.replace("\n", "").split("|")}
_COUNTRY_NAMES.update({_norm(alias): name for alias, name in _ALIASES.items()})
_WRITTEN = sorted(
    {c for c in _COUNTRIES.replace("\n", "").split("|")} | {a.removeprefix("the ") for a in _ALIASES},
    key=len,
    reverse=True,
)
_COUNTRY_PATTERN = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in _WRITTEN) + r")(?![\w])")


def country_name(name: str) -> str | None:
    """The country ``name`` names ("U.S." -> "United States"), or None if it is not a country."""
    return _COUNTRY_NAMES.get(_norm(name))


def countries_in(text: str) -> list[tuple[str, str]]:
    """(the words as written, the country) for each country named in ``text``, in text order.

    Longest names first, so "South Sudan" is not also "Sudan"; "US"/"UK"-style aliases only in
    capitals ("us" is a pronoun)."""
    found: list[tuple[str, str]] = []
    # finditer: left to right, never overlapping; the alternation tries longer names first.
    for m in _COUNTRY_PATTERN.finditer(text):
        if m.group(0) == "America" and re.search(r"\b(?:South|North|Latin|Central)\s+$", text[: m.start()]):
            continue  # "Latin America" is no country
        name = country_name(m.group(0))
        if name is not None:
            found.append((m.group(0), name))
    return found


def country_of_city(name: str) -> str | None:
    """The country of a known major city or US state ("Qingdao" -> "China"), else None."""
    key = _norm(name)
    if key in US_STATES:
        return "United States"
    return COUNTRY_OF_CITY.get(key)


def is_region(name: str) -> bool:
    """A US state: neither the city nor the country of a venue."""
    return _norm(name) in US_STATES


# -- venues in a parsed sentence ------------------------------------------------------------
_VENUE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


def venue_of(sent: Doc | Span) -> tuple[str | None, str | None]:
    """(city, country) of the first place introduced by in/at; a "City, Country" pair is read as one."""
    ents = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")]
    for i, ent in enumerate(ents):
        before = sent.doc[ent.start - 1] if ent.start > sent[0].i else None
        if before is None or not _introduces_venue(before):
            continue
        name = _clean_place(ent.text)
        country = country_name(name)
        if country is not None:
            return None, country
        following = ents[i + 1] if i + 1 < len(ents) else None
        if following is not None and following.start == ent.end + 1 and sent.doc[ent.end].text == ",":
            pair = _clean_place(following.text)
            paired_country = country_name(pair) or (country_of_city(pair) if is_region(pair) else None)
            if paired_country is not None:
                return (None if is_region(name) else name), paired_country
        if is_region(name):
            return None, country_of_city(name)
        return name, country_of_city(name)
    return None, None


_VISIT_VERBS = frozenset({"visit", "visits", "visited", "visiting", "tour", "tours", "toured", "touring"})
_TRAVEL_VERBS = frozenset({"travel", "travels", "travelled", "traveled", "traveling", "travelling", "fly", "flies",
                           "flew", "go", "goes", "went", "head", "heads", "headed", "arrive", "arrived", "arrives",
                           "trip", "visit", "journey", "return", "returned", "returns"})  # fmt: skip


def _introduces_venue(before: Token) -> bool:
    """ "in Moscow", "at Geneva", "visit Germany", "travel to Tokyo"."""
    if before.lower_ in _VENUE_PREPS or before.lower_ in _VISIT_VERBS:
        return True
    if before.lower_ == "to" and before.i > before.sent.start:
        return before.doc[before.i - 1].lower_ in _TRAVEL_VERBS
    return False


def _clean_place(text: str) -> str:
    text = text.strip().strip(".,;:")
    return text[4:] if text.lower().startswith("the ") else text
