"""Disputes and what they are made of: parties, AI systems, claims, evidence, events,
remedies."""

from casebase.cases.models.claims import (  # noqa: F401
    Claim,
    ClaimNature,
    ClaimResult,
)
from casebase.cases.models.disputes import (  # noqa: F401
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    Outcome,
    PartyRole,
    PrecedentRelation,
    Stage,
    SystemRole,
)
from casebase.cases.models.events import (  # noqa: F401
    Event,
    EventKind,
)
from casebase.cases.models.evidence import (  # noqa: F401
    Assessment,
    ComparisonOutput,
    Confidentiality,
    Evidence,
    EvidenceKind,
    EvidenceQuerySet,
    OutputComparison,
    PromptKind,
    ReliedOnBy,
)
from casebase.cases.models.parties import (  # noqa: F401
    AISystem,
    Party,
    PartyKind,
    Weights,
)
from casebase.cases.models.remedies import (  # noqa: F401
    Remedy,
    RemedyKind,
    RemedyStatus,
)
