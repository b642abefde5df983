"""Keeping the stored measures in step with the outputs they measure.

Outputs are edited in the admin, the API and the import, which the workbench does not
own; a save signal is the one hook all of them pass. The work itself is the service
function `recompute_measures`. Bulk writes send no signal: the import recomputes
explicitly.
"""

from django.db.models.signals import post_save

from casebase.cases.models import ComparisonOutput


def _output_saved(sender, instance: ComparisonOutput, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the measures come with the data, or are rebuilt later.
        return
    from casebase.workbench.services import recompute_measures

    recompute_measures(comparison_id=instance.comparison_id)


def connect() -> None:
    post_save.connect(
        _output_saved,
        sender=ComparisonOutput,
        dispatch_uid="casebase.workbench.output_saved",
    )
