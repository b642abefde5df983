"""What a signed-in user keeps track of: a saved search, or a followed dispute or
precedent, each with its own alert frequency and the time its last alert covered."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from casebase.cases.models import Dispute
from casebase.law.models import Precedent


class Kind(models.TextChoices):
    """What a subscription tracks."""

    SEARCH = "search", "Saved search"
    DISPUTE = "dispute", "Followed dispute"
    PRECEDENT = "precedent", "Followed precedent"


class Frequency(models.TextChoices):
    """How often its alert may be sent."""

    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Subscription(models.Model):
    """One thing a user tracks. `covered_until` is the end of the period the last
    alert reported on: the next alert reports only what changed after it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        help_text="Who receives the alerts.",
    )
    kind = models.CharField(
        max_length=10, choices=Kind.choices, help_text="What is tracked."
    )
    query = models.CharField(
        max_length=500, blank=True, help_text="Saved search: the search words."
    )
    theory = models.SlugField(
        max_length=80, blank=True, help_text="Saved search: a legal theory's slug."
    )
    jurisdiction = models.SlugField(
        max_length=80, blank=True, help_text="Saved search: a jurisdiction's slug."
    )
    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
        help_text="Followed dispute.",
    )
    precedent = models.ForeignKey(
        Precedent,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
        help_text="Followed precedent.",
    )
    frequency = models.CharField(
        max_length=6,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
        help_text="How often an alert may be sent.",
    )
    created_at = models.DateTimeField(
        auto_now_add=True, help_text="When the user started tracking it."
    )
    covered_until = models.DateTimeField(
        help_text="Changes up to this time have been reported (or predate the "
        "subscription)."
    )
    last_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When an alert was last e-mailed."
    )

    class Meta:
        ordering = ["kind", "-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="search", dispute__isnull=True, precedent__isnull=True)
                    | Q(kind="dispute", dispute__isnull=False, precedent__isnull=True)
                    | Q(kind="precedent", dispute__isnull=True, precedent__isnull=False)
                ),
                name="subscription_kind_matches_target",
            ),
            models.UniqueConstraint(
                fields=["user", "dispute"],
                condition=Q(kind="dispute"),
                name="subscription_one_follow_per_dispute",
            ),
            models.UniqueConstraint(
                fields=["user", "precedent"],
                condition=Q(kind="precedent"),
                name="subscription_one_follow_per_precedent",
            ),
        ]
        indexes = [
            # send_alerts walks subscriptions user by user.
            models.Index(fields=["user", "kind"], name="subscription_user_kind_idx"),
        ]

    def __str__(self) -> str:
        if self.kind == Kind.SEARCH:
            return f"Search: {self.describe_search()}"
        record = self.target
        if record is None or not record.is_published:
            # Its title may be a draft's now: never shown outside the editors' views.
            return f"Following a {self.kind} that is no longer public"
        return f"Following {record}"

    def get_absolute_url(self) -> str:
        return reverse("tracking:alerts")

    def clean(self) -> None:
        if self.kind == Kind.SEARCH and not (
            self.query.strip() or self.theory or self.jurisdiction
        ):
            raise ValidationError(
                {"query": "Give search words, a legal theory or a jurisdiction."}
            )

    @property
    def target(self):
        """The followed dispute or precedent (None for a saved search)."""
        return self.dispute if self.kind == Kind.DISPUTE else self.precedent

    def feed_url(self) -> str:
        """The Atom feed carrying what this subscription alerts on."""
        if self.kind == Kind.DISPUTE:
            return reverse("tracking:feed-dispute-events", args=[self.dispute.slug])
        if self.kind == Kind.PRECEDENT:
            return reverse(
                "tracking:feed-precedent-citations", args=[self.precedent.slug]
            )
        params = {
            "q": self.query,
            "theory": self.theory,
            "jurisdiction": self.jurisdiction,
        }
        query = urlencode({k: v for k, v in params.items() if v})
        return f"{reverse('tracking:feed-disputes')}?{query}"

    def describe_search(self) -> str:
        parts = [f"“{self.query}”"] if self.query else []
        if self.theory:
            parts.append(f"theory: {self.theory}")
        if self.jurisdiction:
            parts.append(f"jurisdiction: {self.jurisdiction}")
        return ", ".join(parts) or "everything"
