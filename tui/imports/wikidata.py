"""Wikidata in: entity JSON (Special:EntityData or the wbgetentities API, one entity or many) and
SPARQL results JSON (the variables of QUERY_VARIABLES, as the query of `print_query` yields them).

What is read, and nothing else (issue 23, "Decided"):
- a country is an item with an ISO 3166-1 alpha-2 code (P297); items without one (historical
  states) are skipped and counted;
- its memberships are its P463 ("member of") statements, to the organisations asked for (all of
  them when none is asked for); deprecated statements are left out and counted, preferred and
  normal kept; no-value and some-value snaks are skipped and counted;
- since and until come from the P580 / P582 qualifiers, to the precision given (9 year, 10 month,
  11 day); a coarser precision or a Julian date leaves the date out, with a note saying what was there;
- each membership is sourced from its statement's reference URLs (P854); a statement with none
  is sourced from the Wikidata item, as a `mirror`-tier source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from tui.imports import Imported, overlapping, spell_ids

QUERY_VARIABLES = ("country", "countryLabel", "iso", "statement", "org", "orgLabel", "rank", "start",
                   "startPrecision", "end", "endPrecision", "ref")
"""The variables a SPARQL result must bind (the optional ones may be unbound)."""

_QID = re.compile(r"^Q[1-9][0-9]*$")
_ISO = re.compile(r"^[A-Z]{2}$")
_TIME = re.compile(r"^([+-])0*([0-9]{1,9})-([0-9]{2})-([0-9]{2})T")
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
ENTITY = "http://www.wikidata.org/entity/"
_RANKS = {"http://wikiba.se/ontology#PreferredRank": "preferred",
          "http://wikiba.se/ontology#NormalRank": "normal",
          "http://wikiba.se/ontology#DeprecatedRank": "deprecated"}


class ImportError_(ValueError):
    """The input is not what the reader reads; the message says what was expected."""


@dataclass
class Statement:
    """One P463 statement of one country item, as either input format gives it."""

    country: str                    # the item's QID
    label: str | None
    iso: list[str]
    org: str | None                 # a QID, or None for a no-value / some-value snak
    org_label: str | None
    rank: str
    start: tuple[str, int, str] | None = None    # (time, precision, calendar model)
    end: tuple[str, int, str] | None = None
    refs: list[str] = field(default_factory=list)
    snak: str = "value"             # value | novalue | somevalue


def is_qid(text: str) -> bool:
    return bool(_QID.match(text))


def print_query(qids: Iterable[str], language: str = "en") -> str:
    """A SPARQL query for the Wikidata Query Service whose results `read` takes: every rank of
    P463 asked for with p:/ps:, times with pqv: and wikibase:timePrecision, reference URLs pr:P854."""
    qids = list(qids)
    values = f"  VALUES ?org {{ {' '.join('wd:' + q for q in qids)} }}\n" if qids else ""
    iso = ("  OPTIONAL { ?country wdt:P297 ?iso . }\n" if qids else
           "  ?country wdt:P297 ?iso .                 # countries: items with an ISO 3166-1 alpha-2 code\n")
    return (
        "# coalition-tui import wikidata: run at https://query.wikidata.org/ and download the\n"
        "# results as JSON (SPARQL results JSON), then: coalition-tui import wikidata FILE -o DIR\n"
        "SELECT ?country ?countryLabel ?iso ?statement ?org ?orgLabel ?rank ?start ?startPrecision\n"
        "       ?end ?endPrecision ?ref WHERE {\n"
        f"{values}"
        "  ?country p:P463 ?statement .\n"
        "  ?statement ps:P463 ?org ;\n"
        "             wikibase:rank ?rank .\n"
        f"{iso}"
        "  OPTIONAL { ?statement pqv:P580 ?startNode .\n"
        "             ?startNode wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision . }\n"
        "  OPTIONAL { ?statement pqv:P582 ?endNode .\n"
        "             ?endNode wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision . }\n"
        "  OPTIONAL { ?statement prov:wasDerivedFrom ?refNode . ?refNode pr:P854 ?ref . }\n"
        f"  SERVICE wikibase:label {{ bd:serviceParam wikibase:language \"{language}\" . }}\n"
        "}\n"
        "ORDER BY ?countryLabel ?start\n"
    )


# --- the two input formats -----------------------------------------------------------------------


def _label(entity: dict, language: str) -> str | None:
    value = (entity.get("labels") or {}).get(language)
    return value.get("value") if isinstance(value, dict) and isinstance(value.get("value"), str) else None


def _time(snak: dict) -> tuple[str, int, str] | None:
    value = (snak.get("datavalue") or {}).get("value")
    if snak.get("snaktype") != "value" or not isinstance(value, dict):
        return None
    return str(value.get("time", "")), int(value.get("precision", 0)), str(value.get("calendarmodel", GREGORIAN))


def _entity_statements(entities: dict, language: str, labels: dict[str, str]) -> Iterable[Statement]:
    for qid, entity in entities.items():
        if not isinstance(entity, dict):
            continue
        claims = entity.get("claims") or {}
        iso = [s["mainsnak"]["datavalue"]["value"] for s in claims.get("P297", [])
               if s.get("rank") != "deprecated" and (s.get("mainsnak") or {}).get("snaktype") == "value"]
        for st in claims.get("P463", []):
            main = st.get("mainsnak") or {}
            value = (main.get("datavalue") or {}).get("value") or {}
            org = value.get("id") if main.get("snaktype") == "value" and isinstance(value, dict) else None
            quals = st.get("qualifiers") or {}
            refs = [snak["datavalue"]["value"] for ref in st.get("references", [])
                    for snak in (ref.get("snaks") or {}).get("P854", [])
                    if snak.get("snaktype") == "value" and isinstance((snak.get("datavalue") or {}).get("value"), str)]
            yield Statement(
                country=entity.get("id", qid), label=_label(entity, language), iso=iso, org=org,
                org_label=labels.get(org) if org else None, rank=st.get("rank", "normal"),
                start=next((_time(s) for s in quals.get("P580", [])), None),
                end=next((_time(s) for s in quals.get("P582", [])), None),
                refs=refs, snak=main.get("snaktype", "value"))


def _sparql_statements(bindings: list[dict]) -> Iterable[Statement]:
    by_statement: dict[str, Statement] = {}
    for row in bindings:
        def val(name: str) -> str | None:
            cell = row.get(name)
            return cell.get("value") if isinstance(cell, dict) else None

        key = val("statement") or f"row{len(by_statement)}"
        st = by_statement.get(key)
        if st is None:
            org_cell = row.get("org") or {}
            org_value = org_cell.get("value", "")
            some = org_cell.get("type") == "bnode" or "/.well-known/genid/" in org_value
            country = (val("country") or "").removeprefix(ENTITY)
            st = by_statement[key] = Statement(
                country=country, label=val("countryLabel"), iso=[val("iso")] if val("iso") else [],
                org=None if some else org_value.removeprefix(ENTITY) or None, org_label=val("orgLabel"),
                rank=_RANKS.get(val("rank") or "", "normal"), snak="somevalue" if some else "value")
            for end in ("start", "end"):
                if val(end):
                    setattr(st, end, (val(end), int(val(end + "Precision") or 0), GREGORIAN))
        ref = val("ref")
        if ref and ref not in st.refs:
            st.refs.append(ref)
    return by_statement.values()


def statements(data: Any, language: str = "en") -> list[Statement]:
    """The P463 statements of the input, whichever of the two formats it is."""
    if isinstance(data, dict) and isinstance(data.get("results"), dict):
        head = data.get("head", {}).get("vars", [])
        missing = [v for v in ("country", "statement", "org") if v not in head]
        if missing:
            raise ImportError_(f"SPARQL results without the variable(s) {', '.join(missing)}; "
                               "use the query of --print-query")
        return list(_sparql_statements(data["results"].get("bindings", [])))
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        entities = data["entities"]
        labels = {q: lab for q, e in entities.items() if isinstance(e, dict) and (lab := _label(e, language))}
        return list(_entity_statements(entities, language, labels))
    if isinstance(data, dict) and data.get("type") == "item" and "claims" in data:
        return statements({"entities": {data.get("id", "Q0"): data}}, language)
    raise ImportError_("neither Wikidata entity JSON ({\"entities\": ...}) nor SPARQL results JSON "
                       "({\"head\": ..., \"results\": ...})")


def date(time: tuple[str, int, str] | None) -> tuple[str | None, str | None]:
    """(our date, None) or (None, why it was left out) for a Wikidata time value."""
    if time is None:
        return None, None
    text, precision, calendar = time
    match = _TIME.match(text if text[:1] in "+-" else "+" + text)
    if not match or precision < 9:
        return None, f"{text} to precision {precision} (coarser than a year)"
    sign, year, month, day = match.groups()
    if sign == "-" or not 1000 <= int(year) <= 9999:
        return None, f"{text} (outside the years 1000-9999)"
    if calendar != GREGORIAN:
        return None, f"{text} in the Julian calendar"
    return ("-".join([year.zfill(4), month, day][:precision - 8])), None


# --- statements -> records -----------------------------------------------------------------------


def read(data: Any, origin: str, coalitions: dict[str, str] | None = None, language: str = "en") -> Imported:
    """Records from Wikidata JSON. `coalitions` maps the organisations' QIDs to the ids to give
    them (empty or None: every organisation found, each under its QID)."""
    out = Imported("wikidata", origin)
    wanted = coalitions or {}
    taken: set[str] = set()
    sources: dict[str, str] = {}

    def source_for_url(url: str) -> str:
        if url not in sources:
            sources[url] = f"wd-ref-{len(sources) + 1}"
            out.add("sources", {"id": sources[url], "kind": "reference", "title": url, "url": url,
                                "sources": [sources[url]]})
        return sources[url]

    def item_source(qid: str, label: str | None) -> str:
        sid = f"wikidata-{qid}"
        out.add("sources", {"id": sid, "kind": "reference", "title": f"Wikidata item {qid}" + (f" ({label})" if label else ""),
                            "tier": "mirror", "publisher": "Wikidata", "url": f"https://www.wikidata.org/wiki/{qid}",
                            "sources": [sid]})
        return sid

    seen_items: set[str] = set()
    found = statements(data, language)
    found.sort(key=lambda st: st.rank != "preferred")  # stable: preferred first, else input order
    for st in found:
        if st.snak != "value" or st.org is None:
            out.skipped[f"{st.snak} statements"] += 1
            continue
        if wanted and st.org not in wanted:
            continue
        if st.rank == "deprecated":
            out.skipped["deprecated statements"] += 1
            continue
        isos = [i for i in st.iso if isinstance(i, str) and _ISO.match(i)]
        if not isos:
            if st.country not in seen_items:
                out.notes.append(f"{st.country} ({st.label or 'no label'}) has no ISO 3166-1 alpha-2 code (P297)")
            seen_items.add(st.country)
            out.skipped["statements of items without an ISO code (historical states)"] += 1
            continue
        iso = isos[0]
        if not is_qid(st.country) or not is_qid(st.org):
            out.skipped["statements whose item is not a Q-id"] += 1
            continue
        coalition = wanted.get(st.org) or st.org
        out.add("countries", {"id": iso, "name": st.label or st.country, "sources": [item_source(st.country, st.label)]})
        out.add("coalitions", {"id": coalition, "name": st.org_label or st.org, "kind": "organisation",
                               "sources": [item_source(st.org, st.org_label)]})
        since, why_since = date(st.start)
        until, why_until = date(st.end)
        notes = ([f"start on Wikidata: {why_since}"] if why_since else []) + \
                ([f"end on Wikidata: {why_until}"] if why_until else [])
        refs = [source_for_url(u) for u in dict.fromkeys(st.refs)] or [item_source(st.country, st.label)]
        if overlapping(out.records["memberships"], iso, coalition, since, until):
            out.skipped["statements overlapping one kept before (the first kept)"] += 1
            continue
        record = {"id": spell_ids(coalition, iso, taken), "country": iso, "coalition": coalition,
                  "role": "member", "since": since, "until": until, "sources": refs}
        if notes:
            record["note"] = "; ".join(notes)
            out.skipped["dates left out (precision or calendar)"] += len(notes)
        out.add("memberships", record)
    return out


def load_json(text: str, origin: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportError_(f"{origin}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
