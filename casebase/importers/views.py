"""The editors' upload page: a judgment, press summary or legislation file in.

LegalDocML files become draft precedents (or update held ones) and CLML files become
provisions; either way an editor reviews and publishes through the editorial
workflow. A malformed file is answered with a form error giving its line and
column, and nothing of it is stored.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from casebase.importers.forms import XMLUploadForm
from casebase.importers.judgments.akn import AKN
from casebase.importers.judgments.safexml import XMLImportError, parse_xml
from casebase.importers.judgments.store import import_judgment
from casebase.importers.legislation_xml import import_legislation

NEEDS = ("law.add_precedent", "law.change_precedent", "law.add_provision")


@staff_member_required
def upload(request):
    if not request.user.has_perms(NEEDS):
        raise PermissionDenied("You may not import judgments or legislation.")
    posted = request.method == "POST"
    form = XMLUploadForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        try:
            message, url = _import(form.data_bytes(), request.user)
        except XMLImportError as exc:
            form.add_error("file", f"Not imported (nothing stored): {exc}")
        else:
            messages.success(request, message)
            return redirect(url)
    context = {
        **admin.site.each_context(request),
        "title": "Import a judgment or legislation",
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "importers/upload.html", context, status=status)


def _import(data: bytes, user) -> tuple[str, str]:
    if parse_xml(data).namespace == AKN:
        result = import_judgment(data, user=user)
        url = reverse("admin:law_precedent_change", args=[result.precedent.pk])
        return result.line(), url
    result = import_legislation(data, user=user)
    return result.line(), reverse("admin:law_provision_changelist") + "?o=-6"
