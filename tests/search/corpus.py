"""A small made-up corpus for the search tests (fictional names; citations shaped like
real ones so that citation lookup can be tested)."""

import datetime as dt

from casebase.cases import models as cases
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus
from tests import factories as f


def build_corpus() -> dict:
    copyright_ = f.LegalTheoryFactory(slug="copyright", name="Copyright")
    patent = f.LegalTheoryFactory(slug="patent", name="Patent")
    supreme = f.CourtFactory(slug="test-supreme", name="Test Supreme Court")
    high = f.CourtFactory(slug="test-high", name="Test High Court")
    alpha = f.PrecedentFactory(
        case_name="Alpha Robotics Ltd v Comptroller",
        neutral_citation="[2023] UKSC 49",
        law_report_citations=["[2024] Bus LR 47"],
        court=supreme,
        decision_date=dt.date(2023, 12, 20),
        holding="A machine cannot be named as the inventor of a patent.",
    )
    alpha.legal_theories.set([patent])
    beta = f.PrecedentFactory(
        case_name="Beta Foods Ltd v Clark",
        neutral_citation=None,
        law_report_citations=["[1969] RPC 41", "[1968] FSR 415"],
        court=high,
        decision_date=dt.date(1968, 7, 1),
        holding="Three elements of breach of confidence: quality of confidence, "
        "an obligation of confidence, and unauthorised use.",
    )
    gamma = f.PrecedentFactory(
        case_name="Gamma Software Inc v Delta Programming Ltd",
        neutral_citation="Case C-406/10, ECLI:EU:C:2012:259",
        court=high,
        decision_date=dt.date(2012, 5, 2),
        holding="The functionality of a computer program is not protected by copyright.",
    )
    gamma.legal_theories.set([copyright_])
    pixel = f.DisputeFactory(
        title="Pixel Archive Ltd v Stable Models Inc",
        short_title="Pixel Archive v Stable Models",
        summary="Images were copied to train a diffusion model; the training data "
        "was scraped without a licence. <script>alert(1)</script>",
        court=high,
        stage=cases.Stage.FILED,
        filed_date=dt.date(2023, 2, 3),
    )
    f.DisputePartyFactory(dispute=pixel, party=f.PartyFactory(name="Pixel Archive Ltd"))
    f.DisputePartyFactory(
        dispute=pixel,
        party=f.PartyFactory(name="Stable Models Inc"),
        role=cases.PartyRole.DEFENDANT,
    )
    f.DisputeSystemFactory(dispute=pixel, system=f.AISystemFactory(name="DiffuseNet"))
    f.ClaimFactory(dispute=pixel, theory=copyright_, description="Copying of images")
    quill = f.DisputeFactory(
        title="Quill Authors Guild v Large Language Co",
        short_title="Quill Authors v Large Language",
        summary="Authors allege their novels were used as training data for a "
        "language model about robotics.",
        court=high,
        stage=cases.Stage.SETTLED,
        outcome=cases.Outcome.SETTLED,
        filed_date=dt.date(2021, 6, 1),
        filed_date_precision=DatePrecision.MONTH,
    )
    f.ClaimFactory(dispute=quill, theory=copyright_, description="Copying of novels")
    provision = f.ProvisionFactory(
        heading="Infringement by copying",
        summary="Copying a work is an infringement of copyright.",
    )
    provision.legal_theories.set([copyright_])
    draft = f.DisputeFactory(
        title="Secret Draft Ltd v Hidden Co",
        summary="zebraword appears only in a draft.",
        publication_status=PublicationStatus.DRAFT,
    )
    f.EvidenceFactory(
        dispute=pixel,
        description="sealedword exhibit",
        confidentiality=cases.Confidentiality.SEALED,
    )
    f.EvidenceFactory(
        dispute=pixel,
        description="confidentialword details",
        public_description="publicsummaryword outline",
        confidentiality=cases.Confidentiality.REDACTED,
    )
    f.EvidenceFactory(dispute=draft, description="draftevidenceword exhibit")
    return {
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "pixel": pixel,
        "quill": quill,
        "provision": provision,
        "draft": draft,
    }
