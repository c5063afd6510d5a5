"""Language data of the names family: titles, honorifics, role nouns, attribution verbs, words that are
not names, the given-name list (rules/data/given-names.txt, built by scripts/gen_given_names.py) and
the endings that turn a place into its people (Canada/Canadian, Iraq/Iraqi, Beatle/Beatles).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Honorifics take a surname ("Mr Qin"); Sir and Dame take a given name ("Sir Paul"), so a lone word
# after them is never a surname.
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Mx"})
GIVEN_NAME_HONORIFICS = frozenset({"Sir", "Dame"})
# Peers are named by title and surname or place ("Lord Falconer"): a reference of its own kind.
PEERAGE = frozenset({"Lord", "Lady", "Baroness", "Baron", "Earl", "Duke", "Duchess", "Viscount"})
TITLES = frozenset({
    "President", "Secretary", "Minister", "Senator", "Sen", "Rep", "Governor", "Gov", "Mayor", "Judge",
    "Justice", "General", "Gen", "Colonel", "Col", "Captain", "Capt", "Chancellor", "Premier", "Ambassador",
    "Commissioner", "Chairman", "Chairwoman", "Chair", "Director", "Professor", "Bishop", "Pope", "King",
    "Queen", "Prince", "Princess", "Coach", "Officer", "Detective", "Sergeant", "Lieutenant", "Envoy",
    "Spokesperson", "Spokesman", "Spokeswoman", "Representative", "Speaker", "Leader", "Inspector",
    "Superintendent", "Constable", "Chief", "Rev", "Reverend", "Archbishop",
    "Cardinal", "Rabbi", "Imam", "Sheikh", "Admiral", "Marshal", "Commander", "Councillor", "Alderman",
    "Deputy", "Sheriff", "Chairperson", "Councilman", "Councilwoman",
}) | PEERAGE
# Lowercase role nouns right before a full name ("chief executive Jane Doe", "striker Wayne Rooney").
ROLE_WORDS = frozenset("""
executive leader chairman chairwoman chair spokesman spokeswoman spokesperson secretary minister president
chancellor manager coach boss director chief captain striker midfielder defender goalkeeper keeper winger
forward batsman bowler star singer actor actress rapper presenter author writer novelist poet analyst
economist producer director designer founder head governor mayor senator judge officer inspector professor
lecturer researcher campaigner colleague son daughter wife husband brother sister father mother partner
champion player editor correspondent reporter journalist photographer lawyer barrister solicitor attorney
spokesperson commissioner ambassador envoy chairperson deputy official aide adviser advisor consultant
investor entrepreneur comedian musician guitarist drummer frontman film-maker filmmaker scientist
""".split())
# Attribution right after a name ("Hartly said") or right before it ("said Hartly").
SAID_AFTER = (" said", " says", " told", " added", " explained", " argued", " warned", " insisted",
              " admitted", " claimed", " stressed", " wrote", " replied", " asked", " believes", " thinks",
              " announced", " confirmed", " denied")
SAID_BEFORE = ("said ", "says ", "added ", "told ", "according to ")
# Words that open a sentence before a name ("But Hartly said", "Afterwards Qaddafi told"): stripped
# from the front of a run, not a qualifier; all of them are in NOT_NAMES.
FUNCTION_WORDS = frozenset("""
The A An In On At For But And Or If When After Before During While Both Earlier Later Since Despite Instead
This That These Those There Their They He She It We You I His Her Its Our Your Who What Why How Where
Today Yesterday Tomorrow According Meanwhile However Also Still Yet Even Now Then Here Once Last Next
Afterwards Finally Eventually Separately Elsewhere Overall Ultimately Initially Previously Recently
Currently Again Indeed Nevertheless Nonetheless Moreover Furthermore Additionally Similarly
Likewise Alternatively Consequently Therefore Thus Hence Perhaps Maybe Sometimes Often Usually Only
Just Soon Already Together Asked Speaking Unlike Like Under Without With Within From To By As Among
Between Against Through Over Until Upon Whether Although Though Because Unless So Not No Every Each
Some Many Most Several Few All Any Neither Either Writing Interviewed Tonight Otherwise Besides
Above Below Nor Whereas Whilst Amid Amongst Following Including Regarding Alongside Around Beyond
Inside Outside
""".split())
# Capitalised words that start or fill a name-like run but are not names.
NOT_NAMES = frozenset("""
The A An In On At For But And Or If When After Before During While Both Earlier Later Since Despite Instead
This That These Those There Their They He She It We You I His Her Its Our Your Who What Why How Where
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Today Yesterday Tomorrow News Update Breaking Photo Image Source
Department Ministry House Court University College School Party Street Road Avenue Council Committee Bank Sea
Strait River Hall Guesthouse Guest Republic Union States Kingdom Nations Office Agency Times Post Press Group
Inc Corp Ltd Airport Station Square Park Palace City Island Islands Province County State Federal National
International Foreign Defence Defense Justice Treasury Commerce Interior Home White Great People North South
East West New Old Central United European Asian African American Chinese Russian British French German
Japanese Indian Korean Israeli Iranian Ukrainian Taiwanese Pacific Atlantic Middle Cold War World Cup Olympic
Games Prize Award Awards Act Law Day Week Month Year Centre Center Institute Foundation Association
Organization Organisation Company Corporation Airlines Motors Energy Health Security Services Forces Army
Navy Air Force Police Fire Service Communist Democratic Republican Labour Conservative Liberal Green Senate
Congress Parliament Assembly Cabinet Government Administration Embassy Consulate Hospital Church Mosque Temple
Museum Stadium Club Fund Monetary Reserve Exchange Market Wall Silicon Valley Hill Capitol Pentagon
Kremlin Downing Diaoyutai Beijing Washington London Moscow Paris Tokyo China Taiwan Russia Ukraine Cuba Hong
Kong Singapore Indonesia Bali Vienna Indo Sino Microsoft Google Apple Twitter Facebook Reuters Getty AFP AP
According Meanwhile However Also Still Yet Even Now Then Here Once Last Next First Second Third Chief Deputy
Vice Acting Former Senior Top Special General Attorney Prime Minister President Secretary Mr Mrs Ms Dr
Shadow St Saint Mount Lake Bay Cape Port Fort Grand Royal Open Championship League
Premiership Division Trophy Show Festival Film Films Records Music Studios Pictures Entertainment Media
My Network Networks Systems Software Technologies Group Holdings Airways Rail Trust Commission Board Authority
""".split()) | FUNCTION_WORDS
# Endings that make a people, a language or a plural of a word ("Canadian", "Iraqi", "Oscars").
INFLECTIONS = ("s", "es", "n", "an", "ian", "i", "ese", "ish", "ns", "ans", "is", "ite", "ites")


# A surname's masculine and feminine forms, one letter apart (Petrov/Petrova, Kowalski/Kowalska,
# Novak/Novakova is two): the family's name for a man and for a woman, two people, not a slip.
_MASCULINE_ENDINGS = ("ov", "ev", "in", "yn")  # + "a" (Petrova, Lebedeva, Putina)
_GENDER_PAIRS = (("ski", "ska"), ("cki", "cka"), ("sky", "ska"), ("dzki", "dzka"))


def gendered(a: str, b: str) -> bool:
    """True for the masculine and feminine forms of one surname (Petrov/Petrova, Kowalski/Kowalska)."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    if len(long) == len(short) + 1:
        return long == short + "a" and short.endswith(_MASCULINE_ENDINGS)
    return len(long) == len(short) and any(
        {short[-len(m) :], long[-len(m) :]} == {m, f} and short[: -len(m)] == long[: -len(m)]
        for m, f in _GENDER_PAIRS)


def inflected(a: str, b: str) -> bool:
    """True when one word is the other plus an ending of a people or a plural (Canada/Canadian,
    Mexico/Mexican, Sweden/Swede, Oscar/Oscars), or its other gender (Petrov/Petrova): never two
    spellings of one surname."""
    if gendered(a, b):
        return True
    short, long = sorted((a, b), key=len)
    ending = long[len(short) :]
    if long.startswith(short) and ending in INFLECTIONS:
        if ending == "i" and short[-1:] == "y":
            return False  # Navalny/Navalnyi: a transliteration, no people ends so
        return ending != short[-1:]  # a doubled last letter is a slip (Berggren/Berggrenn), not an ending
    # The short word's final vowel gives way to the ending: Mexico → Mexican, Kenya → Kenyan.
    return short[-1:] in "aeiouy" and long.startswith(short[:-1]) and long[len(short) - 1 :] in INFLECTIONS


def fold(word: str) -> str:
    """``word`` without accents (José → Jose): the given-name list is plain ASCII."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The shipped given-name list, read on first use."""
    from newslint.api.packs import builtin_pack_dir

    path = builtin_pack_dir() / "data" / "given-names.txt"
    lines = path.read_text(encoding="ascii").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_given_name(word: str) -> bool:
    """True for a name on the given-name list that is not a word of NOT_NAMES ("Grand", "May")."""
    return word not in NOT_NAMES and fold(word) in given_names()
