"""A small news corpus written for these tests: stories with planted versions and same-topic decoys.

Each story is a council/transport/weather item built from sentences written here, filled with its own
names, places and numbers. Versions of a story: a corrected copy (a number changed), a copy with paragraphs
moved, a reworded copy (our own synonym rules), a trimmed copy with a caption and a footer glued on.
Decoys share the topic and some sentence frames but not the story.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

FRAMES = [
    "The {place} council voted {n} to {m} on {day} to {act} the {thing}.",
    "Residents of {place} had waited almost {n} years for a decision on the {thing}.",
    "{name}, who chairs the planning committee, said the {thing} would cost {money}.",
    '"We listened to every objection," {name} told reporters outside the town hall.',
    "Opponents argued that the {thing} would bring {n} more lorries a day through {place}.",
    "The scheme is expected to open in {month}, two years later than first planned.",
    "A petition signed by {n} people asked the council to {act} the {thing} instead.",
    "{name} said the funding had been secured from a regional grant worth {money}.",
    "Local shops reported that trade had fallen by {n} per cent during the consultation.",
    "The {thing} was first proposed in {year} by a group of {place} businesses.",
    "Police said {n} people attended a protest outside the council offices on {day}.",
    "Engineers warned that the old {thing} could not be repaired for less than {money}.",
    "The decision can still be challenged in court within {n} weeks, lawyers said.",
    "{name} added that a second consultation would begin in {month}.",
    "Bus operators in {place} welcomed the vote and promised {n} extra services.",
    "Heavy rain forced the closure of the {thing} for {n} days last winter.",
    "A report by the council found that {n} homes in {place} were at risk of flooding.",
    "The {thing} will be paid for partly by a new parking charge of {money} a day.",
]
PLACES = [
    "Marrowby",
    "Kettleford",
    "Ashcombe",
    "Brindle Vale",
    "Holloway Cross",
    "Saltmere",
    "Dunmoor",
    "Eastwick",
    "Pellow Bay",
    "Corran",
    "Whitsand",
    "Northope",
    "Garrow",
    "Linnet Hill",
]
NAMES = [
    "Ruth Okafor",
    "Daniel Pryce",
    "Amira Haddad",
    "Tom Elsworth",
    "Grace Linden",
    "Owen Marsh",
    "Lena Vos",
    "Priya Nair",
    "Sam Whitlock",
    "Ines Moreau",
    "Callum Reid",
    "Hana Sato",
    "Joel Brandt",
]
THINGS = [
    "bypass",
    "footbridge",
    "harbour wall",
    "tram extension",
    "flood barrier",
    "cycle route",
    "ring road",
]
ACTS = ["approve", "scrap", "delay", "redesign"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]
MONTHS = ["March", "June", "September", "November"]
SYNONYMS = [
    ("said", "stated"),
    ("warned", "cautioned"),
    ("reported", "said"),
    ("almost", "nearly"),
    ("expected", "due"),
    ("asked", "urged"),
    ("welcomed", "praised"),
]


def story(rng: random.Random, place: str, name: str) -> list[str]:
    """Every story has its own place and spokesperson: two stories about one town would be one story."""
    slots = {
        "place": place,
        "name": name,
        "thing": rng.choice(THINGS),
        "act": rng.choice(ACTS),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "year": str(rng.randint(1990, 2019)),
    }
    out = []
    for frame in rng.sample(FRAMES, 9):
        out.append(
            frame.format(
                n=rng.randint(3, 900),
                m=rng.randint(1, 9),
                money=f"£{rng.randint(2, 90)}.{rng.randint(1, 9)}m",
                **slots,
            )
        )
    return out


def corrected(paras: list[str], rng: random.Random) -> list[str]:
    """A number multiplied by ten: the "2.5 million became 25 million" kind of change."""
    out = list(paras)
    i = next(k for k, p in enumerate(out) if re.search(r"\d", p))
    out[i] = re.sub(r"\d+", lambda m: str(int(m.group()) * 10), out[i], count=1)
    return out


def moved(paras: list[str], rng: random.Random) -> list[str]:
    out = list(paras)
    out.insert(1, out.pop(-1))
    out.insert(3, out.pop(-1))
    return out


def reworded(paras: list[str], rng: random.Random) -> list[str]:
    out = []
    for p in paras:
        for a, b in SYNONYMS:
            p = p.replace(f" {a} ", f" {b} ")
        out.append(p)
    return out


def trimmed(paras: list[str], rng: random.Random) -> list[str]:
    return (
        ["The site of the proposed scheme. PHOTO AGENCY"]
        + paras[:-2]
        + ["Share this article. Leave a Comment"]
    )


EDITS = [moved, reworded, trimmed]


def make_corpus(folder: Path, stories: int = 6, decoys: int = 6, seed: int = 3) -> dict[str, set[str]]:
    """Write the corpus (one .txt per document plus one JSONL) and return the planted stories by id."""
    rng = random.Random(seed)
    places, names = rng.sample(PLACES, stories + decoys), rng.sample(NAMES, stories + decoys)
    folder.mkdir(parents=True, exist_ok=True)
    planted: dict[str, set[str]] = {}
    records = []
    for s in range(stories):
        base = story(rng, places[s], names[s])
        ids = {f"s{s}-v0"}
        (folder / f"s{s}-v0.txt").write_text("\n\n".join(base), encoding="utf-8")
        for k, edit in enumerate([corrected, *rng.sample(EDITS, 2)], 1):
            (folder / f"s{s}-v{k}.txt").write_text("\n\n".join(edit(base, rng)), encoding="utf-8")
            ids.add(f"s{s}-v{k}")
        planted[f"s{s}"] = ids
    for d in range(decoys):
        records.append(
            {
                "id": f"decoy{d}",
                "text": "\n\n".join(story(rng, places[stories + d], names[stories + d])),
                "date": f"2024-0{d % 9 + 1}-01",
            }
        )
    with (folder / "decoys.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    return planted


def many_documents(folder: Path, n: int, seed: int = 11) -> None:
    """``n`` documents in one JSONL file, every third one a reworded copy of an earlier one."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts: list[list[str]] = []
    with (folder / "many.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i % 3 == 2:
                paras = reworded(texts[rng.randrange(len(texts))], rng)
            else:
                paras = story(rng, rng.choice(PLACES), rng.choice(NAMES))
            texts.append(paras)
            fh.write(json.dumps({"id": f"m{i:05d}", "text": "\n\n".join(paras)}) + "\n")


def edit_chain(
    folder: Path, versions: int = 10, seed: int = 17, url: str = "https://example.org/harbour"
) -> list[str]:
    """One article edited ``versions - 1`` times at one URL (JSONL rows with url and date), each edit
    replacing one sentence with a new one and rewording another, so the last version shares almost nothing
    with the first. Returns the ids in time order."""
    rng = random.Random(seed)
    place, name = "Marrowby", "Ruth Okafor"
    current = story(rng, place, name)
    fresh = [s for s in story(rng, place, name) + story(rng, place, name) if s not in current]
    ids, rows = [], []
    for k in range(versions):
        if k:
            current = list(current)
            current[(k - 1) % len(current)] = fresh[(k - 1) % len(fresh)] + f" It was update {k}."
            j = (k + 3) % len(current)
            for a, b in SYNONYMS:
                if f" {a} " in current[j]:
                    current[j] = current[j].replace(f" {a} ", f" {b} ", 1)
                    break
        doc_id = f"chain-v{k}"
        ids.append(doc_id)
        rows.append(
            {"id": doc_id, "url": url, "date": f"2024-03-{k + 1:02d}T09:00:00", "text": "\n\n".join(current)}
        )
    folder.mkdir(parents=True, exist_ok=True)
    rng.shuffle(rows)  # the store must order captures by date, not by the order they were read
    with (folder / "chain.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return ids


FOLLOW_UPS = {
    # event: (town, people, reports); each report is new text about the same event
    "flood": (
        "Kettleford",
        ("Ruth Okafor", "Daniel Pryce"),
        [
            [
                "Floodwater swept through {town} on Monday after the Wenn burst its banks.",
                "{p0}, who leads the county's emergency team, said 140 homes had been evacuated.",
                "Rescue boats reached residents trapped on upper floors of Mill Lane.",
                "Schools across the district were closed as a precaution.",
            ],
            [
                "Residents of {town} began returning to waterlogged homes on Wednesday.",
                "Insurers put the damage at about £12m.",
                "{p1}, whose bakery on Mill Lane was under a metre of water, said he had lost everything.",
                "{p0} promised a full review of the defences along the Wenn.",
            ],
            [
                "Work on new flood walls in {town} will start in the spring, {p0} announced.",
                "The scheme along the Wenn will cost £30m.",
                "{p1} said traders on Mill Lane would believe it when they saw it.",
            ],
        ],
    ),
    "other flood": (  # same kind, same wording, other place and people: another event
        "Ashcombe",
        ("Grace Linden", "Owen Marsh"),
        [
            [
                "Floodwater swept through {town} on Tuesday after the Brede burst its banks.",
                "{p0}, who leads the county's emergency team, said 60 homes had been evacuated.",
                "Rescue boats reached residents trapped on upper floors of Church Row.",
                "Schools across the district were closed as a precaution.",
            ],
            [
                "Residents of {town} began returning to waterlogged homes on Thursday.",
                "{p1}, whose garage on Church Row flooded, said the water came up in minutes.",
                "{p0} promised a full review of the defences along the Brede.",
            ],
        ],
    ),
    "strike": (  # shares only a surname with the flood (another Okafor): another event
        "Saltmere",
        ("Helen Okafor", "Priya Nair"),
        [
            [
                "Bus drivers in {town} walked out on Friday in a dispute over pay.",
                "{p0}, the union's regional secretary, said 300 members had joined the strike.",
                "{p1}, the operator's chief executive, called the action regrettable.",
            ],
            [
                "Drivers in {town} voted to accept a new pay offer, ending the strike.",
                "{p1} said services would return to normal by the weekend.",
                "{p0} called the agreement a victory for every driver in {town}.",
            ],
        ],
    ),
}


def follow_ups(folder: Path) -> dict[str, str]:
    """Reports of three events as JSONL (id, text, date); returns report id -> event."""
    folder.mkdir(parents=True, exist_ok=True)
    gold, rows = {}, []
    for e, (event, (town, people, reports)) in enumerate(FOLLOW_UPS.items()):
        for k, sents in enumerate(reports):
            text = "\n\n".join(s.format(town=town, p0=people[0], p1=people[1]) for s in sents)
            doc_id = f"{event.replace(' ', '-')}-{k}"
            rows.append({"id": doc_id, "text": text, "date": f"2024-0{e + 3}-{2 * k + 1:02d}T08:00:00"})
            gold[doc_id] = event
    with (folder / "events.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return gold


def short_items(folder: Path, n: int = 2000, copies: int = 300, seed: int = 29) -> list[tuple[str, str]]:
    """``n`` short news items (two to four sentences from the frames) in one JSONL file, ``copies`` of them
    copied with one word or phrase changed. Returns the planted (source, copy) id pairs."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    items: list[list[str]] = []
    planted: list[tuple[str, str]] = []
    rows = []
    sources = set(rng.sample(range(n - copies), copies))
    for i in range(n - copies):
        sents = story(rng, rng.choice(PLACES), rng.choice(NAMES))[: rng.randint(2, 4)]
        items.append(sents)
        rows.append({"id": f"item{i:05d}", "text": " ".join(sents)})
    for k, i in enumerate(sorted(sources)):
        sents = list(items[i])
        j = rng.randrange(len(sents))
        edit = rng.choice(["word", "phrase", "synonym"])
        words = sents[j].split()
        if edit == "word":
            words[rng.randrange(len(words))] = rng.choice(["new", "old", "local", "regional", "latest"])
        elif edit == "phrase":
            words.insert(rng.randrange(1, len(words)), "on Friday")
        else:
            sents[j] = reworded([sents[j]], rng)[0]
            words = sents[j].split() if sents[j] != items[i][j] else words + ["again."]
        sents[j] = " ".join(words)
        copy_id = f"copy{k:05d}"
        rows.append({"id": copy_id, "text": " ".join(sents)})
        planted.append((f"item{i:05d}", copy_id))
    rng.shuffle(rows)
    with (folder / "short.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return planted


# -- versions in other languages: three reports written here in English, and our own translations -----------

TRANSLATED = {
    "bridge": {
        "en": [
            "Harwick council approves a new river bridge",
            "Harwick council voted 9 to 4 on Tuesday to build a new bridge over the Lenne river.",
            "The bridge will cost 14.5 million euros and should open in March 2028.",
            '"This bridge finally joins the two halves of our town," said the mayor, Ilse Brandauer.',
            "Opponents fear that 3,000 more cars a day will cross the old market square.",
            "A petition against the plan was signed by 1,250 residents last year.",
        ],
        "fr": [
            "Le conseil de Harwick approuve un nouveau pont sur la rivière",
            "Le conseil de Harwick a voté mardi par 9 voix contre 4 la construction d'un nouveau pont sur la"
            " Lenne.",
            "Le pont coûtera 14,5 millions d'euros et devrait ouvrir en mars 2028.",
            "« Ce pont relie enfin les deux moitiés de notre ville », a déclaré la maire, Ilse Brandauer.",
            "Les opposants craignent que 3 000 voitures de plus par jour traversent la vieille place du"
            " marché.",
            "Une pétition contre le projet a été signée par 1 250 habitants l'an dernier.",
        ],
        "de": [
            "Stadtrat von Harwick genehmigt neue Flussbrücke",
            "Der Stadtrat von Harwick hat am Dienstag mit 9 zu 4 Stimmen den Bau einer neuen Brücke über die"
            " Lenne beschlossen.",
            "Die Brücke wird 14,5 Millionen Euro kosten und soll im März 2028 eröffnet werden.",
            "„Diese Brücke verbindet endlich die beiden Hälften unserer Stadt“, sagte Bürgermeisterin Ilse"
            " Brandauer.",
            "Gegner befürchten, dass täglich 3.000 Autos mehr über den alten Marktplatz fahren werden.",
            "Eine Petition gegen den Plan wurde im vergangenen Jahr von 1.250 Einwohnern unterschrieben.",
        ],
    },
    "storm": {
        "en": [
            "Storm cuts power to 40,000 homes on the coast",
            "A storm with winds of up to 130 kilometres an hour cut power to 40,000 homes along the coast"
            " on Sunday night.",
            "Rail services between Porth Ennor and Calder Bay were suspended after trees fell on the line.",
            "The grid operator said most homes should be reconnected by Tuesday evening.",
            '"Our crews are working around the clock," a spokesman for the operator, Tomas Vidal, said.',
            "Forecasters expect a second, weaker storm to arrive on Thursday.",
        ],
        "de": [
            "Sturm lässt 40.000 Haushalte an der Küste ohne Strom",
            "Ein Sturm mit Windgeschwindigkeiten von bis zu 130 Kilometern pro Stunde hat in der Nacht zum"
            " Montag 40.000 Haushalte an der Küste vom Stromnetz getrennt.",
            "Der Bahnverkehr zwischen Porth Ennor und Calder Bay wurde eingestellt, nachdem Bäume auf die"
            " Gleise gestürzt waren.",
            "Der Netzbetreiber erklärte, die meisten Haushalte sollten bis Dienstagabend wieder versorgt"
            " sein.",
            "„Unsere Teams arbeiten rund um die Uhr“, sagte ein Sprecher des Betreibers, Tomas Vidal.",
            "Meteorologen erwarten für Donnerstag einen zweiten, schwächeren Sturm.",
        ],
        "ru": [
            "Шторм оставил без света 40 000 домов на побережье",
            "Шторм с порывами ветра до 130 километров в час в ночь на понедельник оставил без"
            " электричества 40 000 домов на побережье.",
            "Движение поездов между Порт-Эннором и Калдер-Бэем остановлено после того, как на пути упали"
            " деревья.",
            "Оператор сети сообщил, что большинство домов подключат снова к вечеру вторника.",
            "«Наши бригады работают круглосуточно», — сказал представитель оператора Томас Видаль.",
            "Синоптики ожидают в четверг второй, более слабый шторм.",
        ],
    },
    "museum": {
        "en": [
            "Museum returns stolen painting after 30 years",
            "The Orvel city museum has recovered a landscape painting stolen from its galleries in 1994.",
            "The work, by the painter Marta Ekdahl, was found at an auction house in Lyon in May.",
            "Experts value the painting at about 800,000 euros.",
            '"We never gave up hope of seeing it again," the museum director, Paul Renner, said.',
            "The painting will go back on display in September after it has been cleaned.",
        ],
        "fr": [
            "Un musée récupère un tableau volé il y a 30 ans",
            "Le musée municipal d'Orvel a récupéré un paysage volé dans ses galeries en 1994.",
            "L'œuvre, de la peintre Marta Ekdahl, a été retrouvée en mai dans une maison de ventes à Lyon.",
            "Les experts estiment le tableau à environ 800 000 euros.",
            "« Nous n'avons jamais perdu l'espoir de le revoir », a déclaré le directeur du musée, Paul"
            " Renner.",
            "Le tableau sera de nouveau exposé en septembre, après sa restauration.",
        ],
    },
}


def translations(folder: Path) -> dict[str, str]:
    """``translations.jsonl``: each report in English and its translations (ids ``story-lang``); returns
    id -> story."""
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    with (folder / "translations.jsonl").open("w", encoding="utf-8") as fh:
        for name, versions in TRANSLATED.items():
            for lang, lines in versions.items():
                doc_id = f"{name}-{lang}"
                truth[doc_id] = name
                text = lines[0] + "\n\n" + "\n\n".join(lines[1:])
                fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return truth
