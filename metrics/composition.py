"""Who does what to whom around the target: a transparent rule layer over the tone model.

A bag of words near a name reads war, crime and accusation as hostility toward whoever is
named, whatever their part in the event. These rules look at the target's place in its own
clause and say which way the sentence leans toward it:

- agent against something bad: the target does something to a bad thing ("the Islamic
  Emirate eradicated corruption", "forces defeated ISIS cells"): favourable;
- patient of harm: the target is what was killed, arrested, defeated ("several leaders of the
  resistance front were slain"): not favourable, whatever the model read;
- accusation withdrawn or denied: an accusation against the target is dropped, denied or
  called false ("the woman who accused him dropped her claim"): not hostile;
- negated wrong: the target does not do a bad thing ("does not seek revenge"): favourable;
- bad predicate: the target is said to be something bad ("ISIS and the resistance are
  synonyms for extremism"): hostile;
- agent of harm to the innocent: the target kills, attacks or detains civilians, women,
  journalists... ("the Taliban killed dozens of civilians"): hostile;
- hedged: "allegedly", "may have", "reportedly" near the target: toward neutral.

Each rule bounds or shrinks the model's score (RULES below); the label still follows from
the score, and the rule that fired is kept with the mention so Evidence can say why. Where
rule and model disagree the model's probability of the new label is low, and the mention is
marked low-confidence. Only the target's clause and a bounded window of
tokens after it are read: linear in the sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

# Words that name something bad in conflict reporting and that VADER's lexicon lacks or
# underweights; VADER-negative words count too (see `bad`).
BAD_WORDS = frozenset(
    """extremism extremist extremists terror terrorism terrorist terrorists khawarij kharijites
    daesh isis is-k iskp puppet puppets stooge stooges mercenary mercenaries corrupt corruption
    evil evils invaders invader occupiers occupier occupation oppression oppressors tyranny
    tyrants atrocities atrocity crimes crime criminals criminal drugs narcotics poppy smugglers
    smuggling kidnappers kidnapping bandits thieves thieve theft looters looting vice vices
    injustice injustices violence insurgency militancy warlords warlord traitors treason
    sedition mischief fitna chaos lawlessness insecurity bribery extortion abuses abuse""".split()
)
COUNTER_STEMS = tuple(
    """eradicat defeat destroy dismantl fight fought combat crack eliminat curb end stop
    prevent ban root wip foil thwart rescu free liberat protect punish arrest captur uproot
    purg clear cleans rid suppress neutralis neutraliz repel repuls expel oust rout crush
    tackl counter confront resist oppos abolish outlaw prohibit seiz confiscat""".split()
)
VERB_ENDINGS = frozenset(["", *"e es ed d s ing ted ping ped ned ning ied ies y led ling".split()])
HARM_PARTICIPLES = re.compile(
    r"^(?:killed|slain|martyred|arrested|captured|defeated|routed|eliminated|wounded|injured|"
    r"detained|executed|targeted|attacked|bombed|struck|hit|ousted|toppled|expelled|repelled|"
    r"neutrali[sz]ed|crushed|destroyed|dismantled|punished|sentenced|jailed|imprisoned|"
    r"overrun|surrounded|forced|driven|pushed|beaten|humiliated|disarmed|banned|sanctioned)$"
)
# The target harming people the text presents as innocent: hostile whatever the model read
# (an actor that "killed dozens of civilians" is not favourably presented by any source).
HARM_ACTIVE = re.compile(
    r"^(?:kill|murder|massacr|slaughter|attack|bomb|shell|execut|abduct|kidnap|tortur|beat|"
    r"wound|injur|target|shoot|shot|rap|harass|persecut|displac|starv|terroriz|terroris|"
    r"intimidat|assault|detain|arrest|flog|whip|expel|evict)\w*$"
)
INNOCENT = frozenset(
    """civilian civilians children child kids women girls woman girl people villagers residents
    journalists journalist reporters worshippers worshipers students schoolgirls pupils
    protesters protestors demonstrators families family patients doctors nurses teachers
    aid workers refugees minorities elders farmers shopkeepers passengers mourners
    bystanders innocents innocent""".split()
)
PASSIVE_AUX = frozenset("was were is are been being be got get gets".split())
ACCUSE = re.compile(r"^(?:accus|alleg|charg|blam|implicat|suspect|indict|claim)")
RETRACT = re.compile(
    r"^(?:drop|withdr|retract|recant|den(?:y|ie)|reject|dismiss|clear|acquit|exonerat|"
    r"false|baseless|unfounded|fabricat|debunk|disprov|rebut|refut)"
)
NEGATORS = frozenset("not no never nor without neither cannot n't".split())
CONDEMN = re.compile(r"^(?:condemn|critici|denounc|deplor|censur|punish|investigat|prosecut)")
HEDGES = frozenset(
    """allegedly reportedly apparently purportedly possibly perhaps maybe may might could
    unconfirmed unverified suspected rumoured rumored""".split()
)
COPULAS = frozenset("is are was were be been remain remains remained became become becomes".split())
# Head nouns that continue the target's noun phrase: "US forces defeated ...".
HEADS = frozenset(
    """forces force troops fighters officials government soldiers leaders leadership army
    security military authorities administration commanders units police personnel
    spokesman spokesperson ministry minister members militia movement regime""".split()
)
MODIFIERS = frozenset(
    """has have had quickly swiftly successfully finally already also then now recently
    completely effectively largely fully soon again always will would to has've
    managed continue continues continued vowed vows pledged""".split()
)
LOOK_AHEAD = 10

# What each rule does to the model's score (P(positive) - P(negative)): (floor, ceiling,
# scale). The structural reading wins over the words around the target: an actor
# eradicating corruption is favourable however negative "corruption" is. Fixed in advance,
# not fitted; 0.5 is past every label threshold, so the label follows.
RULES: dict[str, tuple[float, float, float]] = {
    "agent against something bad": (0.5, 1.0, 1.0),
    "agent of harm to the innocent": (-1.0, -0.5, 1.0),
    "negated wrong": (0.5, 1.0, 1.0),
    "accusation withdrawn or denied": (0.0, 1.0, 1.0),
    "patient of harm": (-1.0, 0.0, 1.0),
    "bad predicate": (-1.0, -0.5, 1.0),
    "hedged": (-1.0, 1.0, 0.5),
}

STRONG_BREAK = re.compile(
    r"[;:—–]|\s-\s|\b(?:but|while|whereas|although|though|yet|because|however|despite|which|"
    r"who|after|before|when|as|since|until|unless|if)\b",
    re.I,
)
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|n't")


@dataclass(frozen=True)
class Composition:
    """A rule that fired for one mention, and the words that made it fire."""

    rule: str
    cue: str

    def apply(self, score: float) -> float:
        floor, ceiling, scale = RULES[self.rule]
        return min(ceiling, max(floor, score * scale))


@functools.lru_cache(maxsize=512)
def _tokens(sentence: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """The sentence's words (lower case, straight apostrophes) with their offsets, once per
    sentence: several mentions share a sentence, and each reads several stretches of it."""
    found = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    if not found:
        return (), (), ()
    words, starts, ends = zip(*found, strict=True)
    return tuple(_lower_all(words)), starts, ends


def _lower_all(words: tuple[str, ...]) -> list[str]:
    return " ".join(words).lower().replace("’", "'").split(" ")


def _words_in(sentence: str, lo: int, hi: int) -> list[str]:
    """The sentence's words lying wholly in [lo, hi)."""
    words, starts, ends = _tokens(sentence)
    a = bisect.bisect_left(starts, lo)
    b = bisect.bisect_right(ends, hi, lo=a)
    return list(words[a:b])


def _verbish(word: str) -> bool:
    return (
        word in COPULAS
        or word in PASSIVE_AUX
        or word in ("does", "did", "do", "has", "have", "will", "would")
        or _negator(word)
        or counter_verb(word)
    )


_COUNTER = re.compile(
    "(?:"
    + "|".join(sorted(COUNTER_STEMS, key=len, reverse=True))
    + ")(?:"
    + "|".join(sorted((e for e in VERB_ENDINGS if e), key=len, reverse=True))
    + ")?"
)


def counter_verb(word: str) -> bool:
    """A verb of acting against something ("eradicated", "fights"), not a noun sharing its
    stem ("fighters")."""
    return _COUNTER.fullmatch(word) is not None


def _negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


def bad(word: str, valence: dict[str, float]) -> bool:
    """A word naming something bad: in BAD_WORDS or clearly negative in VADER's lexicon."""
    return word in BAD_WORDS or valence.get(word, 0.0) <= -1.5


def compose(
    sentence: str, start: int, end: int, lo: int, hi: int, valence: dict[str, float]
) -> Composition | None:
    """The first rule that fits the mention at [start, end) whose clause is [lo, hi) of
    `sentence`, or None. `valence` is VADER's word lexicon (passed in: no I/O here)."""
    left = _words_in(sentence, lo, start)
    # the predicate may lie past a list ("leaders of the front, insurgents, and their
    # supporters were slain"), so read on to the next strong break, not the clause's end
    stop = STRONG_BREAK.search(sentence, end)
    right = _words_in(sentence, end, stop.start() if stop else len(sentence))[:LOOK_AHEAD]
    window = left[-6:] + _words_in(sentence, end, hi)[:LOOK_AHEAD]

    # the target as what suffers: "<target> ... were slain"; before any active verb
    for i, w in enumerate(right):
        if w in PASSIVE_AUX and i + 1 < len(right):
            j = i + 1
            while j < len(right) and (right[j] in MODIFIERS or right[j].endswith("ly")):
                j += 1
            if j < len(right) and HARM_PARTICIPLES.match(right[j]):
                return Composition("patient of harm", " ".join(right[i : j + 1]))
            break
        if counter_verb(w) or w in COPULAS:
            break

    # accusations: withdrawn, denied or called false
    if any(ACCUSE.match(w) for w in window):
        retract = next((w for w in _tokens(sentence)[0] if RETRACT.match(w)), None)
        if retract:
            return Composition("accusation withdrawn or denied", retract)

    # the target acting: "<target> (quickly) eradicated ... corruption"
    j = 0
    while j < len(right) and (
        right[j] in MODIFIERS or right[j] in HEADS or right[j].endswith("ly")
    ):
        j += 1
    if j < len(right) and right[j] == "and":  # a coordinated subject: "ISIS and the resistance are"
        k = next((k for k in range(j + 1, min(j + 5, len(right))) if _verbish(right[k])), None)
        if k is not None:
            j = k
    if j < len(right):
        verb = right[j]
        obj = right[j + 1 : j + 8]
        negated = _negator(verb) or (
            verb in ("does", "did", "do", "will", "would", "has", "have") and "not" in obj[:1]
        )
        if negated:
            rest = right[j + 1 : j + 8]
            for w in rest:
                if counter_verb(w) or CONDEMN.match(w):
                    break  # "did not condemn the attack" is no credit
                if bad(w, valence):
                    return Composition("negated wrong", verb + " … " + w)
        elif verb in COPULAS:
            wrong = next((w for w in obj if bad(w, valence)), None)
            if wrong and not any(_negator(w) for w in obj[:2]):
                return Composition("bad predicate", verb + " … " + wrong)
        elif HARM_ACTIVE.match(verb) and not (obj and obj[0] in ("by",)):
            victim = next((w for w in obj if w in INNOCENT), None)
            if victim:
                return Composition("agent of harm to the innocent", verb + " … " + victim)
        if counter_verb(verb) and not (obj and obj[0] in ("by",)):
            target_bad = next((w for w in obj if bad(w, valence)), None)
            if target_bad:
                return Composition("agent against something bad", verb + " … " + target_bad)

    hedge = next((w for w in window if w in HEDGES), None)
    if hedge:
        return Composition("hedged", hedge)
    return None
