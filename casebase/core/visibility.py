"""The visibility rule carried across relations.

`PublishableQuerySet.published()` / `.visible_to()` decide which rows of one model the
public may see. A row that hangs off another (a claim off its dispute, a dispute role off
its party) is visible only when what it hangs off is visible too; these helpers apply the
same rule to those relations without repeating the publication filter, and let `law`
reach rows of `cases` through reverse relations without importing it.
"""

from django.db import models
from django.db.models import Prefetch

from casebase.core.models import can_see_unpublished


def related_model(model: type[models.Model], accessor: str) -> type[models.Model]:
    """The model at the other end of `accessor` (a field or a reverse relation)."""
    return model._meta.get_field(accessor).related_model


def visible(model: type[models.Model], user) -> models.QuerySet:
    """`model`'s rows that `user` may see (the one rule, via its manager)."""
    return model._default_manager.visible_to(user)


def through_visible(
    queryset: models.QuerySet, user, *relations: str
) -> models.QuerySet:
    """Keep the rows whose related records (forward foreign keys) are visible too."""
    if can_see_unpublished(user):
        return queryset
    for relation in relations:
        target = related_model(queryset.model, relation)
        queryset = queryset.filter(**{f"{relation}__in": visible(target, user)})
    return queryset


def visible_via(
    model: type[models.Model], accessor: str, user, *relations: str
) -> models.QuerySet:
    """The visible rows of the model behind `model.<accessor>`, with their `relations`
    visible too: e.g. `visible_via(Provision, "claims", user, "dispute")`."""
    target = related_model(model, accessor)
    return through_visible(visible(target, user), user, *relations)


def prefetch_visible(lookup: str, model: type[models.Model], user) -> Prefetch:
    """Prefetch a forward key through the rule: a hidden target comes back as None."""
    return Prefetch(lookup, queryset=visible(model, user))
