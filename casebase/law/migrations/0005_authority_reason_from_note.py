"""Existing treatments get a reason from the words already recorded with them.

A treatment with no recorded words gets no invented reason: "reason" is added to its
unverified elements, so the citator marks it.
"""

from django.db import migrations

UNVERIFIED = "reason"


def reason_from_note(apps, schema_editor):
    Authority = apps.get_model("law", "Authority")
    for authority in Authority.objects.filter(reason=""):
        if authority.note.strip():
            authority.reason = authority.note.strip()
        elif UNVERIFIED not in authority.unverified_elements:
            authority.unverified_elements = [
                *authority.unverified_elements,
                UNVERIFIED,
            ]
        authority.save(update_fields=["reason", "unverified_elements"])


class Migration(migrations.Migration):
    dependencies = [("law", "0004_import_documents_treatment_reasons")]

    operations = [migrations.RunPython(reason_from_note, migrations.RunPython.noop)]
