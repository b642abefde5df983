"""Users with an editorial role, made as `create_casebase_user` makes them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct-horse-battery-staple"


def user_with_role(role: str | None, username: str | None = None):
    """A staff user in the role's group; `None` makes a reader (no role, no staff)."""
    from django.apps import apps

    from casebase.editorial.roles import apply_roles

    apply_roles(apps)
    user = get_user_model().objects.create_user(
        username=username or f"{role or 'reader'}-user",
        password=PASSWORD,
        is_staff=role is not None,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def publishable_dispute(**kwargs):
    """A dispute that passes every publication check, in review unless told."""
    from casebase.core.models import PublicationStatus
    from tests import factories as f

    kwargs.setdefault("publication_status", PublicationStatus.IN_REVIEW)
    dispute = f.DisputeFactory(**kwargs)
    f.DisputePartyFactory(dispute=dispute)
    f.ClaimFactory(dispute=dispute, publication_status=PublicationStatus.DRAFT)
    dispute.sources.add(f.SourceFactory())
    return dispute
