"""Script and markup stored in every text field of every model is shown escaped, on
every page type: public pages, search, the editorial desk and the admin."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from casebase.search import indexing

PAYLOADS = [
    '"><img src=x onerror=alert(1)><script>alert(1)</script>',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b onmouseover=x>",
]
# None of these may reach a page unescaped.
RAW = ["<script>alert(1)", "<img src=x onerror", "<b onmouseover"]
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
# Derived or internal tables no page renders as stored text.
SKIPPED_APPS = {"search"}
# Parsed keys that URLs are built from; save() derives them from validated input and
# no form or API field writes them directly.
DERIVED_KEYS = {
    "law.Precedent.citation_path",
}


def _payload_for(field, pk) -> str | None:
    """The longest payload that fits, numbered so that unique fields stay unique."""
    for payload in PAYLOADS:
        numbered = f"{payload} {pk}"
        if field.max_length is None or len(numbered) <= field.max_length:
            return numbered
    return None


def _text_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not isinstance(f, models.SlugField)
        and not f.primary_key
    ]


def _accepted(obj, field, payload: str) -> bool:
    """Whether the model's own validation (field validators and clean()) would let
    an editor store `payload` in `field`: only such values can reach a page."""
    original = getattr(obj, field.attname)
    setattr(obj, field.attname, payload)
    try:
        others = [f.name for f in obj._meta.fields if f.name != field.name]
        obj.clean_fields(exclude=others)
        obj.clean()
    except ValidationError as error:
        return field.name not in getattr(error, "error_dict", {})
    except Exception:  # noqa: BLE001 - clean() tripping over the payload refuses it
        return False
    finally:
        setattr(obj, field.attname, original)
    return True


def _poison_everything() -> tuple[list[str], list[str]]:
    """Store a payload in every text field of every row of every casebase model that
    the field's own validation accepts; returns (stored, refused by validation)."""
    stored, refused = [], []
    for model in apps.get_models():
        if not model.__module__.startswith("casebase."):
            continue
        if model._meta.app_label in SKIPPED_APPS or model._meta.proxy:
            continue
        for obj in model._base_manager.all():
            values = {}
            for field in _text_fields(model):
                if f"{model._meta.label}.{field.name}" in DERIVED_KEYS:
                    continue
                payload = _payload_for(field, obj.pk)
                if payload is None or not _accepted(obj, field, payload):
                    refused.append(f"{model._meta.label}.{field.name}")
                    continue
                values[field.attname] = payload
            if values:
                model._base_manager.filter(pk=obj.pk).update(**values)
                stored += [f"{model._meta.label}.{name}" for name in values]
    return stored, refused


def _pages(graph) -> list[str]:
    urls = [
        "/",
        "/disputes",
        "/precedents",
        "/law",
        "/theories",
        "/courts",
        "/jurisdictions",
        "/parties",
        "/systems",
        "/search?q=alert",
        "/search?q=script",
        "/search/help",
    ]
    for model in apps.get_models():
        if hasattr(model, "get_absolute_url") and model.__module__.startswith(
            "casebase."
        ):
            for obj in model._base_manager.all()[:3]:
                try:
                    urls.append(obj.get_absolute_url())
                except Exception:  # noqa: BLE001 - a URL the payload broke is a finding
                    urls.append(f"<no url for {model._meta.label} {obj.pk}>")
    dispute = graph["dispute"].pk
    urls += [
        "/editorial/",
        f"/editorial/dispute/{dispute}/preview/page/",
        f"/editorial/dispute/{dispute}/revisions/",
        f"/admin/cases/dispute/{dispute}/change/",
        "/admin/cases/dispute/",
        "/admin/law/precedent/",
    ]
    return urls


def test_stored_markup_is_escaped_on_every_page(graph):
    """GIVEN script and markup payloads in every text field of every record WHEN
    every page type is rendered for the public and for an editor THEN no payload
    appears unescaped, no page fails, and the escaped payload is shown."""
    stored, _ = _poison_everything()
    assert "cases.Dispute.title" in stored and "law.Precedent.holding" in stored
    indexing.rebuild()
    staff = get_user_model().objects.create_superuser(
        "payload-admin", password="a-long-test-password-1"
    )
    public, editor = Client(), Client()
    editor.force_login(staff)
    problems, escaped_seen = [], 0
    for url in _pages(graph):
        if url.startswith("<"):
            problems.append(url)
            continue
        client = editor if url.startswith(("/editorial", "/admin")) else public
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
            continue
        body = response.content.decode(errors="replace")
        problems += [f"{url}: raw {raw!r}" for raw in RAW if raw in body]
        escaped_seen += ESCAPED in body
    assert not problems, "\n".join(problems)
    assert escaped_seen >= 10, "the payloads should have been shown, escaped"
