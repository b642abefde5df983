"""Load the checked reference facts (legal_facts.json) and casebase's curation of them.

`legal_facts.json` is an unchanged copy of the project's reference file: every citation,
date, court, case number and text is taken from it as written. `curation.json` adds
structure that the reference states in words (keys, categories, parsed dates, links),
each with the words it rests on; `vocabulary.json` holds casebase's legal theories.

A dispute's claims and events rest on the dispute's own sources, so those are not
repeated on every row; the alleged evidence of the article's dispute carries the article.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from casebase.cases import models as cases
from casebase.core.dates import parse_partial_date
from casebase.core.models import PublicationStatus, Source
from casebase.importers.errors import ReferenceDataError
from casebase.importers.reference_disputes import DisputeLoader
from casebase.importers.sources import source_fields
from casebase.importers.sync import SyncReport, sync_m2m, upsert
from casebase.law import models as law

DATA_DIR = Path(__file__).resolve().parent / "reference_data"
PUBLISHED = PublicationStatus.PUBLISHED

_LEGISLATION_URI = re.compile(
    r"^https://www\.legislation\.gov\.uk/(?P<type>[a-z]+)/(?P<year>\d{4})/"
    r"(?P<number>\d+)/(?P<unit>section|regulation)/(?P<section>[0-9A-Z]+)$"
)


@dataclass(frozen=True)
class ReferenceData:
    facts: dict[str, Any]
    curation: dict[str, Any]
    vocabulary: dict[str, Any]

    @classmethod
    def read(cls, data_dir: Path = DATA_DIR) -> "ReferenceData":
        def read_json(name: str) -> dict[str, Any]:
            return json.loads((data_dir / name).read_text(encoding="utf-8"))

        return cls(
            read_json("legal_facts.json"),
            read_json("curation.json"),
            read_json("vocabulary.json"),
        )


def load_reference(data: ReferenceData | None = None) -> SyncReport:
    """Load everything in one transaction: all of it, or (on any error) none of it."""
    data = data or ReferenceData.read()
    report = SyncReport()
    with transaction.atomic():
        _Loader(data, report).run()
        # Each record's first revision now, not when an editor first opens it.
        from casebase.editorial.baseline import create_initial_revisions

        create_initial_revisions()
    return report


class _Loader:
    def __init__(self, data: ReferenceData, report: SyncReport) -> None:
        self.data = data
        self.report = report
        self.sources: dict[str, Source] = {}
        self.theories: dict[str, law.LegalTheory] = {}
        self.jurisdictions: dict[str, law.Jurisdiction] = {}
        self.courts: dict[str, law.Court] = {}
        self.provisions: dict[str, list[law.Provision]] = {}
        self.precedents: dict[str, law.Precedent] = {}
        self.parties: dict[str, cases.Party] = {}
        self.systems: dict[str, cases.AISystem] = {}
        self.verified_parties: set[str] = set()

    def run(self) -> None:
        self.load_theories()
        self.load_jurisdictions_and_courts()
        self.load_statutes()
        self.load_precedents()
        self.load_authorities()
        self.load_parties_and_systems()
        self.load_disputes()

    # -- helpers -------------------------------------------------------------------

    def upsert(self, model, lookup, values):
        return upsert(self.report, model, lookup, values)

    def source_list(self, references: list[str]) -> list[Source]:
        found = []
        for reference in references:
            if reference not in self.sources:
                self.sources[reference] = self.upsert(
                    Source,
                    {"reference": reference},
                    {
                        **source_fields(reference),
                        "publication_status": PUBLISHED,
                        "verified": True,
                    },
                )
            found.append(self.sources[reference])
        return found

    @staticmethod
    def fact_flags(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "publication_status": PUBLISHED,
            "verified": bool(item.get("verified")),
            "unverified_elements": list(item.get("unverified_elements") or []),
        }

    # -- vocabulary and forums -------------------------------------------------------

    def load_theories(self) -> None:
        for position, theory in enumerate(self.data.vocabulary["legal_theories"]):
            self.theories[theory["slug"]] = self.upsert(
                law.LegalTheory,
                {"slug": theory["slug"]},
                {
                    "name": theory["name"],
                    "description": theory["description"],
                    "position": position,
                },
            )

    def theory(self, slug: str) -> law.LegalTheory:
        try:
            return self.theories[slug]
        except KeyError as exc:
            raise ReferenceDataError(f"unknown legal theory {slug!r}") from exc

    def load_jurisdictions_and_courts(self) -> None:
        for slug, item in self.data.curation["jurisdictions"].items():
            self.jurisdictions[slug] = self.upsert(
                law.Jurisdiction,
                {"slug": slug},
                {"name": item["name"], "is_uk": bool(item.get("is_uk"))},
            )
        for slug, item in self.data.curation["courts"].items():
            self.courts[slug] = self.upsert(
                law.Court,
                {"slug": slug},
                {
                    "name": item["name"],
                    "jurisdiction": self.jurisdictions[item["jurisdiction"]],
                    "tna_code": item.get("tna_code") or "",
                    "publication_status": PUBLISHED,
                    "verified": True,
                },
            )

    # -- legislation -------------------------------------------------------------

    def load_statutes(self) -> None:
        statutes: dict[tuple[str, int, int], law.Statute] = {}
        grouped: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
        for item in self.data.facts["statutes"]:
            match = _LEGISLATION_URI.match(item["legislation_gov_uk_uri"])
            if not match:
                raise ReferenceDataError(
                    f"unrecognised legislation URI {item['legislation_gov_uk_uri']!r}"
                )
            key = (match["type"], int(match["year"]), int(match["number"]))
            grouped.setdefault(key, []).append(item)
        for key, items in grouped.items():
            legislation_type, year, number = key
            statutes[key] = self.upsert(
                law.Statute,
                {"legislation_type": legislation_type, "year": year, "number": number},
                {
                    "short_title": items[0]["short_title"],
                    "chapter_or_si": items[0]["chapter_or_si"],
                    "publication_status": PUBLISHED,
                    # Title and chapter are confirmed wherever one of its items is.
                    "verified": any(i.get("verified") for i in items),
                },
            )
        for position, item in enumerate(self.data.facts["statutes"]):
            match = _LEGISLATION_URI.match(item["legislation_gov_uk_uri"])
            key = (match["type"], int(match["year"]), int(match["number"]))
            provision = self.upsert(
                law.Provision,
                {"statute": statutes[key], "label": item["provision"]},
                {
                    "unit": match["unit"],
                    "number": match["section"],
                    "heading": item["heading"],
                    "summary": item["summary"],
                    "relevance": item["legal_theory"],
                    "legislation_uri": item["legislation_gov_uk_uri"],
                    "notes": item.get("notes") or "",
                    "source_type": item.get("source_type") or "",
                    "position": position,
                    **self.fact_flags(item),
                },
            )
            sync_m2m(
                self.report, provision, "sources", self.source_list(item["source"])
            )
            sync_m2m(
                self.report,
                provision,
                "legal_theories",
                [self.theory(s) for s in provision_theories(item["legal_theory"])],
            )
            path = f"{key[0]}/{key[1]}/{key[2]}/{match['unit']}/{match['section']}"
            self.provisions.setdefault(path, []).append(provision)

    # -- precedents ----------------------------------------------------------------

    def load_precedents(self) -> None:
        curated = {p["key"]: p for p in self.data.curation["precedents"]}
        appeal_pending = self.data.vocabulary.get("appeal_pending", {})
        for item in self.data.facts["precedents"]:
            key = item["neutral_citation"] or item["case_name"]
            if key not in curated:
                raise ReferenceDataError(f"precedent {key!r} has no curation entry")
            extra = curated[key]
            date, _precision, date_note = parse_partial_date(item["decision_date"])
            if date is None:
                raise ReferenceDataError(f"precedent {key!r} has no decision date")
            precedent = self.upsert(
                law.Precedent,
                {"slug": extra["slug"]},
                {
                    "case_name": item["case_name"],
                    "neutral_citation": item["neutral_citation"],
                    "law_report_citations": list(item["law_report_citations"]),
                    "court": self.courts[extra["court"]],
                    "court_detail": item["court"],
                    "decision_date": date,
                    "decision_date_note": date_note,
                    "judges": item.get("judges") or "",
                    "subject": item["legal_theory"],
                    "holding": item["holding"],
                    "later_history": item.get("later_history") or "",
                    "notes": item.get("notes") or "",
                    "appeal_pending": key in appeal_pending,
                    **self.fact_flags(item),
                },
            )
            sync_m2m(
                self.report, precedent, "sources", self.source_list(item["source"])
            )
            sync_m2m(
                self.report,
                precedent,
                "legal_theories",
                [self.theory(s) for s in extra["legal_theories"]],
            )
            sync_m2m(
                self.report,
                precedent,
                "provisions",
                [self.provision(link) for link in extra.get("provisions", [])],
            )
            self.precedents[key] = precedent

    def provision(self, link: dict[str, str]) -> law.Provision:
        for provision in self.provisions.get(link["path"], []):
            if provision.label == link["label"]:
                return provision
        raise ReferenceDataError(f"no provision {link['label']!r} at {link['path']!r}")

    def load_authorities(self) -> None:
        for item in self.data.curation["authorities"]:
            citing = self.precedents[item["citing"]]
            cited = self.precedents[item["cited"]]
            reason = (item.get("reason") or item.get("basis") or "").strip()
            self.upsert(
                law.Authority,
                {"citing": citing, "cited": cited, "treatment": item["treatment"]},
                {
                    "note": item["basis"],
                    # The curation's own words, never an invented reason; without
                    # them the reason is marked unverified.
                    "reason": reason,
                    "pinpoint": item.get("pinpoint") or "",
                    "unverified_elements": [] if reason else ["reason"],
                    "publication_status": PUBLISHED,
                    "verified": citing.verified,
                },
            )

    # -- parties and systems ----------------------------------------------------------

    def load_parties_and_systems(self) -> None:
        facts = self.data.facts["disputes"]
        for entry in self.data.curation["disputes"]:
            if facts[entry["index"]].get("verified"):
                for party_entry in entry["parties"]:
                    self.verified_parties.update(party_entry["parties"])
        for slug, item in self.data.curation["parties"].items():
            self.parties[slug] = self.upsert(
                cases.Party,
                {"slug": slug},
                {
                    "name": item["name"],
                    "kind": item["kind"],
                    "publication_status": PUBLISHED,
                    "verified": slug in self.verified_parties,
                },
            )
        for slug, item in self.data.curation["ai_systems"].items():
            developer = item.get("developer")
            self.systems[slug] = self.upsert(
                cases.AISystem,
                {"slug": slug},
                {
                    "name": item["name"],
                    "developer": self.parties[developer] if developer else None,
                    "publication_status": PUBLISHED,
                    "verified": False,
                },
            )

    # -- disputes ----------------------------------------------------------------------

    def load_disputes(self) -> None:
        facts = self.data.facts["disputes"]
        curated = self.data.curation["disputes"]
        if len(curated) != len(facts):
            raise ReferenceDataError(
                f"curation has {len(curated)} disputes, the reference {len(facts)}"
            )
        for entry in curated:
            item = facts[entry["index"]]
            if item["caption"] != entry["caption"]:
                raise ReferenceDataError(
                    f"curation entry {entry['index']} is misaligned"
                )
            DisputeLoader(self, item, entry).run()


def provision_theories(text: str) -> list[str]:
    """The theories a provision's recorded area of law names (`copyright / contract`)."""
    heads = {
        "copyright": "copyright",
        "database right": "database-right",
        "patent": "patent",
        "trade secret": "trade-secret",
        "trade mark": "trade-mark",
        "computer misuse": "computer-misuse",
        "contract": "contract",
    }
    found = []
    for part in re.split(r"\s*/\s*", text.split("(")[0]):
        slug = heads.get(part.strip().lower())
        if slug and slug not in found:
            found.append(slug)
    if "(database copyright)" in text and "database-right" not in found:
        found.append("database-right")
    return found or ["other"]
