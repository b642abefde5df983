"""The three roles, as Django groups, and the permissions each carries.

- **editor** creates and edits drafts: view, add and change every record; delete the
  rows that belong to one dispute or judgment (a party's role, a claim, an exhibit,
  a remedy); add and change the workbench's prompt sets;
  submit for review. Jurisdictions and legal theories are the shared vocabulary: an
  editor may only read them.
- **reviewer** is an editor who may also approve, publish and withdraw
  (`editorial.review_records`).
- **admin** may do everything to records, including deleting them, and manages users.

The groups are made by a data migration and brought up to date after every
`migrate` (post_migrate), so a permission added here reaches them. Syncing only adds:
a permission an administrator grants by hand is kept.
"""

from django.db.models.signals import post_migrate

EDITOR, REVIEWER, ADMIN = "editor", "reviewer", "admin"
ROLES = (EDITOR, REVIEWER, ADMIN)

REVIEW_PERMISSION = "editorial.review_records"

# app label -> models whose records editors write.
CONTENT_MODELS = {
    "core": ["source"],
    "law": ["court", "statute", "provision", "precedent", "authority"],
    "cases": [
        "party",
        "aisystem",
        "dispute",
        "disputeparty",
        "disputesystem",
        "disputeprecedent",
        "claim",
        "evidence",
        "outputcomparison",
        "comparisonoutput",
        "event",
        "remedy",
    ],
    "workbench": ["promptset"],
}
VOCABULARY_MODELS = {"law": ["jurisdiction", "legaltheory"]}
# Rows owned by one dispute or judgment: removing one is an edit of that record.
OWNED_ROWS = {
    "disputeparty",
    "disputesystem",
    "disputeprecedent",
    "claim",
    "evidence",
    "outputcomparison",
    "comparisonoutput",
    "event",
    "remedy",
    "authority",
}


def _codenames() -> dict[str, set[tuple[str, str]]]:
    """Each role's permissions as (app label, codename) pairs."""
    editor: set[tuple[str, str]] = set()
    admin: set[tuple[str, str]] = set()
    for app, models in CONTENT_MODELS.items():
        for model in models:
            for action in ("view", "add", "change"):
                editor.add((app, f"{action}_{model}"))
            if model in OWNED_ROWS:
                editor.add((app, f"delete_{model}"))
            admin.add((app, f"delete_{model}"))
    for app, models in VOCABULARY_MODELS.items():
        for model in models:
            editor.add((app, f"view_{model}"))
            admin.update((app, f"{a}_{model}") for a in ("add", "change", "delete"))
    editor.add(("editorial", "view_auditentry"))
    reviewer = editor | {("editorial", "review_records")}
    admin |= reviewer
    admin.update(
        ("auth", f"{action}_{model}")
        for model in ("user", "group")
        for action in ("view", "add", "change", "delete")
    )
    admin.add(("admin", "view_logentry"))
    admin.update(
        ("axes", f"{action}_{model}")
        for model in ("accessattempt", "accessfailurelog", "accesslog")
        for action in ("view", "delete")
    )
    return {EDITOR: editor, REVIEWER: reviewer, ADMIN: admin}


def apply_roles(apps) -> None:
    """Create the groups and add any permission they lack (`apps`: the live registry
    or a migration's historical one)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, pairs in _codenames().items():
        group, _ = Group.objects.get_or_create(name=role)
        labels = {app for app, _ in pairs}
        available = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(
                content_type__app_label__in=labels
            ).select_related("content_type")
        }
        wanted = [available[pair] for pair in sorted(pairs) if pair in available]
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [p for p in wanted if p.pk not in have]
        if missing:
            group.permissions.add(*missing)


def _sync_after_migrate(sender, apps=None, **kwargs) -> None:
    from django.apps import apps as live_apps

    apply_roles(apps or live_apps)


def connect() -> None:
    # Once per migrate run: after the editorial app's own post_migrate, by which time
    # every app's permissions exist.
    from django.apps import apps

    post_migrate.connect(
        _sync_after_migrate,
        sender=apps.get_app_config("editorial"),
        dispatch_uid="casebase.editorial.roles",
    )
