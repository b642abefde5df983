"""The AI developers most often sued and suing: parties that develop a published AI
system, counted by their role in the selected disputes."""

from django.db.models import Count, QuerySet

from casebase.analytics.tables import Chart, Column, Figure
from casebase.cases.models import AISystem, Dispute, DisputeParty, Party, PartyRole

TOP = 15


def developers() -> QuerySet[Party]:
    return Party.objects.published().filter(
        pk__in=AISystem.objects.published()
        .filter(developer__isnull=False)
        .values("developer")
    )


def developers_figure(disputes: QuerySet[Dispute]) -> Figure:
    counts: dict[int, dict[str, int]] = {}
    for party, role, n in (
        DisputeParty.objects.filter(dispute__in=disputes, party__in=developers())
        .order_by()
        .values_list("party", "role")
        .annotate(n=Count("dispute", distinct=True))
    ):
        counts.setdefault(party, {})[role] = n
    names = dict(Party.objects.filter(pk__in=counts).values_list("pk", "name"))
    rows = [
        (
            names[party],
            *(roles.get(role, 0) for role in PartyRole.values),
            sum(roles.values()),
        )
        for party, roles in counts.items()
    ]
    # Most sued first, then most suing, then by name.
    rows.sort(key=lambda row: (-row[2], -row[1], row[0]))
    return Figure(
        key="developers",
        title="AI developers most often sued and suing",
        caption="Developers of AI systems by their role in the disputes (sued = "
        "defendant, suing = claimant)",
        columns=(
            Column("developer", "Developer", "label"),
            *(Column(role, label) for role, label in PartyRole.choices),
            Column("disputes", "All disputes"),
        ),
        rows=rows,
        chart=Chart(
            "grouped",
            (PartyRole.DEFENDANT, PartyRole.CLAIMANT),
            legend=("Sued (defendant)", "Suing (claimant)"),
        ),
        notes=(
            "A developer is a party recorded as the developer of a published AI "
            "system. The chart shows the first "
            f"{TOP}; the table and downloads list every developer in the disputes.",
        ),
    )
