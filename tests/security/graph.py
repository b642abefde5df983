"""A small published graph touching every public page type (fictional test data)."""

from tests import factories as f


def build_graph() -> dict:
    """One of each public record, linked together, all published (test data)."""
    dispute = f.DisputeFactory()
    party = f.DisputePartyFactory(dispute=dispute).party
    system = f.DisputeSystemFactory(dispute=dispute).system
    claim = f.ClaimFactory(dispute=dispute)
    evidence = f.EvidenceFactory(dispute=dispute)
    comparison = f.OutputComparisonFactory(evidence=evidence)
    f.ComparisonOutputFactory(comparison=comparison)
    f.EventFactory(dispute=dispute)
    precedent = f.DisputePrecedentFactory(dispute=dispute).precedent
    f.AuthorityFactory(citing=precedent)
    provision = f.ProvisionFactory()
    claim.provisions.add(provision)
    source = f.SourceFactory()
    dispute.sources.add(source)
    return {
        "dispute": dispute,
        "party": party,
        "system": system,
        "claim": claim,
        "evidence": evidence,
        "precedent": precedent,
        "provision": provision,
        "source": source,
        "theory": claim.theory,
        "court": dispute.court,
        "jurisdiction": dispute.court.jurisdiction,
        "statute": provision.statute,
    }
