"""The editors' admin as a whole: access, every page loading, shared fields and actions."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.cases.models import ComparisonOutput, OutputComparison
from casebase.core.forms_fields import LinesField
from casebase.core.models import PublicationStatus, Source
from tests import factories as f

CASEBASE_APPS = ("core", "law", "cases")


def _output_comparison():
    evidence = f.EvidenceFactory()
    comparison = OutputComparison.objects.create(evidence=evidence, prompt="Say hello")
    for system in (f.AISystemFactory(), f.AISystemFactory()):
        ComparisonOutput.objects.create(
            comparison=comparison, system=system, output="Hello"
        )
    return comparison


MAKERS = {
    "core.source": f.SourceFactory,
    "law.jurisdiction": f.JurisdictionFactory,
    "law.legaltheory": f.LegalTheoryFactory,
    "law.court": f.CourtFactory,
    "law.statute": lambda: f.ProvisionFactory().statute,
    "law.provision": f.ProvisionFactory,
    "law.precedent": lambda: f.AuthorityFactory().cited,
    "law.authority": f.AuthorityFactory,
    "law.importeddocument": lambda: __import__(
        "casebase.law.models", fromlist=["ImportedDocument"]
    ).ImportedDocument.objects.create(
        precedent=f.PrecedentFactory(),
        kind="judgment",
        source_uri=f"https://example.test/test-judgment/{__import__('uuid').uuid4()}",
        content_hash="0" * 64,
    ),
    "cases.party": f.PartyFactory,
    "cases.aisystem": f.AISystemFactory,
    "cases.dispute": lambda: _full_dispute(),
    "cases.claim": f.ClaimFactory,
    "cases.evidence": lambda: _output_comparison().evidence,
    "cases.outputcomparison": _output_comparison,
    "cases.event": f.EventFactory,
}


def _full_dispute():
    dispute = f.DisputeFactory()
    f.DisputePartyFactory(dispute=dispute)
    f.DisputeSystemFactory(dispute=dispute)
    claim = f.ClaimFactory(dispute=dispute)
    claim.provisions.add(f.ProvisionFactory())
    f.EvidenceFactory(dispute=dispute).claims.add(claim)
    f.EventFactory(dispute=dispute)
    dispute.precedent_links.create(precedent=f.PrecedentFactory())
    dispute.sources.add(f.SourceFactory())
    return dispute


REGISTERED = sorted(
    model._meta.label_lower
    for model in admin.site._registry
    if model._meta.app_label in CASEBASE_APPS
)


def _url(label: str, view: str, *args) -> str:
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def test_every_model_is_registered_or_an_inline():
    """GIVEN the casebase models WHEN the admin loads THEN each can be edited somewhere."""
    inline_models = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        model._meta.label
        for app_label in CASEBASE_APPS
        for model in apps.get_app_config(app_label).get_models()
        if model not in admin.site._registry and model not in inline_models
    ]
    assert missing == []


def test_every_registered_model_has_a_maker_in_these_tests():
    """The page tests below cover every registered casebase model."""
    assert set(REGISTERED) == set(MAKERS)


@pytest.mark.parametrize("label", REGISTERED)
def test_changelist_loads(admin_client, label):
    """GIVEN a record WHEN a superuser opens the model's list THEN it renders."""
    MAKERS[label]()
    response = admin_client.get(_url(label, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("label", REGISTERED)
def test_changelist_queries_do_not_grow_with_rows(admin_client, label):
    """GIVEN one record and then four WHEN the list is shown THEN the same number of
    queries runs: every column's related rows are joined or prefetched."""
    url = _url(label, "changelist")
    MAKERS[label]()
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    for _ in range(3):
        MAKERS[label]()
    with CaptureQueriesContext(connection) as four:
        response = admin_client.get(url)
    assert response.context["cl"].result_count >= 4
    assert len(four) == len(one), [q["sql"] for q in four.captured_queries]


@pytest.mark.parametrize("label", REGISTERED)
def test_add_page_loads(admin_client, label):
    """The empty form (with its inlines) renders for a superuser."""
    response = admin_client.get(_url(label, "add"))
    assert response.status_code == 200


@pytest.mark.parametrize("label", REGISTERED)
def test_change_page_loads(admin_client, label):
    """GIVEN a record with its related rows WHEN it is opened THEN the form renders."""
    obj = MAKERS[label]()
    response = admin_client.get(_url(label, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize("label", REGISTERED)
def test_history_and_delete_pages_load(admin_client, label):
    """The history and the delete confirmation (which lists related rows) render."""
    obj = MAKERS[label]()
    assert admin_client.get(_url(label, "history", obj.pk)).status_code == 200
    assert admin_client.get(_url(label, "delete", obj.pk)).status_code == 200


@pytest.mark.parametrize("label", REGISTERED)
def test_changelist_search_does_not_fail(admin_client, label):
    """Searching (and so autocomplete) works on every model with search fields."""
    MAKERS[label]()
    response = admin_client.get(_url(label, "changelist"), {"q": "Test 1"})
    assert response.status_code == 200


def test_site_is_titled_for_editors(admin_client):
    """The admin says whose it is."""
    response = admin_client.get(reverse("admin:index"))
    assert b"casebase editors" in response.content
    assert response.context["site_header"] == "casebase editors"


def test_anonymous_user_is_sent_to_login(client, db):
    """GIVEN nobody signed in WHEN the dispute list is asked for THEN the login page."""
    url = reverse("admin:cases_dispute_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_non_staff_user_cannot_get_in(client, reader):
    """GIVEN a signed-in user who is not staff THEN the admin turns them away."""
    client.force_login(reader)
    for url in (reverse("admin:index"), reverse("admin:cases_dispute_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_non_staff_user_cannot_sign_in_to_the_admin(client, reader):
    """The admin's login form refuses a user without staff status."""
    response = client.post(
        reverse("admin:login"),
        {"username": "reader", "password": "test-pass-123"},
    )
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


# ---------------------------------------------------------------- the list-of-lines field


def test_lines_field_shows_a_list_one_item_per_line():
    """A stored list is edited as lines."""
    field = LinesField()
    assert field.prepare_value(["date of filing", "the claimant's name"]) == (
        "date of filing\nthe claimant's name"
    )


def test_lines_field_turns_lines_into_a_list():
    """Blank lines and surrounding spaces go; Windows line ends are fine."""
    field = LinesField(required=False)
    assert field.clean("  first \r\n\r\nsecond\n  \n") == ["first", "second"]
    assert field.clean("") == []


def test_lines_field_round_trips():
    """What it shows is what it saves."""
    field = LinesField()
    value = ["[2024] Bus LR 47", "[2024] RPC 3"]
    assert field.clean(field.prepare_value(value)) == value
    assert not field.has_changed(value, field.prepare_value(value))
    assert field.has_changed(value, "[2024] Bus LR 47")


def test_lines_field_refuses_duplicates_and_overlong_lines():
    """Each item is checked, and the error says which one."""
    field = LinesField(max_item_length=10)
    with pytest.raises(ValidationError, match="entered more than once"):
        field.clean("alpha\nalpha")
    with pytest.raises(ValidationError, match="longer than 10 characters"):
        field.clean("far too long a line")


def test_lines_field_is_required_unless_the_model_field_is_blank():
    """An empty list is refused only when an element is required."""
    with pytest.raises(ValidationError, match="required"):
        LinesField().clean("\n \n")


# ---------------------------------------------------------------- sources through the admin


def _source_data(source: Source, **overrides) -> dict:
    data = {
        "reference": source.reference,
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date.isoformat() if source.date else "",
        "date_precision": source.date_precision,
        "kind": source.kind,
        "note": source.note,
        "publication_status": source.publication_status,
        "unverified_elements": "\n".join(source.unverified_elements),
    }
    if source.verified:
        data["verified"] = "on"
    data.update(overrides)
    return data


def test_unverified_elements_are_saved_as_a_list(admin_client):
    """GIVEN lines typed into the box WHEN saved THEN the record holds a JSON list."""
    source = f.SourceFactory(unverified_elements=["old"])
    url = reverse("admin:core_source_change", args=[source.pk])
    page = admin_client.get(url)
    assert page.context["adminform"].form["unverified_elements"].value() == "old"
    response = admin_client.post(
        url, _source_data(source, unverified_elements="the date\n\nthe publisher\n")
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.unverified_elements == ["the date", "the publisher"]


def test_source_date_needs_a_precision(admin_client):
    """GIVEN a date without its precision THEN the form says so on the precision."""
    source = f.SourceFactory()
    url = reverse("admin:core_source_change", args=[source.pk])
    response = admin_client.post(
        url, _source_data(source, date="2024-02-01", date_precision="")
    )
    assert response.status_code == 200
    assert "date_precision" in response.context["adminform"].form.errors
    source.refresh_from_db()
    assert source.date is None


# ---------------------------------------------------------------- publication actions


def _run_action(client, action: str, objects) -> object:
    return client.post(
        reverse("admin:core_source_changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )


def test_publish_action_publishes_what_is_in_review_and_reports_the_rest(
    admin_client,
):
    """GIVEN a source in review and one still a draft WHEN both are published THEN the
    one in review is, and the editor is told why the draft was not."""
    waiting = f.SourceFactory(publication_status=PublicationStatus.IN_REVIEW)
    draft = f.SourceFactory(publication_status=PublicationStatus.DRAFT)
    response = _run_action(admin_client, "publish_selected", [waiting, draft])
    waiting.refresh_from_db()
    draft.refresh_from_db()
    assert waiting.publication_status == PublicationStatus.PUBLISHED
    assert draft.publication_status == PublicationStatus.DRAFT
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts[0] == "1 source published."
    assert "it cannot be published" in texts[1]


def test_return_to_draft_action(admin_client):
    """GIVEN a withdrawn source WHEN returned to draft THEN it is a draft again."""
    source = f.SourceFactory(publication_status=PublicationStatus.WITHDRAWN)
    response = _run_action(admin_client, "return_selected_to_draft", [source])
    source.refresh_from_db()
    assert source.publication_status == PublicationStatus.DRAFT
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["1 source returned to draft."]


def test_submit_action_records_an_audit_entry(admin_client):
    """Each step taken from the list is logged with who took it and the statuses."""
    from casebase.editorial.models import AuditEntry

    source = f.SourceFactory(publication_status=PublicationStatus.DRAFT)
    _run_action(admin_client, "submit_selected", [source])
    entry = AuditEntry.objects.get(object_id=source.pk)
    assert (entry.username, entry.from_status, entry.to_status) == (
        "admin",
        PublicationStatus.DRAFT,
        PublicationStatus.IN_REVIEW,
    )


def test_staff_who_may_only_view_cannot_publish(client, editor):
    """The actions need the change permission: viewing sources is not enough."""
    editor.user_permissions.add(Permission.objects.get(codename="view_source"))
    source = f.SourceFactory(publication_status=PublicationStatus.DRAFT)
    client.force_login(editor)
    listing = client.get(reverse("admin:core_source_changelist"))
    assert listing.status_code == 200
    # No action at all is offered: publishing needs change, deleting needs delete.
    assert listing.context["action_form"] is None
    _run_action(client, "publish_selected", [source])
    source.refresh_from_db()
    assert source.publication_status == PublicationStatus.DRAFT
