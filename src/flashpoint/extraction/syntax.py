"""Small questions asked of a spaCy parse: who is the subject, what is the object,
which class does a noun belong to. Shared by the trigger, actor and modality stages."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Pseudo-words that lexicon classes and object lists may name: a sum of money, and any
# name the parser tags as a person ("released Jane Doe": a person whatever the noun).
MONEY_MARK = "@money"
PERSON_MARK = "@person"
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Clauses that describe a noun: "the mayors elected in April" (acl), "activists who were
# detained on Monday" (relcl). What is said in them happened to the noun, at its own time.
NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl"})


def with_conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Police and KFOR")."""
    out = [token]
    for conj in token.conjuncts:
        if conj.i != token.i and conj not in out:
            out.append(conj)
    return sorted(out, key=lambda t: t.i)


def describing_clause(token: Token, trigger: Token | None = None) -> Token | None:
    """The verb of a clause that describes a noun and holds ``token`` ("the mayors
    *elected in April*"), unless ``trigger`` is inside that clause or is the noun it
    describes ("the attack, which began on Monday"), or ``token`` hangs on the trigger
    before any such clause. None when there is no such clause."""
    t = token
    while t.head.i != t.i:
        if trigger is not None and t.i == trigger.i:
            return None
        if t.dep_ in NOUN_CLAUSE_DEPS:
            inside = trigger is not None and t.left_edge.i <= trigger.i <= t.right_edge.i
            return None if inside or (trigger is not None and t.head.i == trigger.i) else t
        t = t.head
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def clause_verb(token: Token) -> Token:
    """The verb that heads the clause a noun trigger sits in (the noun itself for verbs)."""
    t = token
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


def subjects(verb: Token) -> list[Token]:
    """Grammatical subjects of ``verb``, climbing through coordination and clauses
    that borrow their subject ("fenced town halls and increased staff numbers")."""
    t = verb
    for _ in range(4):
        found = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if found:
            found = [x for s in found for x in with_conjuncts(s)]
            return subject_behind_place_names(t, found) or found
        if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return with_conjuncts(t.head)
        # "students blocked the road" misparsed as a reduced relative: a past-tense (not
        # participle) verb hanging off a noun is that noun's own verb
        if t.dep_ == "acl" and t.tag_ in ("VBG", "VBD") and t.head.pos_ in ("NOUN", "PROPN"):
            return with_conjuncts(t.head)
        if t.dep_ == "acl" and _has_object(t) and t.head.pos_ in ("NOUN", "PROPN"):
            # "supporters of a candidate stabbed and killed a man": a participle that takes
            # an object is active, and its subject is the phrase the 'of' group hangs on
            return with_conjuncts(_owner_of_of_group(t.head))
        if t.dep_ == "conj" and second_act_of_speaker(t):
            t = t.head.head
            continue
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.head.pos_ == "NOUN":
            # "regretting the low turnout and urging restraint": the parser joins 'urging'
            # to the object noun; it is the conjunct of the verb of that noun's clause
            # when it has that verb's form
            verb_of_noun = clause_verb(t.head)
            if verb_of_noun.tag_ == t.tag_ and verb_of_noun.i != t.head.i:
                t = verb_of_noun
                continue
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head is not t:
            t = t.head
            continue
        break
    if t.dep_ == "ROOT" and t.tag_ in ("VBD", "VBZ", "VBP"):
        return subject_lost_in_place_list(t)
    return []


def second_act_of_speaker(verb: Token) -> bool:
    """Whether conjunct ``verb`` is the speaker's second act, though the parser hangs it on
    the reported clause: "the minister said the soldiers were receiving treatment and called
    for calm". It is when it has the speech verb's form and not the reported verb's (a past
    'called' beside a progressive 'were receiving' or a pluperfect 'had escalated'); in
    "said police arrested five and released three" both reported verbs share one form."""
    reported = verb.head
    if reported.dep_ != "ccomp" or reported.head.pos_ != "VERB":
        return False
    return verb.tag_ == reported.head.tag_ and verb.tag_ != reported.tag_ and _verbal_act(verb)


def _verbal_act(verb: Token) -> bool:
    """A speaker's second act is one of words ('warned', 'called for', 'blamed'), never a
    material act the reported clause goes on with: in "data showed the police had arrested
    4,000 rioters and shot dead 98" the shooting is the police's (IndiaPoliceEvents)."""
    from ..ontology import load_ontology
    from .lexicon import load_triggers

    entries = load_triggers().verbs.get(verb.lemma_.lower(), ())
    physical = load_ontology().physical_types
    return any(e.type not in physical for e in entries)


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in OBJECT_DEPS for v in with_conjuncts(verb) for c in v.children)


def _owner_of_of_group(noun: Token) -> Token:
    """'candidate' in 'supporters of a candidate' -> 'supporters'."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    return noun


def subject_behind_place_names(verb: Token, found: list[Token]) -> list[Token]:
    """'On 4 May, at X village, Y Township, Z District, army troops burned houses': the
    parser takes a name of the place list for the subject and hangs the real one, the
    common noun right before the verb, on it as an apposition."""
    if not all(s.pos_ == "PROPN" for s in found):
        return []
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("cc", "punct"):
        i -= 1
    if i < verb.sent.start:
        return []
    last = verb.doc[i]
    if last.pos_ != "NOUN" or last.dep_ not in ("appos", "conj") or last.tag_ != "NNS":
        return []
    if not any(a in found for a in last.ancestors):
        return []
    return [last]


def subject_lost_in_place_list(verb: Token) -> list[Token]:
    """'On 3 June, in Temuco, Araucania, dockers and teachers marched': the parser may take
    the subject for one more item of the place list before it. The common nouns that end
    that list, right before the verb, are the subject."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("cc", "punct", "amod", "compound", "det", "nummod"):
        i -= 1
    if i < verb.sent.start:
        return []
    last = verb.doc[i]
    while last.dep_ in ("pobj", "prep") and verb.sent.start <= last.head.i < last.i:
        last = last.head  # "members of the union": climb to the member
    if last.pos_ != "NOUN" or last.dep_ != "conj":
        return []
    chain = [last]
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ == "NOUN" and chain[-1].head.i < chain[-1].i:
        chain.append(chain[-1].head)
    root = chain[-1].head
    if root.pos_ != "PROPN":
        return []
    return list(reversed(chain))


def passive_agents(verb: Token) -> list[Token]:
    """'by' objects of a passive verb, or of the verb it is coordinated with: 'a farmer
    was beaten and robbed by his neighbours' names the neighbours once, on the last verb."""
    found = prep_objects(verb, ("by",))
    if not found:
        for other in with_conjuncts(verb):
            if other is not verb and other.pos_ == "VERB":
                found = prep_objects(other, ("by",))
                if found:
                    break
    return found


def relative_antecedent(token: Token) -> Token:
    """'who'/'which'/'that' in a relative clause stands for the noun it modifies."""
    if token.lower_ in ("who", "which", "that", "whom") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def pronoun_antecedent(token: Token, pronouns: frozenset[str]) -> Token | None:
    """The named person a subject pronoun of ``pronouns`` stands for, in the two ways news
    reports speech: 'Vučić said [he] had asked' (the subject of the verb of saying whose
    clause holds the pronoun) and 'Vučić said ... [He] said' (the subject of the sentence
    before, when the pronoun opens its own sentence). None when that subject is no
    person's name."""
    if token.lower_ not in pronouns or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    if clause.dep_ == "ccomp" and clause.head.pos_ == "VERB":
        return _named_subject(clause.head)
    if clause.dep_ == "ROOT" and token.sent.start > 0:
        before = token.doc[token.sent.start - 1].sent
        return _named_subject(before.root)
    return None


def _named_subject(verb: Token) -> Token | None:
    """The subject of ``verb`` when it is a person's name: tagged a person, or the last
    word of a person's name given earlier ('Vučić' after 'Aleksandar Vučić'); a word
    capitalised at the start of a sentence ('Illiteracy') is none."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
    if not found:
        return None
    name = found[0]
    people = [e for e in name.doc.ents if e.label_ == "PERSON" and e.start <= name.i]
    if name.ent_type_ == "PERSON" or any(e[-1].text == name.text for e in people):
        return name
    return None


def objects(verb: Token) -> list[Token]:
    """Direct objects, or the passive subject when the verb is passive."""
    found = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if not found:
        found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    return [x for o in found for x in with_conjuncts(o)]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions or particles attached to ``token``."""
    wanted = set(preps)
    out: list[Token] = []
    for c in token.children:
        if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in wanted:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    out.extend(with_conjuncts(g))
    return out


def of_objects(token: Token) -> list[Token]:
    """What an 'of' phrase hangs on ``token``: 'tons of aid', 'suspension of links'."""
    return prep_objects(token, ("of",))


def noun_keys(token: Token) -> set[str]:
    """Ways a noun can be looked up in a class: its lemma, its text, the phrase made
    with its compound and adjective modifiers ("tear gas", "police vehicle"), and the
    phrase with an 'of' object ("state of emergency")."""
    lemma = token.lemma_.lower()
    keys = {lemma, token.lower_}
    if token.ent_type_ == "MONEY":
        keys.add(MONEY_MARK)  # "provided $2 million": the head is "million"
    keys.update(f"{lemma} of {g.lower_}" for g in of_objects(token))
    mods = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
    if mods:
        phrase = " ".join(m.lower_ for m in mods)
        keys.add(f"{phrase} {lemma}")
        keys.add(f"{phrase} {token.lower_}")
        keys.update(m.lemma_.lower() + " " + lemma for m in mods)
        keys.update(m.lemma_.lower() for m in mods if m.dep_ == "compound")
    return keys


def in_class(tokens: Iterable[Token], words: frozenset[str]) -> bool:
    person = PERSON_MARK in words
    return any(
        noun_keys(relative_antecedent(t)) & words
        or (person and t.ent_type_ == "PERSON" and t.pos_ == "PROPN")
        for t in tokens
    )


def lemma_forms(token: Token) -> tuple[str, ...]:
    """The lemma, plus naive stems of the word as written: the small model sometimes
    lemmatises wrongly ('staged' -> 'stag'), and a missed trigger is a missed event."""
    word = token.lower_
    forms = [token.lemma_.lower(), word]
    for suffix, repl in (
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: len(word) - len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))
