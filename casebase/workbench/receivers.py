"""Keeping the stored measures in step with the outputs they measure.

Outputs are edited in the admin, the API and the import, which the workbench does not
own; a save signal is the one hook all of them pass. The work itself is the service
function `recompute_measures`. Bulk writes send no signal: the import recomputes
explicitly.
"""

from django.db.models.signals import post_save, pre_save

from casebase.cases.models import ComparisonOutput


def _output_saving(sender, instance: ComparisonOutput, raw=False, **kwargs) -> None:
    """Remember which comparison a changed output belonged to: moving it to another
    comparison changes the measures of both."""
    if raw or instance.pk is None:
        return
    instance._workbench_previous_comparison_id = (
        ComparisonOutput.objects.filter(pk=instance.pk)
        .values_list("comparison_id", flat=True)
        .first()
    )


def _output_saved(sender, instance: ComparisonOutput, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the measures come with the data, or are rebuilt later.
        return
    from casebase.workbench.services import recompute_many

    previous = getattr(instance, "_workbench_previous_comparison_id", None)
    recompute_many(filter(None, [instance.comparison_id, previous]))


def connect() -> None:
    pre_save.connect(
        _output_saving,
        sender=ComparisonOutput,
        dispatch_uid="casebase.workbench.output_saving",
    )
    post_save.connect(
        _output_saved,
        sender=ComparisonOutput,
        dispatch_uid="casebase.workbench.output_saved",
    )
