"""A synthetic corpus of legal-sounding records for `bench_search`.

Everything is made up and plainly fictional (parties are "… Ltd 123", citations use
the year range 1950-2025 with invented numbers); it exists only in the benchmark's
throw-away database. Records are bulk-created, so no signal fires and no index write
happens until the benchmark rebuilds.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from casebase.cases import models as cases
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus
from casebase.law import models as law

PUBLISHED = PublicationStatus.PUBLISHED

NOUNS = (
    "model weights training data dataset corpus output prompt licence copyright work "
    "author publisher photograph image lyric novel article code repository database "
    "extraction substantial part reproduction communication public adaptation "
    "infringement injunction damages account profits confidence secret information "
    "employee contract breach terms service scraping crawler robots embedding "
    "inventor patent claim invention algorithm neural network architecture benchmark "
    "watermark canary fingerprint distillation api customer competitor evidence expert "
    "witness disclosure hearing appeal judgment settlement licence fee royalty"
).split()
# Rarer terms of art: real legal text is Zipfian, a few words everywhere and most
# words in few documents. Nouns are drawn with weights 1/rank (see _noun).
NOUNS += (
    "estoppel laches acquiescence springboard quantum indemnity warranty novation "
    "rescission rectification severance assignment sublicence exhaustion parody "
    "pastiche caricature quotation criticism review reporting incidental inclusion "
    "caching browsing interoperability decompilation observation backup archive "
    "tokeniser checkpoint optimiser gradient parameter quantisation adapter "
    "finetuning reward classifier retrieval vector metadata provenance hash manifest "
    "crawl snapshot mirror shard cluster inference latency throughput endpoint "
    "sandbox jailbreak guardrail hallucination regurgitation memorisation "
    "overfitting deduplication filtering curation annotation label taxonomy "
    "ontology thesaurus glossary screenplay manuscript sculpture choreography "
    "broadcast podcast anthology compilation selection arrangement skill labour "
    "creativity originality authorship ownership employer commission assignee"
).split()
VERBS = (
    "alleges denies copied reproduced trained distilled scraped licensed disclosed "
    "misused infringed extracted published memorised generated deployed challenged "
    "dismissed upheld rejected affirmed reversed remitted settled withdrew"
).split()
ADJECTIVES = (
    "substantial original unlawful confidential literary artistic musical generative "
    "commercial open closed proprietary transformative derivative identical similar "
    "technical contributory secondary primary statutory equitable interim final"
).split()
SENTENCES = [
    "The claimant {verb} that the defendant's {adj} {noun} {verb2} its {noun2}.",
    "The court held that the {noun} was not a {adj} {noun2} within the meaning of the Act.",
    "{party} says the {system} model {verb2} {adj} {noun} from its {noun2}.",
    "On appeal the judge {verb2} the finding on {noun} and {noun2}.",
    "Expert evidence compared the {noun} of {system} with the {adj} {noun2}.",
    "The defence relies on the {adj} {noun} exception and denies any {noun2}.",
    "Disclosure of the {noun} used to build {system} was ordered before trial.",
]
COURTS = [
    ("bench-uksc", "Bench Supreme Court", "UKSC"),
    ("bench-ewca", "Bench Court of Appeal", "EWCA Civ"),
    ("bench-ewhc", "Bench High Court Chancery", "EWHC"),
    ("bench-ipec", "Bench Intellectual Property Enterprise Court", "EWHC"),
    ("bench-sdny", "Bench District Court New York", ""),
    ("bench-ndcal", "Bench District Court California", ""),
]
THEORIES = [
    "copyright",
    "database-right",
    "trade-secret",
    "patent",
    "trade-mark",
    "passing-off",
    "contract",
    "data-protection",
]
REPORTS = ["RPC", "FSR", "Bus LR", "ECDR", "WLR"]


@dataclass
class Corpus:
    records: int
    citations: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=lambda: NOUNS + VERBS + ADJECTIVES)


_NOUN_WEIGHTS = [1 / (rank + 1) for rank in range(len(NOUNS))]


def _noun(rng: random.Random) -> str:
    return rng.choices(NOUNS, _NOUN_WEIGHTS)[0]


def _text(rng: random.Random, sentences: int, party: str, system: str) -> str:
    return " ".join(
        rng.choice(SENTENCES).format(
            verb=rng.choice(VERBS),
            verb2=rng.choice(VERBS),
            adj=rng.choice(ADJECTIVES),
            noun=_noun(rng),
            noun2=_noun(rng),
            party=party,
            system=system,
        )
        for _ in range(sentences)
    )


def generate(records: int, *, seed: int = 1) -> Corpus:
    """Create about `records` published records: 55% disputes, 20% precedents,
    10% provisions, 5% evidence, 5% parties, 5% AI systems."""
    rng = random.Random(seed)
    corpus = Corpus(records)
    jurisdiction, _ = law.Jurisdiction.objects.get_or_create(
        slug="bench-land", defaults={"name": "Benchland", "is_uk": True}
    )
    courts = [
        law.Court.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "jurisdiction": jurisdiction,
                "publication_status": PUBLISHED,
            },
        )[0]
        for slug, name, _ in COURTS
    ]
    theories = [
        law.LegalTheory.objects.get_or_create(
            slug=f"bench-{s}",
            defaults={"name": s.replace("-", " ").title() + " (bench)"},
        )[0]
        for s in THEORIES
    ]
    n_party = max(2, records * 5 // 100)
    parties = cases.Party.objects.bulk_create(
        cases.Party(
            slug=f"bench-party-{i}",
            name=f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()} Ltd {i}",
            description=_text(rng, 2, "It", "its"),
            publication_status=PUBLISHED,
        )
        for i in range(n_party)
    )
    corpus.parties = [p.name for p in parties]
    systems = cases.AISystem.objects.bulk_create(
        cases.AISystem(
            slug=f"bench-system-{i}",
            name=f"Model{i}x",
            version=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            developer=rng.choice(parties),
            description=_text(rng, 2, "It", f"Model{i}x"),
            publication_status=PUBLISHED,
        )
        for i in range(max(2, records * 5 // 100))
    )
    corpus.systems = [s.name for s in systems]
    statute = law.Statute.objects.create(
        legislation_type="ukpga",
        year=2099,
        number=rng.randint(1000, 9999),
        short_title="Benchmark Rights Act 2099",
        chapter_or_si="2099 c. 1",
        publication_status=PUBLISHED,
    )
    provisions = law.Provision.objects.bulk_create(
        law.Provision(
            statute=statute,
            label=f"s. {i}",
            number=str(i),
            heading=f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)}",
            summary=_text(rng, 3, "A person", "a system"),
            legislation_uri=f"https://www.legislation.gov.uk/ukpga/2099/1/section/{i}",
            publication_status=PUBLISHED,
            position=i,
        )
        for i in range(1, records * 10 // 100 + 1)
    )
    law.Provision.legal_theories.through.objects.bulk_create(
        law.Provision.legal_theories.through(
            provision=p, legaltheory=rng.choice(theories)
        )
        for p in provisions
    )
    precedents = []
    used: set[str] = set()
    for i in range(records * 20 // 100):
        court_i = rng.randrange(len(courts))
        year = rng.randint(1950, 2025)
        neutral = None
        if COURTS[court_i][2] and year >= 2001:
            neutral = f"[{year}] {COURTS[court_i][2]} {i + 1}" + (
                " (Ch)" if COURTS[court_i][2] == "EWHC" else ""
            )
        report = f"[{year}] {rng.choice(REPORTS)} {i + 1}"
        for c in filter(None, [neutral, report]):
            used.add(c)
        a, b = rng.sample(parties, 2)
        precedents.append(
            law.Precedent(
                slug=f"bench-precedent-{i}",
                case_name=f"{a.name} v {b.name}",
                neutral_citation=neutral,
                law_report_citations=[report],
                court=courts[court_i],
                decision_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                judges="Bench J",
                holding=_text(rng, 4, a.name, rng.choice(systems).name),
                subject=rng.choice(NOUNS),
                publication_status=PUBLISHED,
            )
        )
    precedents = law.Precedent.objects.bulk_create(precedents)
    corpus.citations = sorted(used)
    law.Precedent.legal_theories.through.objects.bulk_create(
        law.Precedent.legal_theories.through(
            precedent=p, legaltheory=rng.choice(theories)
        )
        for p in precedents
    )
    disputes = []
    for i in range(records * 55 // 100):
        a, b = rng.sample(parties, 2)
        system = rng.choice(systems)
        year = rng.randint(2015, 2025)
        disputes.append(
            cases.Dispute(
                slug=f"bench-dispute-{i}",
                title=f"{a.name} v {b.name}",
                short_title=f"{a.name.split()[0]} v {b.name.split()[0]} {i}",
                summary=_text(rng, 5, a.name, system.name),
                status_text=_text(rng, 2, a.name, system.name),
                court=rng.choice(courts),
                case_number=f"BENCH-{year}-{i:06d}",
                stage=rng.choice(cases.Stage.values),
                outcome=rng.choice(cases.Outcome.values),
                filed_date=dt.date(year, rng.randint(1, 12), 1),
                filed_date_precision=DatePrecision.MONTH,
                publication_status=PUBLISHED,
            )
        )
    disputes = cases.Dispute.objects.bulk_create(disputes)
    cases.Dispute.jurisdictions.through.objects.bulk_create(
        cases.Dispute.jurisdictions.through(dispute=d, jurisdiction=jurisdiction)
        for d in disputes
    )
    roles, system_roles, claims = [], [], []
    for d in disputes:
        a, b = rng.sample(parties, 2)
        roles += [
            cases.DisputeParty(dispute=d, party=a, role="claimant"),
            cases.DisputeParty(dispute=d, party=b, role="defendant"),
        ]
        system_roles.append(
            cases.DisputeSystem(dispute=d, system=rng.choice(systems), role="accused")
        )
        claims.append(
            cases.Claim(
                dispute=d,
                theory=rng.choice(theories),
                description=_text(rng, 1, a.name, "the model"),
                publication_status=PUBLISHED,
            )
        )
    cases.DisputeParty.objects.bulk_create(roles)
    cases.DisputeSystem.objects.bulk_create(system_roles)
    cases.Claim.objects.bulk_create(claims)
    cases.Evidence.objects.bulk_create(
        cases.Evidence(
            dispute=rng.choice(disputes),
            kind=rng.choice(cases.EvidenceKind.values),
            title=f"Exhibit {i}",
            description=_text(rng, 2, "The claimant", rng.choice(systems).name),
            publication_status=PUBLISHED,
        )
        for i in range(records * 5 // 100)
    )
    return corpus
