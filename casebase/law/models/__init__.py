"""The law: jurisdictions, courts, legal theories, statutes, provisions, precedents."""

from casebase.law.models.documents import (  # noqa: F401
    DocumentKind,
    ImportedDocument,
    JudgmentParagraph,
    JudgmentReference,
    ReferenceKind,
)
from casebase.law.models.forums import (  # noqa: F401
    Court,
    Jurisdiction,
    LegalTheory,
)
from casebase.law.models.legislation import (  # noqa: F401
    LegislationType,
    Provision,
    Statute,
)
from casebase.law.models.precedents import (  # noqa: F401
    CAUTION_TREATMENTS,
    NEGATIVE_TREATMENTS,
    Authority,
    CitatorFlag,
    Precedent,
    PrecedentStatus,
    Treatment,
)
