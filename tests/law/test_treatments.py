"""Editors set treatments with a required reason and pinpoint paragraph, recorded
with who set them; the citator shows them grouped by treatment, with a link to the
paragraph when the later judgment's text is held."""

import pytest
from django.urls import reverse

from casebase.law.models import (
    Authority,
    Treatment,
)
from tests import factories as f
from tests.html import content

ADD = "admin:law_authority_add"


def _post(client, **values):
    citing, cited = values.pop("citing"), values.pop("cited")
    data = {
        "citing": citing.pk,
        "cited": cited.pk,
        "treatment": Treatment.APPLIED,
        "publication_status": "draft",
        **values,
    }
    return client.post(reverse(ADD), data)


def _errors(response) -> dict:
    return response.context["adminform"].form.errors


def test_reason_and_pinpoint_are_required(admin_client):
    """A treatment without reason or paragraph is refused on those fields."""
    citing, cited = f.PrecedentFactory.create_batch(2)
    response = _post(admin_client, citing=citing, cited=cited, reason="", pinpoint="")
    assert response.status_code == 200
    errors = _errors(response)
    assert "reason" in errors and "pinpoint" in errors
    assert not Authority.objects.exists()


@pytest.mark.parametrize("pinpoint", ["twelve", "[14]-[12]", "12, 14"])
def test_malformed_pinpoint_is_a_field_error(admin_client, pinpoint):
    """A pinpoint that names no paragraph (or runs backwards) is refused."""
    citing, cited = f.PrecedentFactory.create_batch(2)
    response = _post(
        admin_client,
        citing=citing,
        cited=cited,
        reason="Test data: a test reason.",
        pinpoint=pinpoint,
    )
    assert "pinpoint" in _errors(response)


def test_treatment_records_reason_pinpoint_and_editor(admin_client):
    """A stored treatment keeps its reason, the pinpoint in canonical form and the
    editor who set it."""
    citing, cited = f.PrecedentFactory.create_batch(2)
    response = _post(
        admin_client,
        citing=citing,
        cited=cited,
        reason="Test data:   a  test reason.",
        pinpoint="para 12 to 14",
    )
    assert response.status_code == 302
    authority = Authority.objects.get()
    assert authority.reason == "Test data: a test reason."
    assert authority.pinpoint == "[12]-[14]"
    assert authority.created_by.username == "admin"


def test_pinpoint_must_exist_in_imported_text(admin_client):
    """Where the later judgment's text is imported, a paragraph it lacks is refused."""
    citing, cited = f.PrecedentFactory.create_batch(2)
    f.judgment_paragraphs(citing, 1, 2, 3)
    response = _post(
        admin_client,
        citing=citing,
        cited=cited,
        reason="Test data: a test reason.",
        pinpoint="[9]",
    )
    assert "has no paragraph [9]" in str(_errors(response)["pinpoint"])


def test_untouched_row_without_pinpoint_does_not_block_other_edits(admin_client):
    """An old treatment with no pinpoint does not stop an edit of its judgment."""
    from tests.admin_helpers import changeform_data

    authority = f.AuthorityFactory(reason="", pinpoint="")
    url = reverse("admin:law_precedent_change", args=[authority.citing.pk])
    data = changeform_data(admin_client.get(url))
    data["judges"] = "Test Judge J"
    assert admin_client.post(url, data).status_code == 302


def test_citator_shows_reason_and_links_the_held_paragraph(client, db):
    """On the cited judgment's page the treatment shows its reason and links to the
    paragraph of the later judgment."""
    authority = f.AuthorityFactory(
        treatment=Treatment.DISTINGUISHED,
        reason="Test data: the facts differed.",
        pinpoint="[2]",
    )
    f.judgment_paragraphs(authority.citing, 1, 2)
    html = content(client.get(authority.cited.get_absolute_url()))
    assert "Test data: the facts differed." in html
    assert f'href="{authority.citing.get_absolute_url()}#para-2"' in html


def test_citator_shows_unheld_pinpoint_without_a_link(client, db):
    """Without the later judgment's text the pinpoint is shown, not linked; without
    a pinpoint the row says the paragraph is not recorded."""
    with_pin = f.AuthorityFactory(reason="Test data: a reason.", pinpoint="[7]")
    without = f.AuthorityFactory(cited=with_pin.cited, reason="Test data: another.")
    html = content(client.get(with_pin.cited.get_absolute_url()))
    assert "at [7]" in html and "#para-7" not in html
    assert "Paragraph not recorded" in html
    assert without.reason in html


def test_reference_treatments_keep_their_recorded_words(reference_db, db):
    """Reference treatments take their reason from the curation's words; none is
    invented and none is marked unverified for lack of one."""
    for authority in Authority.objects.all():
        assert authority.reason == authority.note.strip()
        assert "reason" not in authority.unverified_elements
    assert Authority.objects.filter(reason="").count() == 0
