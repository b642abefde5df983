"""Importing comparison data: parse an upload into a held batch (the preview), then
store it when the editor who uploaded it confirms. Nothing reaches the comparisons
before `confirm_import`."""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from casebase.cases.models import AISystem, ComparisonOutput, Evidence, OutputComparison
from casebase.core.models import PublicationStatus
from casebase.workbench import parsing
from casebase.workbench.models import ImportBatch, ImportStatus, PromptSet
from casebase.workbench.services import recompute_many

IMPORT_PERMISSIONS = ("cases.add_outputcomparison", "cases.add_comparisonoutput")


def can_import(user) -> bool:
    """Editors (and reviewers, admins) may import; their role grants these."""
    return bool(user and user.is_active and user.is_staff) and user.has_perms(
        IMPORT_PERMISSIONS
    )


def system_lookup() -> dict[str, int]:
    """Every AI system by slug and by case-folded name."""
    keys: dict[str, int] = {}
    for pk, slug, name in AISystem.objects.annotate(lname=Lower("name")).values_list(
        "pk", "slug", "lname"
    ):
        keys.setdefault(name.casefold(), pk)
        keys[slug.casefold()] = pk
    return keys


def _stored_pairs(evidence: Evidence) -> set[tuple[str, int]]:
    return set(
        ComparisonOutput.objects.filter(comparison__evidence=evidence).values_list(
            "comparison__prompt", "system_id"
        )
    )


def _drop_stored(rows: list[dict], stored: set, errors: list[dict]) -> list[dict]:
    kept = []
    for row in rows:
        if (row["prompt"], row["system_id"]) in stored:
            errors.append(
                {
                    "line": row["line"],
                    "field": "system",
                    "message": "This evidence already has an output from this "
                    "system for this prompt; edit it in the admin instead.",
                }
            )
        else:
            kept.append(row)
    return kept


def preview_import(
    *,
    user,
    evidence: Evidence,
    data: bytes,
    file_name: str,
    file_format: str,
    prompt_set_name: str = "",
    prompt_set_kind: str = "",
) -> ImportBatch:
    """Parse the upload and hold the result under a token; store nothing else."""
    if not can_import(user):
        raise PermissionDenied("Only editors may import comparison data.")
    keys = system_lookup()
    result = parsing.parse(data, file_format, lambda name: keys.get(name.casefold()))
    errors = list(result.errors)
    rows = _drop_stored(result.rows, _stored_pairs(evidence), errors)
    errors.sort(key=lambda e: e["line"])
    return ImportBatch.objects.create(
        uploaded_by=user,
        evidence=evidence,
        file_name=file_name[:255],
        file_format=file_format,
        sha256=hashlib.sha256(data).hexdigest(),
        prompt_set_name=prompt_set_name,
        prompt_set_kind=prompt_set_kind,
        rows=rows,
        errors=errors,
        total_rows=result.total,
    )


def pending_batch(*, user, token) -> ImportBatch:
    """The user's own batch awaiting confirmation (DoesNotExist otherwise)."""
    return ImportBatch.objects.select_related("evidence__dispute").get(
        token=token, uploaded_by=user, status=ImportStatus.PENDING
    )


def _comparisons_for(evidence: Evidence, rows: list[dict]) -> dict[str, int]:
    by_prompt = dict(
        OutputComparison.objects.filter(evidence=evidence).values_list("prompt", "pk")
    )
    kinds: dict[str, str] = {}
    for row in rows:
        kinds.setdefault(row["prompt"], row["prompt_kind"])
    new = [
        OutputComparison(
            evidence=evidence,
            prompt=prompt,
            prompt_kind=kind,
            publication_status=PublicationStatus.DRAFT,
        )
        for prompt, kind in kinds.items()
        if prompt not in by_prompt
    ]
    OutputComparison.objects.bulk_create(new, batch_size=1000)
    # bulk_create sets primary keys on PostgreSQL and SQLite 3.35+; re-read to be sure.
    return dict(
        OutputComparison.objects.filter(evidence=evidence).values_list("prompt", "pk")
    )


def _outputs(rows: list[dict], comparison_ids: dict[str, int]) -> list:
    return [
        ComparisonOutput(
            comparison_id=comparison_ids[row["prompt"]],
            system_id=row["system_id"],
            output=row["output"],
            captured_at=dt.datetime.fromisoformat(row["captured_at"])
            if row["captured_at"]
            else None,
            settings=row["settings"],
        )
        for row in rows
    ]


def _file_in_set(batch: ImportBatch, comparison_ids: set[int]) -> PromptSet | None:
    if not batch.prompt_set_name:
        return None
    prompt_set, _ = PromptSet.objects.get_or_create(
        evidence=batch.evidence,
        name=batch.prompt_set_name,
        defaults={"kind": batch.prompt_set_kind or "watermark"},
    )
    prompt_set.comparisons.add(*comparison_ids)
    return prompt_set


@transaction.atomic
def confirm_import(*, user, token) -> ImportBatch:
    """Store the held rows: new comparisons are drafts (a reviewer publishes them);
    the measures are computed; the prompts are filed in the named prompt set."""
    if not can_import(user):
        raise PermissionDenied("Only editors may import comparison data.")
    batch = (
        ImportBatch.objects.select_for_update()
        .select_related("evidence")
        .get(token=token, uploaded_by=user, status=ImportStatus.PENDING)
    )
    ids = {row["system_id"] for row in batch.rows}
    if AISystem.objects.filter(pk__in=ids).count() != len(ids):
        raise ValidationError(
            "A system in this file has been deleted since the "
            "preview; upload the file again."
        )
    clashes: list[dict] = []
    _drop_stored(batch.rows, _stored_pairs(batch.evidence), clashes)
    if clashes:
        raise ValidationError(
            f"{len(clashes)} row(s) clash with outputs stored since the preview "
            f"(first at line {clashes[0]['line']}); upload the file again."
        )
    comparison_ids = _comparisons_for(batch.evidence, batch.rows)
    ComparisonOutput.objects.bulk_create(
        _outputs(batch.rows, comparison_ids), batch_size=1000
    )
    touched = {comparison_ids[row["prompt"]] for row in batch.rows}
    recompute_many(touched)
    _file_in_set(batch, touched)
    batch.status = ImportStatus.CONFIRMED
    batch.rows = []  # stored now; keep the errors for the record
    batch.save(update_fields=["status", "rows"])
    return batch


def discard_import(*, user, token) -> None:
    """Drop a held batch without storing anything."""
    batch = pending_batch(user=user, token=token)
    batch.status = ImportStatus.DISCARDED
    batch.rows = []
    batch.save(update_fields=["status", "rows"])
