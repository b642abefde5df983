"""The law: jurisdictions, courts, legal theories, statutes, provisions, precedents."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from casebase.core.dates import DatePrecision, format_partial_date
from casebase.core.models import PublishableModel, Source


class Jurisdiction(models.Model):
    """A legal system a dispute belongs to (England and Wales, United States, ...)."""

    slug = models.SlugField(max_length=80, unique=True, help_text="URL name.")
    name = models.CharField(max_length=120, unique=True, help_text="Display name.")
    is_uk = models.BooleanField(
        default=False, help_text="Part of the United Kingdom's legal systems."
    )

    class Meta:
        ordering = ["-is_uk", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("law:jurisdiction-detail", args=[self.slug])


class LegalTheory(models.Model):
    """A head of claim: copyright, database right, trade secret, patent, ..."""

    slug = models.SlugField(max_length=80, unique=True, help_text="URL name.")
    name = models.CharField(max_length=120, unique=True, help_text="Display name.")
    description = models.TextField(
        blank=True, help_text="What the theory covers, in a sentence or two."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in lists and charts."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "legal theories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("law:theory-detail", args=[self.slug])


class Court(PublishableModel):
    slug = models.SlugField(max_length=120, unique=True, help_text="URL name.")
    name = models.CharField(max_length=255, unique=True, help_text="The court's name.")
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="courts",
        help_text="The legal system the court belongs to.",
    )
    tna_code = models.CharField(
        max_length=40,
        blank=True,
        help_text="The National Archives' court code (UKSC, EWCA-Civil, ...), for UK courts.",
    )

    class Meta:
        ordering = ["jurisdiction__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tna_code"],
                condition=~Q(tna_code=""),
                name="court_unique_tna_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("law:court-detail", args=[self.slug])


class LegislationType(models.TextChoices):
    UKPGA = "ukpga", "UK Public General Act"
    UKSI = "uksi", "UK Statutory Instrument"
    ASP = "asp", "Act of the Scottish Parliament"
    SSI = "ssi", "Scottish Statutory Instrument"
    NIA = "nia", "Act of the Northern Ireland Assembly"
    NISR = "nisr", "Northern Ireland Statutory Rule"
    ASC = "asc", "Act of Senedd Cymru"
    WSI = "wsi", "Wales Statutory Instrument"


class Statute(PublishableModel):
    """An Act or statutory instrument, identified as legislation.gov.uk identifies it."""

    legislation_type = models.CharField(
        max_length=8,
        choices=LegislationType.choices,
        help_text="legislation.gov.uk type code (ukpga, uksi, ...).",
    )
    year = models.PositiveSmallIntegerField(help_text="Year of enactment or making.")
    number = models.PositiveIntegerField(help_text="Chapter or SI number.")
    short_title = models.CharField(max_length=255, help_text="Short title.")
    chapter_or_si = models.CharField(
        max_length=40,
        help_text="Chapter or SI number as cited: `1988 c. 48`, `SI 1997/3032`.",
    )

    class Meta:
        ordering = ["short_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["legislation_type", "year", "number"],
                name="statute_unique_identity",
            )
        ]

    def __str__(self) -> str:
        return self.short_title

    @property
    def legislation_path(self) -> str:
        return f"{self.legislation_type}/{self.year}/{self.number}"

    @property
    def legislation_gov_uk_url(self) -> str:
        return f"https://www.legislation.gov.uk/{self.legislation_path}/contents"

    @property
    def unit_name(self) -> str:
        """What the statute's parts are called in legislation.gov.uk URIs."""
        return (
            "section"
            if self.legislation_type in {"ukpga", "asp", "nia", "asc"}
            else ("regulation")
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "law:statute-detail", args=[self.legislation_type, self.year, self.number]
        )


class Provision(PublishableModel):
    """A section or regulation (or a subsection of one) that claims and precedents rely on."""

    statute = models.ForeignKey(
        Statute,
        on_delete=models.PROTECT,
        related_name="provisions",
        help_text="The Act or SI.",
    )
    label = models.CharField(
        max_length=120,
        help_text="The provision as cited: `s. 16`, `s. 1(2)(c)`, `reg. 12`.",
    )
    unit = models.CharField(
        max_length=12,
        default="section",
        help_text="`section` or `regulation`, as in the legislation.gov.uk URI.",
    )
    number = models.CharField(
        max_length=20,
        help_text="The section or regulation number in the URI: `16`, `3A`, `50BA`.",
    )
    heading = models.CharField(
        max_length=255, blank=True, help_text="Statutory heading."
    )
    summary = models.TextField(
        blank=True, help_text="A paraphrase of what it provides."
    )
    legal_theories = models.ManyToManyField(
        LegalTheory,
        blank=True,
        related_name="provisions",
        help_text="The theories of claim it belongs to.",
    )
    relevance = models.CharField(
        max_length=255,
        blank=True,
        help_text="The area of law and why it matters for AI disputes, as recorded.",
    )
    legislation_uri = models.URLField(
        max_length=300, help_text="Its page on legislation.gov.uk."
    )
    notes = models.TextField(blank=True, help_text="Editorial notes.")
    source_type = models.CharField(
        max_length=200,
        blank=True,
        help_text="What kind of source the text was checked in.",
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="provisions", help_text="Where it was checked."
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order within the statute."
    )

    class Meta:
        ordering = ["statute__short_title", "position", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["statute", "label"], name="provision_unique_label"
            )
        ]
        indexes = [
            # Provision pages are looked up by their legislation.gov.uk-shaped path.
            models.Index(
                fields=["statute", "unit", "number"], name="provision_path_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statute.short_title}, {self.label}"

    @property
    def anchor(self) -> str:
        return "p-" + "".join(
            c if c.isalnum() else "-" for c in self.label.lower()
        ).strip("-")

    def get_absolute_url(self) -> str:
        s = self.statute
        url = reverse(
            "law:provision-detail",
            args=[s.legislation_type, s.year, s.number, self.unit, self.number],
        )
        return url


class Treatment(models.TextChoices):
    FOLLOWED = "followed", "Followed"
    APPLIED = "applied", "Applied"
    AFFIRMED = "affirmed", "Affirmed"
    CONSIDERED = "considered", "Considered"
    DISTINGUISHED = "distinguished", "Distinguished"
    DOUBTED = "doubted", "Doubted"
    DEPARTED_FROM = "departed_from", "Departed from"
    OVERRULED = "overruled", "Overruled"
    REVERSED = "reversed", "Reversed"


NEGATIVE_TREATMENTS = {Treatment.OVERRULED, Treatment.REVERSED, Treatment.DEPARTED_FROM}
CAUTION_TREATMENTS = {Treatment.DOUBTED, Treatment.DISTINGUISHED}


class PrecedentStatus(models.TextChoices):
    GOOD_LAW = "good_law", "Good law"
    CAUTION = "caution", "Caution"
    NEGATIVE = "negative", "Negative treatment"
    APPEAL_PENDING = "appeal_pending", "Appeal pending"


class Precedent(PublishableModel):
    """A judgment: neutral citation, reports, court, date, judges, holding, later history."""

    slug = models.SlugField(max_length=200, unique=True, help_text="URL name.")
    case_name = models.CharField(max_length=500, help_text="The case name as reported.")
    neutral_citation = models.CharField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text="`[2023] UKSC 49`, or an EU case number and ECLI. Empty for judgments "
        "older than neutral citations.",
    )
    citation_path = models.CharField(
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The citation-shaped URL path (`uksc/2023/49`), derived from the "
        "neutral citation.",
    )
    law_report_citations = models.JSONField(
        default=list, blank=True, help_text="Law-report citations: `[2024] Bus LR 47`."
    )
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="precedents",
        help_text="The court that gave the judgment.",
    )
    court_detail = models.CharField(
        max_length=500,
        blank=True,
        help_text="The court and bench as recorded (division, judges, case number).",
    )
    decision_date = models.DateField(help_text="Date of the judgment.")
    decision_date_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Anything more about the date (hearing dates).",
    )
    judges = models.CharField(max_length=500, blank=True, help_text="The judges.")
    legal_theories = models.ManyToManyField(
        LegalTheory,
        blank=True,
        related_name="precedents",
        help_text="Theories it decides.",
    )
    subject = models.CharField(
        max_length=255, blank=True, help_text="The area of law, as recorded."
    )
    holding = models.TextField(help_text="What it decided (a paraphrase).")
    later_history = models.TextField(
        blank=True, help_text="Appeals and later treatment, as recorded."
    )
    notes = models.TextField(blank=True, help_text="Editorial notes.")
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="precedents",
        help_text="Provisions the judgment construes or applies.",
    )
    appeal_pending = models.BooleanField(
        default=False, help_text="An appeal from this judgment is pending."
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="precedents", help_text="Where it was checked."
    )

    class Meta:
        ordering = ["-decision_date", "case_name"]
        indexes = [
            models.Index(fields=["decision_date"], name="precedent_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_name} {self.primary_citation}".strip()

    @property
    def primary_citation(self) -> str:
        if self.neutral_citation:
            return self.neutral_citation
        return self.law_report_citations[0] if self.law_report_citations else ""

    @property
    def all_citations(self) -> list[str]:
        return ([self.neutral_citation] if self.neutral_citation else []) + list(
            self.law_report_citations
        )

    @property
    def decision_date_display(self) -> str:
        return format_partial_date(self.decision_date, DatePrecision.DAY)

    def save(self, *args, **kwargs):
        from casebase.citations.neutral import citation_path

        self.citation_path = citation_path(self.neutral_citation or "") or None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.citation_path:
            return reverse("law:precedent-by-citation", args=[self.citation_path])
        return reverse("law:precedent-detail", args=[self.slug])

    def status_with_reason(self) -> tuple[str, "Authority | None"]:
        """The citator flag and the later judgment that causes it.

        Uses `citing_authorities` (prefetch it for lists) and follows the worst treatment.
        """
        later = [a for a in self.citing_authorities.all() if a.citing.is_published]
        for a in later:
            if a.treatment in NEGATIVE_TREATMENTS:
                return PrecedentStatus.NEGATIVE, a
        if self.appeal_pending:
            return PrecedentStatus.APPEAL_PENDING, None
        for a in later:
            if a.treatment in CAUTION_TREATMENTS:
                return PrecedentStatus.CAUTION, a
        return PrecedentStatus.GOOD_LAW, None

    @property
    def status(self) -> str:
        return self.status_with_reason()[0]


class Authority(PublishableModel):
    """One judgment's treatment of another: `citing` applied / reversed / ... `cited`."""

    citing = models.ForeignKey(
        Precedent,
        on_delete=models.CASCADE,
        related_name="authorities_cited",
        help_text="The later judgment.",
    )
    cited = models.ForeignKey(
        Precedent,
        on_delete=models.CASCADE,
        related_name="citing_authorities",
        help_text="The earlier judgment it treats.",
    )
    treatment = models.CharField(
        max_length=16,
        choices=Treatment.choices,
        help_text="How the later judgment treats it.",
    )
    note = models.TextField(blank=True, help_text="The words recording the treatment.")
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="authorities",
        help_text="Where it was checked.",
    )

    class Meta:
        verbose_name_plural = "authorities"
        ordering = ["-citing__decision_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["citing", "cited", "treatment"], name="authority_unique"
            ),
            models.CheckConstraint(
                condition=~Q(citing=models.F("cited")), name="authority_not_self"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.citing.primary_citation} {self.get_treatment_display().lower()} "
            f"{self.cited.primary_citation}"
        )
