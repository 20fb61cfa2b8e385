"""Threads: a generated corpus of developing events, each reported in follow-ups that share little text.

Every event (a flood, a strike, a fire, a trial, a factory closure, a bridge closure) has its own town,
people and organisation and is reported one to four times over two weeks, each report from another phase of
the event (first report, the day after, a week on, the outcome) in sentences written here, so follow-ups
share names and subject but little wording. Decoys make it hard: other events of the same kind are written
from the same sentence frames (the same wording, other names), a fifth of the events share one person with
an unrelated event (a minister who visits two disasters), some share a town with an unrelated event months
apart, and a fifth of the reports have a trimmed copy (a second version of the same story). Events are split
by a hash of their number: dev (read while choosing the thresholds) and test (reported).

Baseline: tf-idf cosine of the stories' texts (words, sublinear tf, l2), connected components at the
threshold that is best on the test half itself (so the baseline is flattered).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import re
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import Config, Section

EVENTS = 240
HALF = os.environ.get("STORYDIFF_THREADS_HALF", "test")

_A = [
    "Ash",
    "Bram",
    "Cal",
    "Dun",
    "Elm",
    "Fen",
    "Gar",
    "Hol",
    "Kir",
    "Lin",
    "Mar",
    "Nor",
    "Pen",
    "Ros",
    "Sal",
    "Tor",
    "Wen",
    "Ux",
    "Yar",
    "Zell",
]
_B = [
    "ford",
    "bury",
    "ton",
    "wick",
    "mere",
    "by",
    "field",
    "stead",
    "holm",
    "combe",
    "haven",
    "gate",
    "port",
    "minster",
]
_FIRST = [
    "Ana",
    "Ben",
    "Carla",
    "Dev",
    "Ewa",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemi",
    "Luis",
    "Maya",
    "Nils",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wim",
    "Yusuf",
    "Zoe",
    "Aled",
    "Bea",
    "Cyril",
    "Dina",
    "Emil",
]
_S1 = [
    "Ash",
    "Black",
    "Crane",
    "Dal",
    "Fair",
    "Grey",
    "Hart",
    "Kings",
    "Lang",
    "Mor",
    "Pen",
    "Red",
    "Stan",
    "Thorn",
    "Wex",
    "Brook",
    "Cole",
    "Drum",
]
_TREES = ["Alder", "Birch", "Cedar", "Hazel", "Juniper", "Larch", "Maple", "Rowan", "Willow", "Aspen"]
_S2 = ["ley", "wood", "well", "ton", "ridge", "field", "by", "more"]

KINDS: dict[str, dict[str, list[str]]] = {
    "flood": {
        "org": ["{town} Flood Action Group"],
        "phases": [
            [
                "Floodwater swept through the centre of {town} on {day} after the river burst its banks.",
                "{person}, who leads the county's emergency response, said {n} homes had been evacuated.",
                "Rescue boats were used to reach residents trapped on upper floors.",
                "The {org} said it had warned of the danger for years.",
                "Schools across the district were closed as a precaution.",
            ],
            [
                "Residents of {town} began returning to waterlogged homes on {day}.",
                "Insurers estimated the damage at about {money}.",
                "{person2} said her shop had been under a metre of water.",
                "{person} promised a full review of the river defences.",
                "Volunteers handed out sandbags and hot meals at the community hall.",
            ],
            [
                "A week after the flood, {n} families in {town} are still in temporary housing.",
                "The {org} accused the council of ignoring its repeated warnings.",
                "{person} told a public meeting that emergency funding of {money} had been approved.",
                "Engineers are inspecting the damaged embankment north of the town.",
            ],
            [
                "Work on new flood walls in {town} will start in the spring, {person} announced.",
                "The scheme, costing {money}, was welcomed by the {org}.",
                "{person2} said residents would believe it when they saw it.",
                "The embankment that failed will be rebuilt two metres higher.",
            ],
        ],
    },
    "strike": {
        "org": ["{town} Transport Workers Union"],
        "phases": [
            [
                "Bus drivers in {town} walked out on {day} in a dispute over pay.",
                "The {org} said {n} members had joined the strike.",
                "{person2}, the union's regional secretary, said drivers had not had a rise in three years.",
                "Commuters faced long queues for the few services still running.",
                "{person}, the operator's chief executive, called the action regrettable.",
            ],
            [
                "Talks between the {org} and the operator broke down on {day}.",
                "{person} said the company could not afford more than a {n} per cent increase.",
                "Picket lines were set up outside the main depot in {town}.",
                "Shops in the town centre reported a sharp fall in trade.",
            ],
            [
                "The strike in {town} entered its second week with no sign of a settlement.",
                "{person2} said members were prepared to stay out for as long as it took.",
                "The council urged both sides to accept independent mediation.",
                "Hospital staff said patients were missing appointments.",
            ],
            [
                "Drivers in {town} voted to accept a new pay offer on {day}, ending the strike.",
                "The deal, worth {money} over two years, was recommended by the {org}.",
                "{person} said services would return to normal by the weekend.",
                "{person2} called the agreement a victory for every driver.",
            ],
        ],
    },
    "fire": {
        "org": ["{town} Fire and Rescue Service"],
        "phases": [
            [
                "A large fire broke out at a warehouse on the edge of {town} early on {day}.",
                "More than {n} firefighters from the {org} were sent to the scene.",
                "Residents nearby were told to keep their windows and doors closed.",
                "{person}, the station commander, said the blaze was one of the largest in years.",
            ],
            [
                "Firefighters were still damping down the warehouse site in {town} on {day}.",
                "{person} said the cause of the fire was not yet known.",
                "The building's owner, {person2}, said the damage would run to {money}.",
                "Police have closed the road past the industrial estate.",
            ],
            [
                "Investigators believe the {town} warehouse fire was started deliberately.",
                "Detectives have appealed for witnesses who saw a van near the site.",
                "{person2} said {n} people had lost their jobs because of the fire.",
                "The {org} praised crews who worked through the night.",
            ],
            [
                "A man has been charged with arson over the warehouse fire in {town}.",
                "He will appear before magistrates on {day}, police said.",
                "{person} said the charge was the result of a painstaking investigation.",
                "{person2} said the business hoped to reopen within a year.",
            ],
        ],
    },
    "trial": {
        "org": ["{town} Crown Court"],
        "phases": [
            [
                "The trial of a treasurer accused of taking {money} from a {town} charity began on {day}.",
                "Prosecutor {person} told the jury the money was spent on holidays and cars.",
                "The defendant, {person2}, denies all the charges.",
                "The case at {org} is expected to last {n} days.",
            ],
            [
                "A bank manager told {org} that the charity's accounts had been emptied in months.",
                "{person} showed the jury transfers totalling {money}.",
                "{person2} shook his head as the evidence was read out.",
                "The charity's trustees said they had trusted him completely.",
            ],
            [
                "{person2} told the jury in {town} that he had borrowed the money and meant to repay it.",
                "Under questioning from {person}, he admitted he had kept no records.",
                "He said he had been under pressure from gambling debts.",
                "The judge told jurors not to discuss the case with anyone.",
            ],
            [
                "The former charity treasurer {person2} was found guilty on {day} and jailed for {n} years.",
                "The judge at {org} said he had betrayed the trust of a whole town.",
                "{person} said the verdict should reassure everyone who gives to charity.",
                "The charity said it would rebuild its reserves.",
            ],
        ],
    },
    "closure": {
        "org": ["{surname} Components"],
        "phases": [
            [
                "The {org} factory in {town} is to close with the loss of {n} jobs, the firm said on {day}.",
                "{person}, the firm's managing director, blamed rising energy costs.",
                "Workers were told the news at a meeting before the morning shift.",
                "{person2}, who has worked at the plant for 20 years, said staff were in shock.",
            ],
            [
                "Politicians called on the government to help save the {town} factory.",
                "The local MP said the closure would devastate the area.",
                "{person} said the company had looked at every alternative.",
                "A buyer for the site would be welcome, the {org} said.",
            ],
            [
                "Hundreds of people marched through {town} on {day} to protest against the closure.",
                "{person2} told the crowd the factory had been the heart of the community.",
                "Union officials said a rescue plan worth {money} had been put to the company.",
                "{person} said the firm would study the proposal.",
            ],
            [
                "A rescue deal has saved {n} jobs at the {town} factory.",
                "A new owner will take over the plant next month, {person} confirmed.",
                "{person2} said workers were relieved but worried about those who would still lose jobs.",
                "The {org} name will disappear from the site after 60 years.",
            ],
        ],
    },
    "bridge": {
        "org": ["{town} Highways Department"],
        "phases": [
            [
                "The main road bridge into {town} was closed on {day} after cracks were found in its piers.",
                "{person}, the county's chief engineer, said the structure was no longer safe.",
                "Drivers face a diversion of {n} miles.",
                "The {org} said the closure would last at least a month.",
            ],
            [
                "Traffic built up around {town} on {day} as drivers took the long diversion.",
                "{person2}, who runs a bakery by the bridge, said customers had stopped coming.",
                "{person} said divers would inspect the piers this week.",
                "A temporary footbridge is being considered.",
            ],
            [
                "Inspectors found that two of the bridge's piers in {town} had been undermined by the river.",
                "Repairs will cost about {money}, {person} told councillors.",
                "The {org} said a replacement bridge might be cheaper in the long run.",
                "{person2} said local businesses could not survive a year of closure.",
            ],
            [
                "The bridge into {town} will reopen to cars on {day} after emergency repairs.",
                "{person} said heavy lorries would remain banned until a new bridge was built.",
                "The work cost {money}, less than first feared.",
                "{person2} said trade was already picking up.",
            ],
        ],
    },
}
# Every report of an event recalls where it happened in its own words (real follow-ups recap the event).
RECAP = [
    "It happened near {spot} in {town}.",
    "The scene on {spot} was visited by {person} on {day}.",
    "People living on {spot} said they would not forget it.",
    "{spot} remained the focus of attention in {town}.",
]
GENERIC = [
    "The weather is expected to stay dry for the rest of the week.",
    "More details are expected to be released later.",
    "The council said it would publish an update on its website.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def is_dev(event: int) -> bool:
    return hashlib.blake2b(f"event-{event}".encode(), digest_size=8).digest()[0] % 2 == 0


def generate(events: int = EVENTS, seed: int = 23) -> tuple[list[dict], dict[str, int]]:
    """(documents, document id -> event number)."""
    rng = random.Random(seed)
    towns = [a + b for a in _A for b in _B]
    people = [f"{f} {a}{b}" for f in _FIRST for a in _S1 for b in _S2]
    rng.shuffle(towns)
    rng.shuffle(people)
    used_people: list[str] = []
    docs, gold = [], {}
    for e in range(events):
        kind = list(KINDS)[e % len(KINDS)]
        town = towns[e] if e % 7 else towns[max(0, e - 3)]  # every 7th event: a town with an earlier one
        person = people[2 * e]
        if e and rng.random() < 0.2:  # a person of an unrelated event
            person = rng.choice(used_people)
        person2 = people[2 * e + 1]
        spot = f"{rng.choice(_TREES)} {rng.choice(['Road', 'Street', 'Lane', 'Quay'])}"
        used_people += [person, person2]
        surname = person2.split()[1]
        org = KINDS[kind]["org"][0].format(town=town, surname=surname)
        start = datetime(2024, 1, 1) + timedelta(days=rng.randrange(330))
        reports = rng.choice([1, 2, 2, 3, 3, 4])
        phases = sorted(rng.sample(range(4), reports))
        for k, ph in enumerate(phases):
            frames = KINDS[kind]["phases"][ph]
            chosen = rng.sample(frames, max(3, len(frames) - rng.randint(0, 1)))
            chosen += rng.sample(RECAP, 1) + rng.sample(GENERIC, 1)
            slots = dict(town=town, person=person, person2=person2, org=org, spot=spot)
            sents = [
                f.format(
                    n=rng.randint(3, 400),
                    money=f"£{rng.randint(2, 90)}m",
                    day=rng.choice(DAYS),
                    **slots,
                )
                for f in chosen
            ]
            when = start + timedelta(days=[0, 1, 7, 14][ph] + rng.randint(0, 2), hours=rng.randint(6, 20))
            did = hashlib.blake2b(f"{seed}/{e}/{k}".encode(), digest_size=6).hexdigest()
            docs.append({"id": did, "text": "\n\n".join(sents), "date": when.strftime("%Y-%m-%dT%H:%M:%S")})
            gold[did] = e
            if rng.random() < 0.2:  # a trimmed copy: a version of this report, not a new report
                cid = did + "c"
                later = when + timedelta(hours=3)
                docs.append(
                    {"id": cid, "text": "\n\n".join(sents[:-1]), "date": later.strftime("%Y-%m-%dT%H:%M:%S")}
                )
                gold[cid] = e
    return docs, gold


def _pairs(label: dict[str, str], keep) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for s, t in label.items():
        if keep(s):
            groups[t].append(s)
    return {(a, b) for g in groups.values() for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1 :]}


def _f1(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _tfidf_components(texts: dict[str, str], threshold: float) -> dict[str, str]:
    from storydiff.corpus.steps import components

    edges = [(a, b) for (a, b), c in _TFIDF_CACHE["cos"].items() if c >= threshold]
    comp = components(edges)
    return {s: comp.get(s, s) for s in texts}


def _tfidf_average(texts: dict[str, str], threshold: float) -> dict[str, str]:
    """The clustering threads use (average linkage) over tf-idf cosines: is it the features or the linkage?"""
    from storydiff.corpus.events import _average_linkage

    ids = sorted(texts)
    at = {s: i for i, s in enumerate(ids)}
    score = {(at[a], at[b]): c for (a, b), c in _TFIDF_CACHE["cos"].items() if c >= threshold}
    label = _average_linkage(len(ids), score, threshold)
    return {ids[i]: ids[c] for i, c in label.items()}


_TFIDF_CACHE: dict = {}


def _tfidf_cosines(texts: dict[str, str]) -> dict[tuple[str, str], float]:
    import numpy as np
    from scipy import sparse

    ids = sorted(texts)
    tokens = [re.findall(r"\w+", texts[i].lower()) for i in ids]
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for ts in tokens:
        df.update(set(ts))
    rows, cols, vals = [], [], []
    n = len(ids)
    for r, ts in enumerate(tokens):
        for w, c in Counter(ts).items():
            rows.append(r)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append((1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) + 1)
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    norms = np.sqrt(m.multiply(m).sum(axis=1)).A.ravel()
    m = sparse.diags(1 / np.maximum(norms, 1e-12)) @ m
    sims = (m @ m.T).tocoo()
    return {(ids[a], ids[b]): float(v) for a, b, v in zip(sims.row, sims.col, sims.data) if a < b}


def _bbc(cfg: Config) -> tuple[str, list[str], list[list[str]]]:
    """Real news without thread labels: how many threads, and how often a thread's stories share a topic."""
    from storydiff import corpus

    rows = [json.loads(line) for line in (cfg.data / "bbc_news" / "articles.jsonl").open(encoding="utf-8")]
    topic = {r["id"]: r["category"] for r in rows}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bbc.jsonl"
        src.write_text(
            "".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) + "\n" for r in rows),
            encoding="utf-8",
        )
        db = Path(tmp) / "bbc.db"
        corpus.index([str(src)], db, workers=1)
        found = corpus.threads(db)
    pairs = same = mixed = 0
    for t in found:
        docs = [m for s in t.stories for m in s.members]
        mixed += len({topic[d] for d in docs}) > 1
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                pairs += 1
                same += topic[a] == topic[b]
    return (
        "bbc_news, real 2004-05 articles without thread labels (and without dates): a proxy for precision",
        [
            "threads",
            "stories in them",
            "document pairs in one thread with one topic label",
            "threads across topics",
        ],
        [
            [
                str(len(found)),
                str(sum(len(t.stories) for t in found)),
                f"{same / max(pairs, 1):.3f}",
                str(mixed),
            ]
        ],
    )


def run(cfg: Config) -> Section:
    from storydiff import corpus

    docs, gold_doc = generate()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "events.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        db = Path(tmp) / "events.db"
        corpus.index([str(src)], db, workers=1)
        with corpus.Store(db, read_only=True) as store:
            assignment = store.assignment()
        found = corpus.threads(db)
    story_of = {}
    for d, s in assignment.items():
        story_of.setdefault(s, []).append(d)
    event = {s: Counter(gold_doc[d] for d in ds).most_common(1)[0][0] for s, ds in story_of.items()}
    label = {s: s for s in story_of}
    for t in found:
        for st in t.stories:
            label[st.id] = t.id
    texts = {s: next(d["text"] for d in docs if d["id"] == min(ds)) for s, ds in story_of.items()}

    def half(s: str) -> bool:
        return is_dev(event[s]) == (HALF == "dev")

    gold = _pairs({s: str(e) for s, e in event.items()}, half)
    merges = sum(1 for t in found if len({event[st.id] for st in t.stories}) > 1)
    mixed_stories = {s for s, ds in story_of.items() if len({gold_doc[d] for d in ds}) > 1}
    own = sum(
        1
        for t in found
        if len({event[st.id] for st in t.stories}) > 1 and not any(st.id in mixed_stories for st in t.stories)
    )
    p, r, f = _f1(_pairs(label, half), gold)
    section = Section(
        "Threads: follow-ups of one developing event (generated; little shared text)",
        "`python -m benchmarks --only threads` (test half of the events by a hash of their number; "
        f"{EVENTS} events, {len(docs)} documents, {len(story_of)} stories)",
        ["method", "pairwise precision", "recall", "F1", "threads merging two events"],
    )
    section.rows.append(["storydiff threads", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(merges)])
    _TFIDF_CACHE["cos"] = _tfidf_cosines(texts)
    for name, method in (("components", _tfidf_components), ("average linkage", _tfidf_average)):
        best = None
        for k in range(5, 96, 5):
            lab = method(texts, k / 100)
            bp, br, bf = _f1(_pairs(lab, half), gold)
            groups: dict[str, set] = defaultdict(set)
            for s, t in lab.items():
                groups[t].add(event[s])
            bm = sum(1 for g in groups.values() if len(g) > 1)
            if best is None or bf > best[2]:
                best = (bp, br, bf, bm, k / 100)
        bp, br, bf, bm, bt = best
        section.rows.append(
            [
                f"tf-idf cosine, {name} at its best threshold ({bt:.2f})",
                f"{bp:.3f}",
                f"{br:.3f}",
                f"{bf:.3f}",
                str(bm),
            ]
        )
    section.tables.append(_bbc(cfg))
    section.notes.append(
        "stories are what indexing found (versions of one report are one story); a thread merges two events "
        "when its stories' events differ"
    )
    section.notes.append(
        f"of the {merges} threads that merge two events, {merges - own} hold a story that indexing already "
        f"made of two events' reports ({len(mixed_stories)} such stories: same-kind reports written from the "
        f"same sentence frames, linked as versions); {own} merge events on their own"
    )
    return section
