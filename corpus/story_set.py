"""A generated, labelled corpus for checking reprint detection and story grouping (issue 18).

Events (a clash, talks, an aid convoy, a prisoner release, a flood, an attack on a school)
happen at invented places on dates over four months, with invented people and figures. Each
event is reported by one to four outlets, each in its own wording (its own sentence
templates, plus background sentences on the same conflict that any story could carry), so
accounts of one event share its particulars and accounts of different events of the same
kind share only the topic. Aggregators then reprint some wire reports: verbatim with changed
spacing, with a different header and footer, cut to 45-90% of their length, or lightly
reworded (about one word in twelve swapped for a synonym, as a machine-translated copy
would read). Every document carries its true event and, for reprints, its original: the
labels the check scores against. Seeded: the same arguments give the same corpus.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

KINDS = {
    "clash": [
        "Fighting broke out near {place} on {day}, where {actor} forces clashed with gunmen.",
        "At least {n} people were killed in the clashes around {place}, {person} said.",
        "{person}, who speaks for the district, said the fighting around {place} lasted "
        "several hours.",
        "Residents of {place} described heavy gunfire through the night of {day}.",
        "The clashes near {place} left {n} dead and forced families to flee toward {other}.",
        "Officials in {other} said reinforcements were sent to {place} after the attack.",
    ],
    "talks": [
        "Delegations met in {place} on {day} to discuss a ceasefire, {person} said.",
        "The talks in {place} ended without agreement after {n} hours, according to {person}.",
        "{person} told reporters in {place} that the sides would meet again in {other}.",
        "Negotiators in {place} discussed the release of {n} detainees and a local truce.",
        "Diplomats described the {place} meeting as the most serious in months.",
        "A statement after the {place} round said progress had been made on {n} points.",
    ],
    "aid": [
        "A convoy of {n} trucks carrying food reached {place} on {day}, {person} said.",
        "Aid workers in {place} said the convoy was the first to arrive since the roads "
        "to {other} closed.",
        "{person} said {n} families in {place} would receive flour and medicine.",
        "The delivery to {place} was delayed for two days at a checkpoint near {other}.",
        "Doctors in {place} warned that supplies would last only {n} days.",
        "Officials promised further convoys to {place} before the winter.",
    ],
    "release": [
        "{n} prisoners were freed from the jail in {place} on {day}, {person} announced.",
        "Families waited outside the prison in {place} as the {n} detainees walked out.",
        "{person} said the release in {place} was part of a wider exchange with {other}.",
        "Those freed in {place} were given money to travel home to {other}.",
        "The {place} release was the largest of its kind this year, with {n} men freed.",
        "Critics said some of the men released in {place} had fought in {other}.",
    ],
    "flood": [
        "Flash floods swept through {place} on {day}, destroying {n} homes, {person} said.",
        "Rescuers in {place} searched for survivors after the river burst its banks.",
        "{person} said {n} people were missing in {place} and roads to {other} were cut.",
        "Farmers around {place} lost their harvest in the floods.",
        "Relief teams from {other} reached {place} a day after the water rose.",
        "The floods in {place} were the worst in {n} years, elders said.",
    ],
    "school": [
        "A blast hit a school in {place} on {day}, wounding {n} pupils, {person} said.",
        "Parents in {place} gathered outside the damaged school looking for their children.",
        "{person} blamed {actor} for the attack on the {place} school.",
        "The school in {place} had reopened only weeks earlier with {n} students.",
        "Teachers from {other} travelled to {place} to help after the blast.",
        "Police in {place} said {n} suspects were detained after the explosion.",
    ],
}
# Background any report on the conflict may carry: shared topic, no event particulars.
BACKGROUND = [
    "The country has seen years of war and a deepening economic crisis.",
    "Aid agencies have warned that millions face hunger this winter.",
    "The government and its opponents accuse each other of breaking past agreements.",
    "Foreign troops withdrew last year, leaving security to local forces.",
    "Many provinces remain cut off from the capital by checkpoints and damaged roads.",
    "Humanitarian groups say access to remote districts has become harder.",
    "Prices of flour and fuel have doubled in many markets since the spring.",
    "Rights groups have called for an independent inquiry into abuses by all sides.",
    "Analysts say neither side can win outright on the battlefield.",
    "Women and girls have been most affected by the restrictions on movement.",
]
# How a sentence opens and whom it cites vary from report to report, as in real copy.
OPENERS = ["", "", "On {day}, ", "Local sources said that ", "Witnesses reported that ",
           "Officials confirmed that ", "Late on {day}, ", "Earlier this week, ",
           "In a statement, officials said that ", "It emerged that "]  # fmt: skip
CITES = ["", "", " Residents told reporters the same.", " This could not be verified.",
         " Elders in {other} confirmed the account.", " {person} repeated the figure later.",
         " Details were still emerging.", " Neither side commented."]  # fmt: skip
# Each outlet words the same facts its own way: one choice per word, fixed per outlet.
WORDINGS = {
    "said": ["said", "stated", "reported", "claimed", "told the press"],
    "killed": ["killed", "slain", "left dead", "martyred", "lost their lives"],
    "people": ["people", "persons", "civilians", "individuals", "residents"],
    "families": ["families", "households", "local families", "displaced families", "homes"],
    "fighting": ["fighting", "combat", "clashes", "battles", "hostilities"],
    "officials": ["officials", "authorities", "administrators", "local leaders", "sources"],
    "reached": ["reached", "arrived in", "got to", "entered", "was delivered to"],
    "warned": ["warned", "cautioned", "feared", "said", "stressed"],
    "forces": ["forces", "troops", "fighters", "units", "men"],
    "attack": ["attack", "assault", "strike", "raid", "operation"],
    "meeting": ["meeting", "session", "round", "gathering", "talks"],
    "discussed": ["discussed", "talked about", "negotiated", "examined", "reviewed"],
    "released": ["released", "freed", "let go", "set free", "discharged"],
    "school": ["school", "schoolhouse", "academy", "madrasa", "classroom building"],
    "convoy": ["convoy", "shipment", "column", "delivery", "aid column"],
    "heavy": ["heavy", "intense", "fierce", "sustained", "relentless"],
    "several": ["several", "many", "a number of", "some", "long"],
    "gathered": ["gathered", "assembled", "waited", "crowded", "stood"],
    "searched": ["searched", "looked", "hunted", "combed the area", "dug"],
}
# Each outlet's own way into a report, so two accounts of one event differ in wording.
OUTLETS = {
    "Voice of the Emirate": ("partisan", "The heroic Mujahideen report that", "regime"),
    "Emirate Radio": ("partisan", "Sources of the Islamic Emirate confirm that", "puppet"),
    "Kabul Wire": ("wire", "According to local officials,", "government"),
    "Regional Press": ("wire", "Reporters on the ground said", "authorities"),
    "Daily Digest": ("aggregator", "", ""),
}
PLACES = [
    "Darzab", "Qarabagh", "Shindand", "Nahrin", "Kohsan", "Tagab", "Jaghori", "Khwaja Ghar",
    "Dand", "Sayyidabad", "Khulm", "Chahar Bolak", "Gurziwan", "Yamgan", "Kushk", "Arghandab",
    "Bala Murghab", "Dasht-e Archi", "Gizab", "Chaparhar", "Nijrab", "Andkhoy", "Pashtun Kot",
    "Shibar", "Deh Yak", "Muqur", "Zurmat", "Almar", "Farsi", "Taywara",
]  # fmt: skip
GIVEN = ["Abdul", "Mohammad", "Najib", "Farid", "Hamid", "Karim", "Rahim", "Zahir", "Wali",
         "Sami", "Yusuf", "Nasir", "Fazal", "Qadir", "Jawad"]  # fmt: skip
FAMILY = ["Rahmani", "Sultani", "Karimi", "Noori", "Hakimi", "Safi", "Azizi", "Haidari",
          "Popal", "Wardak", "Stanekzai", "Mohmand", "Baheer", "Ludin", "Zazai"]  # fmt: skip
ACTORS = ["Taliban", "government", "militia"]
SYNONYMS = {
    "said": "stated", "killed": "slain", "people": "persons", "families": "households",
    "reached": "arrived in", "warned": "cautioned", "announced": "declared",
    "destroying": "wrecking", "heavy": "intense", "several": "a number of",
    "officials": "authorities", "forces": "troops", "attack": "assault", "meeting": "session",
    "discussed": "talked about", "released": "freed", "missing": "unaccounted for",
}  # fmt: skip
HEADERS = ["REPRINTED FROM OUR PARTNERS", "World news roundup", "Breaking:", "From the wires"]
FOOTERS = ["Subscribe for daily updates.", "(c) Daily Digest. All rights reserved.",
           "Share this story with your friends.", "Follow us for more news."]  # fmt: skip


@dataclass(frozen=True)
class StoryDocument:
    name: str  # file name
    source: str
    source_type: str
    date: dt.date
    title: str
    text: str
    event: str  # true event id
    original: str | None  # for a reprint: the file name of the report it copies


def _worded(line: str, outlet: str) -> str:
    """`line` in the outlet's own words (a fixed choice of synonym per word and outlet)."""
    pick = random.Random(outlet)
    choice = {w: pick.choice(alts) for w, alts in WORDINGS.items()}
    return re.sub(r"\b[a-z]+\b", lambda m: choice.get(m.group(), m.group()), line)


def _report(rng: random.Random, event: dict, outlet: str) -> str:
    _, lead, word = OUTLETS[outlet]
    lines = rng.sample(KINDS[event["kind"]], k=rng.randint(3, 4))
    background = rng.sample(BACKGROUND, k=rng.randint(1, 3))
    fill = {**event, "day": event["date"].strftime("%A")}
    sentences = []
    for line in lines:
        opener = rng.choice(OPENERS).format(**fill)
        text = _worded(line, outlet).format(**fill)
        if opener and not opener.endswith(", "):
            text = text[0].lower() + text[1:]
        elif opener:
            text = text[0].lower() + text[1:] if text[:2] not in ("At", "A ") else text
        sentences.append(opener + text + rng.choice(CITES).format(**fill))
    if lead:
        first = sentences[0]
        sentences[0] = f"{lead} {first[0].lower()}{first[1:]}"
    if word and rng.random() < 0.5:
        sentences.append(f"The {word} has not commented on the events in {event['place']}.")
    body = sentences[:2] + background[:1] + sentences[2:] + background[1:]
    paragraphs = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    return "\n\n".join(paragraphs)


def _reprint(rng: random.Random, text: str, how: str) -> str:
    if how == "spacing":
        return "  " + text.replace(". ", ".  ").replace("\n\n", "\n\n\n") + "  \n"
    if how == "boilerplate":
        return f"{rng.choice(HEADERS)}\n\n{text}\n\n{rng.choice(FOOTERS)}"
    if how == "trimmed":
        words = text.split(" ")
        return " ".join(words[: max(20, int(len(words) * rng.uniform(0.45, 0.9)))])
    out = []  # reworded: every word that has a synonym here swapped (about one in twelve)
    for w in text.split(" "):
        bare = w.strip(".,").lower()
        out.append(w.replace(bare, SYNONYMS[bare]) if bare in SYNONYMS else w)
    return " ".join(out)


def generate(n_events: int = 80, seed: int = 18) -> list[StoryDocument]:
    """The labelled corpus: reports of `n_events` events and the aggregators' reprints."""
    rng = random.Random(seed)
    start = dt.date(2022, 3, 1)
    docs: list[StoryDocument] = []
    reporters = [o for o, v in OUTLETS.items() if v[0] != "aggregator"]
    for e in range(n_events):
        event = {
            "id": f"event-{e:03d}",
            "kind": rng.choice(list(KINDS)),
            "place": rng.choice(PLACES),
            "other": rng.choice(PLACES),
            "person": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            "actor": rng.choice(ACTORS),
            "n": rng.randint(3, 90),
            "date": start + dt.timedelta(days=rng.randint(0, 120)),
        }
        for outlet in rng.sample(reporters, k=rng.randint(1, 4)):
            day = event["date"] + dt.timedelta(days=rng.randint(0, 1))
            text = _report(rng, event, outlet)
            name = f"{event['id']}-{outlet.lower().replace(' ', '-')}.txt"
            title = f"{event['kind'].title()} in {event['place']}"
            docs.append(StoryDocument(
                name, outlet, OUTLETS[outlet][0], day, title, text, event["id"], None
            ))  # fmt: skip
            if OUTLETS[outlet][0] == "wire" and rng.random() < 0.5:
                how = rng.choice(["spacing", "boilerplate", "trimmed", "reworded"])
                copy = _reprint(rng, text, how)
                docs.append(StoryDocument(
                    name.replace(".txt", f"-reprint-{how}.txt"), "Daily Digest", "aggregator",
                    day + dt.timedelta(days=rng.randint(0, 2)), title, copy, event["id"], name,
                ))  # fmt: skip
    return docs


def write(docs: list[StoryDocument], folder: Path) -> None:
    """The corpus as `.txt` files with a manifest, ready for `sourcebias ingest`."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "source", "source_type", "date", "title"])
        for d in docs:
            (folder / d.name).write_text(d.text, encoding="utf-8")
            w.writerow([d.name, d.source, d.source_type, d.date.isoformat(), d.title])
