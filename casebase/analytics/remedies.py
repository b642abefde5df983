"""Remedies in the selected disputes: how many of each kind were claimed, granted,
refused or agreed, and every amount a source states (never summed across currencies,
and never estimated where no amount is recorded)."""

from django.db.models import Count, QuerySet

from casebase.analytics.tables import Chart, Column, Figure
from casebase.cases.models import Dispute, Remedy, RemedyKind, RemedyStatus


def remedies_in(disputes: QuerySet[Dispute]) -> QuerySet[Remedy]:
    return Remedy.objects.published().filter(dispute__in=disputes)


def remedies_figure(disputes: QuerySet[Dispute]) -> Figure:
    counts = {
        (kind, status): n
        for kind, status, n in remedies_in(disputes)
        .order_by()
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
    }
    rows = []
    for kind, label in RemedyKind.choices:
        cells = [counts.get((kind, status), 0) for status in RemedyStatus.values]
        rows.append((label, *cells, sum(cells)))
    with_remedy = remedies_in(disputes).values("dispute").distinct().count()
    return Figure(
        key="remedies",
        title="Remedies: injunctions, damages and settlements",
        caption="Remedies by kind and by whether they were claimed, granted, refused "
        "or agreed",
        columns=(
            Column("kind", "Remedy", "label"),
            *(Column(status, label) for status, label in RemedyStatus.choices),
            Column("total", "All"),
        ),
        rows=rows,
        chart=Chart("stacked", tuple(RemedyStatus.values)),
        notes=(
            "Recorded only where a source states the remedy; each rests on the words "
            "quoted on the dispute's page.",
            f"Disputes with at least one remedy recorded: {with_remedy}.",
        ),
    )


def remedy_amounts_figure(disputes: QuerySet[Dispute]) -> Figure:
    rows = [
        (
            short_title or title,
            RemedyKind(kind).label,
            RemedyStatus(status).label,
            currency,
            amount,
            note,
            date,
        )
        for short_title, title, kind, status, currency, amount, note, date in (
            remedies_in(disputes)
            .filter(amount__isnull=False)
            .order_by("currency", "-amount", "pk")
            .values_list(
                "dispute__short_title",
                "dispute__title",
                "kind",
                "status",
                "currency",
                "amount",
                "amount_note",
                "date",
            )
        )
    ]
    return Figure(
        key="amounts",
        title="Amounts stated",
        caption="Every remedy with an amount in the sources, by currency, largest first",
        columns=(
            Column("dispute", "Dispute", "label"),
            Column("kind", "Remedy", "text"),
            Column("status", "Status", "text"),
            Column("currency", "Currency (ISO 4217)", "text"),
            Column("amount", "Amount", "amount"),
            Column("qualifier", "As stated", "text"),
            Column("date", "Date", "date"),
        ),
        rows=rows,
        chart=None,
        notes=(
            "Amounts are as reported (some approximate or per claimant: see “As "
            "stated”) and are not converted or added up across currencies, so this "
            "table has no chart.",
        ),
    )
