"""A small Dutch-English glossary of this platform's domain, to bridge the languages by words.

Written from knowledge of what citizen collectives ask for and businesses offer (energy,
mobility, money, care, food, repair, administration), not read off any labelled set. Each
entry is a group of equivalent terms, Dutch first; a term is a word or a phrase. When a text
names a term of a group, `expand` adds the group's terms in the other language, so that a BM25
query in Dutch also finds the English listing ("zonnepanelen" -> "solar panels") and the
reverse. The built-in ranker `linear-v2-glossary` expands the query of the `lexical` feature
(and of the BM25 retriever) with it; the default `linear-v2`, `linear-v1` and the lexical
fallback do not: on the development set it did not hold up across folds (docs/matching.md).
"""

from __future__ import annotations

import functools

from .text import tokenize

# (Dutch terms, English terms). Keep the terms specific: a generic word ("energie", "home")
# would pull in every listing of the other language.
GLOSSARY: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("zonnepanelen", "zonnepaneel", "zonnedak", "zonnedaken"), ("solar panels", "solar panel", "rooftop solar", "solar roof")),
    (("zonnestroom", "zonne-energie"), ("solar power", "solar energy")),
    (("zonnepark", "zonneweide"), ("solar farm", "solar park")),
    (("windmolen", "windmolens", "windturbine", "windpark"), ("wind turbine", "wind turbines", "wind farm")),
    (("energiecoöperatie", "energiecoöperaties"), ("energy cooperative", "energy cooperatives", "energy co-op")),
    (("thuisbatterij", "buurtbatterij", "batterij", "batterijen", "thuisaccu"), ("battery", "batteries", "home battery", "community battery")),
    (("energieopslag",), ("energy storage",)),
    (("warmtenet", "warmtenetten"), ("heat network", "heat networks", "district heating")),
    (("warmtepomp", "warmtepompen"), ("heat pump", "heat pumps")),
    (("isolatie", "isoleren"), ("insulation", "insulate")),
    (("energiebesparing", "energie besparen"), ("energy saving", "saving energy")),
    (("energiecoach", "energiecoaches"), ("energy coach", "energy coaches")),
    (("laadpaal", "laadpalen", "laadpunt", "laadpunten"), ("charging point", "charging points", "charging station", "charger")),
    (("deelauto", "deelauto's", "autodelen", "deelmobiliteit"), ("shared car", "shared cars", "car sharing", "car-sharing")),
    (("elektrische auto", "elektrische auto's"), ("electric car", "electric cars", "electric vehicle")),
    (("bakfiets", "bakfietsen"), ("cargo bike", "cargo bikes")),
    (("deelfiets", "deelfietsen"), ("shared bike", "shared bikes", "bike sharing")),
    (("buurtbus",), ("community bus", "neighbourhood bus")),
    (("vrijwillige chauffeurs", "chauffeurs"), ("volunteer drivers", "drivers")),
    (("lening", "leningen"), ("loan", "loans")),
    (("subsidie", "subsidies"), ("grant", "grants", "subsidy", "subsidies")),
    (("crowdfunding",), ("crowdfunding",)),
    (("obligatie", "obligaties"), ("bond", "bonds")),
    (("ledencertificaten", "participaties"), ("member shares", "share issue")),
    (("verzekering", "verzekeringen", "verzekeraar"), ("insurance", "insurer")),
    (("aansprakelijkheidsverzekering", "aansprakelijkheid"), ("liability insurance", "liability")),
    (("vrijwilligersverzekering",), ("volunteer insurance",)),
    (("zorgcoöperatie", "zorgcoöperaties"), ("care cooperative", "care cooperatives")),
    (("mantelzorg", "mantelzorger", "mantelzorgers"), ("informal care", "informal carer", "informal carers")),
    (("thuiszorg",), ("home care",)),
    (("ouderen",), ("elderly", "older people", "seniors")),
    (("eenzaamheid",), ("loneliness",)),
    (("voedselbank", "voedselbanken"), ("food bank", "food banks")),
    (("voedsel", "voeding"), ("food",)),
    (("moestuin", "moestuinen", "buurttuin"), ("vegetable garden", "community garden", "allotment")),
    (("maaltijden", "maaltijd"), ("meals", "meal")),
    (("repair café", "repaircafé", "reparatie", "repareren"), ("repair café", "repair cafe", "repair", "repairs")),
    (("gereedschap",), ("tools",)),
    (("kringloop", "hergebruik"), ("reuse", "second-hand")),
    (("vrijwilligers", "vrijwilliger"), ("volunteers", "volunteer")),
    (("ledenadministratie",), ("membership administration", "member administration")),
    (("boekhouding", "boekhouden"), ("bookkeeping", "accounting")),
    (("jaarrekening",), ("annual accounts",)),
    (("planningssoftware", "roosters", "rooster"), ("scheduling software", "scheduling", "rota")),
    (("statuten",), ("articles of association",)),
    (("notaris",), ("notary",)),
    (("rechtsvorm",), ("legal form", "legal entity")),
    (("stichting", "stichtingen"), ("foundation", "foundations")),
    (("vereniging", "verenigingen"), ("association", "associations")),
    (("coöperatie", "coöperaties"), ("cooperative", "cooperatives", "co-op")),
    (("wooncoöperatie", "wooncoöperaties"), ("housing cooperative", "housing cooperatives")),
    (("huurders",), ("tenants",)),
    (("buurthuis", "dorpshuis"), ("community centre", "village hall")),
)


def _phrase(term: str) -> tuple[str, ...]:
    return tuple(tokenize(term))


@functools.cache
def _index() -> tuple[dict[str, list[tuple[tuple[str, ...], int]]], list[tuple[str, str]]]:
    """First token -> [(phrase tokens, group)], and per group its Dutch and English words."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    words = []
    for group, (dutch, english) in enumerate(GLOSSARY):
        for term in dutch + english:
            phrase = _phrase(term)
            if phrase:
                index.setdefault(phrase[0], []).append((phrase, group))
        words.append((" ".join(dutch), " ".join(english)))
    return index, words


def expand(text: str) -> str:
    """`text` followed by the terms of every glossary group it names (both languages).

    A group is named when one of its terms occurs as consecutive folded words. Adding the
    group's words of the text's own language too keeps the expansion symmetric: both languages
    gain the same words, so the lexical score does not favour either.
    """
    tokens = tokenize(text)
    index, words = _index()
    groups: set[int] = set()
    for start, token in enumerate(tokens):
        for phrase, group in index.get(token, ()):
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                groups.add(group)
    if not groups:
        return text
    extra = " ".join(f"{words[g][0]} {words[g][1]}" for g in sorted(groups))
    return f"{text}\n{extra}"
