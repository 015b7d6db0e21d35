"""Contested claims: a merged event linked to the merged event that contradicts it.

A claim is a merged event at least one article asserts or reports (not a REJECT itself). What
contests it, within one article or across articles, at most 3 days apart:
- denial: an event whose modality is "denied", of the same category with matching actors; or a
  denial event ("X denied …", `contest_cues.tsv`) whose speaker is a party of the claim (its source
  or target, by the actor rule of `matching`, or the same country's body: "the Kremlin" for
  "Russian troops") and whose evidence names the claimed act (the claim's event word: "denied
  shelling" for "shelled") and shares content words with the claim's besides the actors' names
  (at least 2, and 30% of the shorter): a denial names what it denies;
- rejection: a rejection or denial event ("X rejected the accusations", "X denied the charges")
  answering an accusation (ACCUSE) against its speaker: aimed at the accuser, or aimed at no one
  and naming something said ("the allegations", the claim nouns of `contest_cues.tsv`): a
  rejected proposal answers no accusation.
Negated events ("did not attack") are not taken as contradictions: in the analyses they are more
often hedges and conditions than answers to another report. Precise rather than broad.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, insert, or_, select, update

from opslens.knowledge import countries
from opslens.knowledge.contest_cues import claim_owners, contest_kind, names_a_claim
from opslens.link import matching
from opslens.link.run import LinkRun
from opslens.store.schema import ContestRow, EventReportRow, MergedEventRow

WINDOW = 3  # days between a claim and what contests it
CLAIMS = frozenset({"asserted", "reported"})
ACCUSATIONS = frozenset({"ACCUSE"})
MIN_SHARED, SHARE = 2, 0.3


def link(run: LinkRun) -> None:
    """Contests of the merged events this run wrote (their old contests are made again)."""
    affected = _affected(run)
    if not affected:
        return
    touched = _clear(run, affected)
    cache: dict[str, dict] = {}
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for event in _load(run, affected, cache):
        for other in _candidates(run, event, cache):
            for claim, counter in ((other, event), (event, other)):
                if (verdict := contest(claim, counter)) is not None:
                    found[(claim["id"], counter["id"])] = verdict
    if found:
        rows = [{"claim_id": c, "counter_id": k, "kind": v[0], "why": v[1]} for (c, k), v in sorted(found.items())]
        run.conn.execute(insert(ContestRow), rows)
    _flag(run, touched | {c for c, _ in found})
    run.report.add("contested claims", len({c for c, _ in found}))


def _affected(run: LinkRun) -> list[str]:
    """Merged events the events step wrote in this run (those it deleted took their contests along)."""
    return sorted(run.touched.get("merged_events", set()))


def _clear(run: LinkRun, affected: list[str]) -> set[str]:
    """Delete the contests of the affected merged events; the ids whose flag must be recomputed."""
    c = ContestRow
    touched = set(affected)
    for chunk in _chunks(affected):
        either = or_(c.claim_id.in_(chunk), c.counter_id.in_(chunk))
        touched |= set(run.conn.execute(select(c.claim_id).where(either)).scalars())
        run.conn.execute(delete(c).where(either))
    return touched


def _flag(run: LinkRun, ids: set[str]) -> None:
    me, c = MergedEventRow, ContestRow
    for chunk in _chunks(sorted(ids)):
        claimed = set(run.conn.execute(select(c.claim_id).where(c.claim_id.in_(chunk))).scalars())
        run.conn.execute(update(me).where(me.id.in_(chunk)).values(contested=False))
        if claimed:
            run.conn.execute(update(me).where(me.id.in_(sorted(claimed))).values(contested=True))


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- candidates --------------------------------------------------------------------------------


def _load(run: LinkRun, ids: list[str], cache: dict[str, dict]) -> list[dict]:
    me = MergedEventRow
    missing = [i for i in ids if i not in cache]
    for chunk in _chunks(missing):
        for r in run.conn.execute(select(me.id, me.plover, me.day, me.data).where(me.id.in_(chunk))):
            cache[r.id] = {"id": r.id, "plover": r.plover, "day": r.day, "members": (r.data or {}).get("members", [])}
    return [cache[i] for i in ids if i in cache]


def _candidates(run: LinkRun, event: dict, cache: dict[str, dict]) -> list[dict]:
    """Merged events that could contest this one, or that it could contest: those within the
    window, and those its own articles report (a claim and its answer in one article, however
    coarsely dated: "rejected last week's attacks from X")."""
    me, er = MergedEventRow, EventReportRow
    rows: dict[str, str] = {}
    if event["day"] and matching.EXACT.fullmatch(event["day"]):
        lo, hi = (_shift(event["day"], d) for d in (-WINDOW, WINDOW))
        query = select(me.id, me.plover).where(me.day >= lo, me.day <= hi)  # the day index
        rows.update(run.conn.execute(query).tuples().all())
    articles = sorted({m["row"] for m in event["members"]})
    same = select(me.id, me.plover).join(er, er.merged_event_id == me.id).where(er.article_row_id.in_(articles))
    rows.update(run.conn.execute(same).tuples().all())
    rows.pop(event["id"], None)
    if counter_kind(event) is None:  # a possible claim: only what may contest it
        rows = {i: plover for i, plover in rows.items() if plover in ("REJECT", event["plover"])}
    return _load(run, sorted(rows), cache)


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


# -- the rule ------------------------------------------------------------------------------------


def counter_kind(event: dict) -> str | None:
    """denial | rejection when the merged event contests something, else None."""
    if any(m["modality"] == "denied" for m in event["members"]):
        return "denial"
    kinds = {contest_kind(m.get("rule")) for m in event["members"]} - {None}
    return "denial" if "denial" in kinds else ("rejection" if kinds else None)


def contest(claim: dict, counter: dict) -> tuple[str, str] | None:
    """(kind, why) when `counter` contests `claim`, else None."""
    if claim["id"] == counter["id"] or claim["plover"] == "REJECT":
        return None
    claims = [m for m in claim["members"] if m["modality"] in CLAIMS]
    kind = counter_kind(counter)
    if not claims or kind is None:
        return None
    for c in claims:
        for k in counter["members"]:
            if _days_apart(c, k) is None:
                continue
            if kind == "denial" and (why := _denied(c, k, claim, counter)) is not None:
                return kind, why
            # "denied the allegations" answers an accusation as "rejected the allegations" does
            if (why := _rejected(c, k)) is not None:
                return "rejection", why
    return None


def _days_apart(a: dict, b: dict) -> int | None:
    if _same_sentence(a, b):
        return 0  # a claim and its answer in one sentence ("rejected last week's attacks from X"), however dated
    if a["day"] is None or b["day"] is None or "coarse" in (a["how"], b["how"]):
        return None
    gap = abs((date.fromisoformat(a["day"]) - date.fromisoformat(b["day"])).days)
    return gap if gap <= WINDOW else None


def _denied(c: dict, k: dict, claim: dict, counter: dict) -> str | None:
    if k["modality"] == "denied":
        sides = [s for s in ("source", "target") if c[s] is not None and k[s] is not None]
        if claim["plover"] == counter["plover"] and sides and all(matching.actors_match(c[s], k[s]) for s in sides):
            return f"{_name(k['source'])} denies {_act(c)}, the claim of {_said(c)}: the same act, denied"
        return None
    if contest_kind(k.get("rule")) != "denial" or not _party(k["source"], c) or _same_sentence(c, k):
        return None  # what a denial denies is no event of its sentence: another act told beside it is not it
    shared = _shared(c, k)
    if shared is None or matching.stem((c["cue"] or "").lower()) not in k["words"]:
        return None
    return f"{_name(k['source'])}, a party to it, denies {_act(c)}, the claim of {_said(c)} (both speak of {shared})"


def _rejected(c: dict, k: dict) -> str | None:
    """The accused rejects an accusation: aimed at the accuser, or naming a claim ("the
    allegations") and aimed at no one else."""
    if c["plover"] not in ACCUSATIONS or k["source"] is None or c["target"] is None:
        return None
    abroad = _across_border(c)
    if not _same_party(k["source"], c["target"], abroad):
        return None
    aimed = k["target"] is not None and c["source"] is not None and _same_party(k["target"], c["source"], abroad)
    answered = _same_sentence(c, k) and (c.get("rule") or "").startswith("claim:")  # the claim its words name
    named = (
        k["target"] is None
        and names_a_claim(k["evidence"]["text"])
        and _owned_by_accuser(c, k)
        and (k["article"] == c["article"] or c["target"]["type"] != "NORP")
    )  # "Republicans denied the charge": a group answers a charge of its own article, not any elsewhere
    if not (aimed or named or answered):
        return None
    how = (
        "aimed at the accuser"
        if aimed
        else ("naming what was said" if named else "naming the accusation and its author")
    )
    return f"{_name(k['source'])}, the accused, rejects {_act(c)}, the claim of {_said(c)} ({how})"


def _owned_by_accuser(c: dict, k: dict) -> bool:
    """A rejection naming whose claim it answers ("dismissed Clinton's charges") answers that
    accuser's claim only; one naming no owner ("rejected the allegations") any against its speaker."""
    owners = claim_owners(k["evidence"]["text"])
    if not owners:
        return True
    accuser = {w for name in (c["source"] or {}).get("names", []) for w in matching.words(name)}
    return any(set(matching.words(owner)) & accuser for owner in owners)


def _party(actor: dict | None, claim: dict) -> bool:
    sides = [claim[s] for s in ("source", "target") if claim[s] is not None]
    abroad = _across_border(claim)
    return actor is not None and any(_same_party(actor, side, abroad) for side in sides)


def _same_party(a: dict, b: dict, abroad: bool) -> bool:
    """The same actor, or, in a claim not within one country, two bodies of one country (neither a
    person): the Kremlin for Russian troops. Within one country's politics its bodies are parties
    of their own (the Supreme Court is not the Senate)."""
    if _group_and_place(a, b):
        return False  # "Republicans" are not Arizona, though both are of the United States
    if matching.actors_match(a, b):
        return True
    bodies = a["type"] != "PERSON" and b["type"] != "PERSON"
    return abroad and bodies and bool(a["code"] and b["code"]) and a["code"][:3] == b["code"][:3]


def _group_and_place(a: dict, b: dict) -> bool:
    """A group (NORP: "Republican", "Russian") and another kind of actor with no name in common,
    alike by country code only: unless both name that country ("Russian" and "Russia" or "the
    Kremlin"), "Republicans" are no party for Louisiana."""
    types = {a["type"], b["type"]}
    if "NORP" not in types or len(types) != 2 or set(a["names"]) & set(b["names"]):
        return False
    named = _countries_named(a), _countries_named(b)
    return not (named[0] and named[0] == named[1])


def _countries_named(actor: dict) -> set[str]:
    """The countries an actor's names name: "Russian" (a demonym), "the Kremlin" (a metonym)."""
    return {ref.iso3 for name in actor["names"] if (ref := countries.lookup(name)) is not None}


def _across_border(claim: dict) -> bool:
    """Is the claim not known to be within one country (both sides coded, one country)? "Russian
    forces shelled the port" has no coded target: the state answers for its forces."""
    codes = [(claim[s] or {}).get("code") or "" for s in ("source", "target")]
    return not (all(len(c) >= 3 for c in codes) and codes[0][:3] == codes[1][:3])


def _same_sentence(a: dict, b: dict) -> bool:
    return a["article"] == b["article"] and a["evidence"]["start"] == b["evidence"]["start"]


def _shared(c: dict, k: dict) -> str | None:
    """The content words both evidences hold, the actors' names aside (a denial names what it
    denies, not only whom), when there are enough of them."""
    names = matching.name_words(c) | matching.name_words(k)
    x, y = set(c["words"]) - names, set(k["words"]) - names
    both = sorted(x & y)
    if len(both) < MIN_SHARED or len(both) < SHARE * min(len(x), len(y)):
        return None
    return ", ".join(f"'{w}'" for w in both[:4])


def _name(actor: dict | None) -> str:
    return actor["name"] if actor and actor.get("name") else "someone"


# what a PLOVER category's act is called in a sentence ("rejects the accusation by X")
ACTS = {
    "ACCUSE": "accusation",
    "AGREE": "agreement",
    "ASSAULT": "assault",
    "COERCE": "coercion",
    "CONCEDE": "concession",
    "CONSULT": "consultation",
    "COOPERATE": "cooperation",
    "MOBILIZE": "mobilization",
    "REQUEST": "request",
    "RETREAT": "retreat",
    "SANCTION": "sanction",
    "THREATEN": "threat",
}


def _act(m: dict) -> str:
    target = f" against {_name(m['target'])}" if m["target"] else ""
    act = ACTS.get(m["plover"], m["plover"].lower())
    return f"the {act} by {_name(m['source'])}{target} on {m['day']}"


def _said(m: dict) -> str:
    return m["origin"]["name"]
