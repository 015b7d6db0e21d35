"""Made-up news articles for the dashboard tests: clear events between countries, two pairs of them
telling one story each (one pair a claim and its denial), one quoting a chain of sources, one
carrying a script tag in its text."""

from __future__ import annotations

import hashlib

from opslens.contract import Article, Published

TEXTS = {
    "visit-1": (
        "Tass",
        "2024-03-04",
        "Britain's foreign secretary to visit Moscow",
        "Russia's TASS news agency quoted a Foreign Ministry source as saying that British Foreign Secretary "
        "David Cameron will visit Moscow on March 11 for talks with Russian Foreign Minister Sergei Lavrov.\n"
        "London has not commented on the report.",
    ),
    "visit-2": (
        "Reuters",
        "2024-03-05",
        "Cameron to hold talks with Lavrov in Moscow",
        "LONDON, March 5 (Reuters) - British Foreign Secretary David Cameron will travel to Moscow next week "
        "for talks with Russian Foreign Minister Sergei Lavrov, the Foreign Office said on Tuesday.\n"
        "Cameron said Britain wanted to reduce tensions with Russia.",
    ),
    "sanctions": (
        "Agence France-Presse",
        "2024-03-08",
        "Britain imposes new sanctions on Russia",
        "LONDON, March 8 - Britain imposed new sanctions on Russia on Friday, freezing the assets of six "
        "Russian banks.\nMoscow condemned the sanctions and said it would respond.",
    ),
    "warning": (
        "Kyiv Independent",
        "2024-03-10",
        "Ukraine warns Russia over Black Sea attacks",
        "KYIV, March 10 - Ukrainian President Volodymyr Zelensky warned Russia on Sunday against further "
        "attacks on ports in Odesa.\nRussian forces shelled the port of Odesa on Saturday, Ukrainian "
        "officials said.",
    ),
    "denial": (
        "RIA Novosti",
        "2024-03-11",
        "Moscow denies shelling Odesa port",
        "MOSCOW, March 11 - Russia denied on Monday that its forces shelled the port of Odesa on Saturday.\n"
        "The Russian Defence Ministry called the Ukrainian reports false.",
    ),
    "script": (
        "Example Wire",
        "2024-03-12",
        "An article with <b>markup</b> in its title",
        "PARIS, March 12 - France accused Russia of cyber attacks on Tuesday. The attackers left the words "
        "<script>alert(1)</script> in a defaced page, French officials said.",
    ),
}


def article_of(key: str) -> Article:
    outlet, day, title, text = TEXTS[key]
    published = Published(value=day, precision="day", source="given", confidence=1.0)
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Article(id=key, sha256=sha, text=text, outlet=outlet, title=title, published=published)
