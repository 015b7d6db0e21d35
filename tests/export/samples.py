"""A small store for the export tests: hand-built analyses with a located place, an attribution
chain and an article whose text and title hold a <script> tag, plus real analyses of two texts."""

from __future__ import annotations

from opslens.contract import Analysis, Place
from opslens.link import update
from opslens.store import Store
from tests.link.samples import Actor, Told, analysis, span

TRUSS = Actor("Liz Truss", code="GBRGOV")
LAVROV = Actor("Sergei Lavrov", code="RUSGOV")
BLINKEN = Actor("Antony Blinken", code="USAGOV")

MEET = "Liz Truss met Sergei Lavrov in Moscow"
ACCUSE = "Sergei Lavrov accused Antony Blinken of lying"
SCRIPT = "<script>alert(1)</script>"
MOSCOW = {"name": "Moscow", "country": "RUS", "lat": 55.75222, "lon": 37.61556, "geonames_id": 524901}

REAL_TEXTS = (
    "Russian Foreign Minister Sergei Lavrov met British Foreign Secretary Liz Truss in Moscow on "
    "Thursday. Lavrov said the talks were like a conversation between the dumb and the deaf.\n",
    "Ukraine accused Russia of shelling the town of Avdiivka on Monday, the Ukrainian military said. "
    "The Kremlin denied the claim.\n",
)


def placed(a: Analysis, text: str) -> Analysis:
    """The analysis with its first event placed in Moscow."""
    a.places = [Place(id="p1", feature="city", mentions=[span(text, "Moscow")], **MOSCOW)]  # type: ignore[arg-type]
    a.events[0].place = "p1"
    return a


def hand_built() -> list[Analysis]:
    first = f"{MEET}.\n"
    wired = f"{MEET}, Reuters reported.\n"
    script = f"{ACCUSE}. {SCRIPT}\n"
    meet = placed(
        analysis(
            first,
            Told(MEET, "met", "CONSULT", "040", TRUSS, LAVROV, "asserted", "2022-02-10"),
            outlet="Example Post",
            day="2022-02-10",
        ),
        first,
    )
    meet.article.url = "https://example.org/truss-lavrov"
    meet.article.title = "Truss meets Lavrov"
    relayed = analysis(
        wired,
        Told(
            MEET,
            "met",
            "CONSULT",
            "040",
            TRUSS,
            LAVROV,
            "asserted",
            "2022-02-10",
            chain=[("Reuters", "wire_agency", False)],
        ),
        outlet="Daily Example",
        day="2022-02-11",
    )
    relayed = placed(relayed, wired)
    accuse = analysis(
        script,
        Told(ACCUSE, "accused", "ACCUSE", "112", LAVROV, BLINKEN, "asserted", "2022-02-12"),
        outlet="Example Herald",
        day="2022-02-12",
    )
    accuse.article.title = f"Lavrov lashes out {SCRIPT}"
    return [meet, relayed, accuse]


def real(analyze) -> list[Analysis]:
    found = []
    for n, text in enumerate(REAL_TEXTS, start=1):
        a = analyze(text)
        a.article.id = f"real-{n}"
        a.article.published.value = f"2022-02-1{n}"
        found.append(a)
    return found


def fill(store: Store, analyses: list[Analysis]) -> None:
    for a in analyses:
        store.save(a, analyzer_version="test")
    update(store)
