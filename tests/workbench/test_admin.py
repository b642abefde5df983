"""The workbench's admin pages load; measures and uploads cannot be edited there."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["promptset", "pairmeasure", "importbatch"])
def test_changelists_load(admin_client, demo, model):
    """Each list page answers 200 with the demo data in it."""
    response = admin_client.get(reverse(f"admin:workbench_{model}_changelist"))
    assert response.status_code == 200


def test_prompt_set_change_page_loads(admin_client, demo):
    """A prompt set opens for editing."""
    url = reverse("admin:workbench_promptset_change", args=[demo.prompt_set.pk])
    assert admin_client.get(url).status_code == 200


def test_measures_cannot_be_added_by_hand(admin_client, demo):
    """Measures are computed, never typed in."""
    assert (
        admin_client.get(reverse("admin:workbench_pairmeasure_add")).status_code == 403
    )
