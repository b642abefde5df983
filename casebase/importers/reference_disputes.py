"""Loading one reference dispute: parties, systems, claims, evidence, events, links."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from casebase.cases import models as cases
from casebase.core.dates import parse_partial_date
from casebase.core.models import PublicationStatus
from casebase.importers.errors import ReferenceDataError
from casebase.importers.sync import sync_m2m

if TYPE_CHECKING:
    from casebase.importers.reference import _Loader

PUBLISHED = PublicationStatus.PUBLISHED

_EVIDENCE_KIND = {
    "architecture similarity": cases.EvidenceKind.ARCHITECTURE,
    "watermark / canary prompts": cases.EvidenceKind.WATERMARK_PROMPTS,
    "output comparison": cases.EvidenceKind.OUTPUT_COMPARISON,
}


class DisputeLoader:
    """Loads one dispute and its rows; `loader` holds the shared lookups."""

    def __init__(self, loader: "_Loader", item: dict[str, Any], entry: dict[str, Any]):
        self.loader = loader
        self.item = item
        self.entry = entry
        self.flags = loader.fact_flags(item)

    def run(self) -> None:
        item, entry = self.item, self.entry
        filed, filed_precision, filed_note = parse_partial_date(item.get("filed_date"))
        as_of, as_of_precision, as_of_note = parse_partial_date(
            item.get("status_as_of")
        )
        first = entry.get("first_decision") or {}
        resolved = entry.get("resolved") or {}
        self.dispute = self.loader.upsert(
            cases.Dispute,
            {"slug": entry["slug"]},
            {
                "title": item["caption"],
                "short_title": entry["short_title"],
                "jurisdiction_detail": item["jurisdiction"],
                "court": self.loader.courts[entry["court"]]
                if entry.get("court")
                else None,
                "court_detail": item.get("court") or "",
                "case_number": item.get("case_number") or "",
                "stage": entry["stage"],
                "outcome": entry["outcome"],
                "status_text": item["status"],
                "status_as_of": as_of,
                "status_as_of_precision": as_of_precision,
                "status_as_of_note": as_of_note,
                "filed_date": filed,
                "filed_date_precision": filed_precision,
                "filed_date_note": filed_note,
                "first_decision_date": _iso(first.get("date")),
                "first_decision_precision": first.get("precision", ""),
                "resolved_date": _iso(resolved.get("date")),
                "resolved_precision": resolved.get("precision", ""),
                "defence_position": item.get("defence_position") or "",
                "notes": item.get("notes") or "",
                "source_type": item.get("source_type") or "",
                **self.flags,
            },
        )
        report = self.loader.report
        self.sources = self.loader.source_list(item["source"])
        sync_m2m(report, self.dispute, "sources", self.sources)
        sync_m2m(
            report,
            self.dispute,
            "jurisdictions",
            [self.loader.jurisdictions[s] for s in entry["jurisdictions"]],
        )
        self.load_parties()
        self.load_systems()
        self.load_claims()
        self.load_evidence()
        self.load_events()
        self.load_precedent_links()
        self.load_remedies()

    def load_parties(self) -> None:
        roles: dict[str, tuple[str, list[str]]] = {}
        for party_entry in self.entry["parties"]:
            for slug in party_entry["parties"]:
                role, names = roles.setdefault(slug, (party_entry["role"], []))
                if role != party_entry["role"]:
                    raise ReferenceDataError(
                        f"{self.entry['slug']}: {slug} is both {role} and "
                        f"{party_entry['role']}"
                    )
                if party_entry["as_pleaded"] not in names:
                    names.append(party_entry["as_pleaded"])
        for position, (slug, (role, names)) in enumerate(roles.items()):
            self.loader.upsert(
                cases.DisputeParty,
                {"dispute": self.dispute, "party": self.loader.parties[slug]},
                {"role": role, "names_as_pleaded": names, "position": position},
            )

    def load_systems(self) -> None:
        for system_entry in self.entry.get("ai_systems", []):
            self.loader.upsert(
                cases.DisputeSystem,
                {
                    "dispute": self.dispute,
                    "system": self.loader.systems[system_entry["system"]],
                    "role": system_entry["role"],
                },
                {"note": system_entry.get("basis", "")[:500]},
            )

    def load_claims(self) -> None:
        self.claims = []
        for position, claim_entry in enumerate(self.entry["claims"]):
            if claim_entry["as_pleaded"] != self.item["legal_theories"][position]:
                raise ReferenceDataError(f"{self.entry['slug']}: claims are misaligned")
            claim = self.loader.upsert(
                cases.Claim,
                {"dispute": self.dispute, "position": position},
                {
                    "theory": self.loader.theory(claim_entry["theory"]),
                    "nature": claim_entry["nature"],
                    "description": claim_entry["as_pleaded"],
                    "result": claim_entry["result"],
                    "result_note": _result_note(claim_entry),
                    "publication_status": PUBLISHED,
                    "verified": self.flags["verified"],
                },
            )
            provisions = [
                provision
                for path in claim_entry.get("provisions", [])
                for provision in self.loader.provisions.get(path, [])
            ]
            sync_m2m(self.loader.report, claim, "provisions", provisions)
            self.claims.append(claim)

    def load_evidence(self) -> None:
        for position, evidence_item in enumerate(self.item.get("evidence_alleged", [])):
            evidence = self.loader.upsert(
                cases.Evidence,
                {"dispute": self.dispute, "position": position},
                {
                    "kind": _EVIDENCE_KIND[evidence_item["kind"]],
                    "title": evidence_item["kind"].capitalize(),
                    "description": evidence_item["description"],
                    "is_allegation": True,
                    "relied_on_by": cases.ReliedOnBy.CLAIMANT,
                    "confidentiality": cases.Confidentiality.PUBLIC,
                    **self.flags,
                },
            )
            sync_m2m(self.loader.report, evidence, "sources", self.sources)

    def load_events(self) -> None:
        for position, event_entry in enumerate(self.entry.get("events", [])):
            self.loader.upsert(
                cases.Event,
                {"dispute": self.dispute, "position": position},
                {
                    "date": _iso(event_entry["date"]),
                    "date_precision": event_entry["precision"],
                    "kind": event_entry["kind"],
                    "title": event_entry["title"],
                    "description": event_entry.get("basis", ""),
                    "publication_status": PUBLISHED,
                    "verified": self.flags["verified"],
                },
            )

    def load_precedent_links(self) -> None:
        for key in self.entry.get("precedents", []):
            precedent = self.loader.precedents[key]
            number = self.dispute.case_number
            relation = (
                cases.PrecedentRelation.JUDGMENT
                if number and number in precedent.court_detail
                else cases.PrecedentRelation.RELIES_ON
            )
            self.loader.upsert(
                cases.DisputePrecedent,
                {"dispute": self.dispute, "precedent": precedent},
                {"relation": relation},
            )

    def load_remedies(self) -> None:
        """Remedies only as the reference states them: each basis must be its words."""
        words = " ".join([self.item["status"], *self.item["legal_theories"]])
        for position, remedy_entry in enumerate(self.entry.get("remedies", [])):
            if remedy_entry["basis"] not in words:
                raise ReferenceDataError(
                    f"{self.entry['slug']}: remedy {position} is not in the record"
                )
            self.loader.upsert(
                cases.Remedy,
                {"dispute": self.dispute, "position": position},
                {
                    "kind": remedy_entry["kind"],
                    "status": remedy_entry["status"],
                    "amount": _amount(remedy_entry.get("amount")),
                    "currency": remedy_entry.get("currency", ""),
                    "amount_note": remedy_entry.get("amount_note", ""),
                    "date": _iso(remedy_entry.get("date")),
                    "date_precision": remedy_entry.get("precision", ""),
                    "basis": remedy_entry["basis"],
                    **self.flags,
                },
            )


def _result_note(claim_entry: dict[str, Any]) -> str:
    """The words behind a result, unless they only repeat the claim itself."""
    basis = (claim_entry.get("result_basis") or "")[:500]
    return "" if basis == claim_entry["as_pleaded"] else basis


def _amount(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def _iso(value: str | None):
    date, _precision, _rest = parse_partial_date(value)
    return date
