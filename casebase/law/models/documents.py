"""Imported judgment documents: their numbered paragraphs and what each refers to.

A judgment or press summary imported from Find Case Law (LegalDocML) is kept as an
`ImportedDocument` of its precedent, identified by its source URI, with a content
hash so that importing the same file again changes nothing and a changed file
replaces the paragraphs. Paragraphs and references have no publication status of
their own: they are shown wherever their precedent is.
"""

from django.conf import settings
from django.db import models

from casebase.law.models.precedents import Precedent


class DocumentKind(models.TextChoices):
    JUDGMENT = "judgment", "Judgment"
    PRESS_SUMMARY = "press_summary", "Press summary"


class ImportedDocument(models.Model):
    """One LegalDocML file imported into a precedent."""

    precedent = models.ForeignKey(
        Precedent,
        on_delete=models.CASCADE,
        related_name="documents",
        help_text="The judgment the document is, or summarises.",
    )
    kind = models.CharField(
        max_length=16,
        choices=DocumentKind.choices,
        help_text="A judgment or a press summary.",
    )
    source_uri = models.URLField(
        max_length=500,
        unique=True,
        help_text="The document's Find Case Law URI (its FRBR expression).",
    )
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the imported file, to spot a re-import."
    )
    enriched = models.BooleanField(
        default=False,
        help_text="The file was enriched by TNA (its references are marked up).",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who imported it (empty for the command line).",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="First imported.")
    updated_at = models.DateTimeField(auto_now=True, help_text="Last imported.")

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.precedent.primary_citation}"

    def get_absolute_url(self) -> str:
        return self.precedent.get_absolute_url()


class JudgmentParagraph(models.Model):
    """A paragraph of an imported document, in order, with its anchor on the page."""

    document = models.ForeignKey(
        ImportedDocument,
        on_delete=models.CASCADE,
        related_name="paragraphs",
        help_text="The document it belongs to.",
    )
    position = models.PositiveIntegerField(help_text="Order within the document.")
    number = models.CharField(
        max_length=20,
        blank=True,
        help_text="Its number as printed (`12`); empty for unnumbered paragraphs.",
    )
    anchor = models.CharField(
        max_length=40, help_text="Its fragment on the precedent page: `para-12`."
    )
    heading = models.CharField(
        max_length=500, blank=True, help_text="The heading of the part it is in."
    )
    text = models.TextField(help_text="The paragraph's words, as imported.")

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="paragraph_unique_position"
            ),
            models.UniqueConstraint(
                fields=["document", "anchor"], name="paragraph_unique_anchor"
            ),
        ]

    def __str__(self) -> str:
        return f"[{self.number}]" if self.number else self.anchor

    def get_absolute_url(self) -> str:
        return f"{self.document.precedent.get_absolute_url()}#{self.anchor}"


class ReferenceKind(models.TextChoices):
    CASE = "case", "Case"
    LEGISLATION = "legislation", "Legislation"


class JudgmentReference(models.Model):
    """A case or a piece of legislation an imported document refers to."""

    document = models.ForeignKey(
        ImportedDocument,
        on_delete=models.CASCADE,
        related_name="references",
        help_text="The document that refers to it.",
    )
    paragraph = models.ForeignKey(
        JudgmentParagraph,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="references",
        help_text="The paragraph it is in (empty for the cover page).",
    )
    kind = models.CharField(
        max_length=12, choices=ReferenceKind.choices, help_text="Case or legislation."
    )
    text = models.CharField(max_length=500, help_text="The words as they stand.")
    canonical = models.CharField(
        max_length=255,
        blank=True,
        help_text="The citation in canonical form (`[2017] UKSC 5`, `1998 c. 42 s. 6`).",
    )
    uri = models.URLField(
        max_length=500,
        blank=True,
        help_text="Its Find Case Law or legislation.gov.uk address, where known.",
    )
    from_markup = models.BooleanField(
        default=False,
        help_text="Taken from the file's own <ref> markup, not found in the text.",
    )

    class Meta:
        ordering = ["document", "paragraph__position", "pk"]

    def __str__(self) -> str:
        return self.canonical or self.text
