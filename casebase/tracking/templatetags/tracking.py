"""Template tags that put feeds, follow and save-search controls, and parallel
disputes on other apps' pages, without those apps importing this one."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from casebase.cases.models import Dispute
from casebase.law.models import Precedent
from casebase.tracking import parallel
from casebase.tracking.forms import FrequencyForm, StreamForm
from casebase.tracking.models import Frequency, Subscription

register = template.Library()


def _following(user, **target) -> Subscription | None:
    if not (user and user.is_authenticated):
        return None
    return Subscription.objects.filter(user=user, **target).first()


@register.inclusion_tag("tracking/includes/follow.html", takes_context=True)
def follow_box(context, record):
    """A Follow button (or a sign-in link) and the record's Atom feed."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if isinstance(record, Dispute):
        action = reverse("tracking:follow-dispute", args=[record.slug])
        feed = reverse("tracking:feed-dispute-events", args=[record.slug])
        feed_label = "Events feed (Atom)"
        following = _following(user, dispute=record)
    else:
        action = reverse("tracking:follow-precedent", args=[record.slug])
        feed = reverse("tracking:feed-precedent-citations", args=[record.slug])
        feed_label = "New citations (Atom feed)"
        following = _following(user, precedent=record)
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "record": record,
        "public": getattr(record, "is_published", False),
        "action": action,
        "feed": feed,
        "feed_label": feed_label,
        "following": following,
        "frequencies": Frequency.choices,
        "form": FrequencyForm(),
    }


@register.simple_tag
def feed_url(record) -> str:
    """The Atom feed that belongs with a record's page (for <link rel=alternate>)."""
    if isinstance(record, Dispute):
        return reverse("tracking:feed-dispute-events", args=[record.slug])
    if isinstance(record, Precedent):
        return reverse("tracking:feed-precedent-citations", args=[record.slug])
    return reverse("tracking:feed-disputes")


@register.inclusion_tag("tracking/includes/parallel.html")
def parallel_disputes(dispute):
    """The same parties or AI system in other jurisdictions (see tracking/parallel.py)."""
    return {"dispute": dispute, "links": parallel.parallel_to(dispute)}


@register.inclusion_tag("tracking/includes/save_search.html", takes_context=True)
def save_search_box(context):
    """Save the current search (words, theory, jurisdiction) and its feed link."""
    request = context.get("request")
    form = StreamForm(request.GET if request else {})
    valid = form.is_valid()
    stream = form.to_stream() if valid else None
    has_terms = bool(stream and (stream.query or stream.theory or stream.jurisdiction))
    params = stream.params() if stream else {}
    query = urlencode(params)
    return {
        "request": request,
        "user": getattr(request, "user", None),
        "csrf_token": context.get("csrf_token"),
        "show": has_terms,
        "stream": stream,
        "q": params.get("q", ""),
        "theory": params.get("theory", ""),
        "jurisdiction": params.get("jurisdiction", ""),
        "feed": reverse("tracking:feed-disputes") + (f"?{query}" if query else ""),
        "frequencies": Frequency.choices,
    }
