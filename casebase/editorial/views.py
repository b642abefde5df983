"""The editors' pages beside the admin: the desk, workflow steps, preview, history.

Every page needs a signed-in staff member with the record's view permission (an
anonymous visitor is sent to the sign-in page, anyone else gets 403); every change
goes through `editorial.services`, which checks the role again.
"""

from functools import partial, wraps

from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from casebase.core.locking import StaleVersionError, VersionedModel
from casebase.editorial import history, proposals, selectors, services
from casebase.editorial.admin import STEP_LABELS, editorial_links
from casebase.editorial.checks import publication_problems, publication_warnings
from casebase.editorial.forms import CompareForm, RestoreForm, StepForm
from casebase.editorial.locking import describe_conflict
from casebase.editorial.models import WorkflowAction
from casebase.editorial.preview import render_public_page
from casebase.editorial.registry import model_for_key


def staff_member_required(view):
    """Anonymous visitors are sent to sign in; signed-in non-staff users get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _context(request, **extra) -> dict:
    return {**admin.site.each_context(request), **extra}


def _record(request, key: str, pk: int):
    model = model_for_key(key)
    if model is None:
        raise Http404("No such kind of record.")
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        raise PermissionDenied
    return get_object_or_404(model, pk=pk)


def _admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@staff_member_required
def desk(request):
    return render(
        request,
        "editorial/desk.html",
        _context(
            request,
            title="Editorial desk",
            my_drafts=selectors.my_drafts(user=request.user),
            waiting=selectors.waiting_for_review(user=request.user),
            changes=selectors.changes_waiting(user=request.user),
            my_changes=selectors.my_changes(user=request.user),
            recent=selectors.recent_steps(user=request.user),
        ),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def step(request, key: str, pk: int, action: str):
    obj = _record(request, key, pk)
    if action not in services.TRANSITIONS:
        raise Http404("No such step.")
    form = StepForm(request.POST or None)
    if not form.is_valid() and request.method == "GET":
        form = StepForm(initial={"expected_version": proposals.lock_version(obj)})
    problems, stale = [], None
    if request.method == "POST" and form.is_valid():
        try:
            services.STEPS[action](
                obj=obj,
                user=request.user,
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except services.PublicationBlocked as error:
            problems = error.problems
        except services.TransitionError as error:
            form.add_error(None, str(error))
        except StaleVersionError as error:
            stale = describe_conflict(type(obj), obj.pk, error.expected)
        else:
            verb = services.TRANSITIONS[action].verb
            messages.success(request, f"“{obj}” {verb}.")
            return redirect(_admin_url(obj))
    elif action == WorkflowAction.PUBLISH:
        problems = publication_problems(obj)
    return render(
        request,
        "editorial/step.html",
        _context(
            request,
            title=f"{STEP_LABELS[action]}: {obj}",
            obj=obj,
            action=action,
            form=form,
            problems=problems,
            warnings=publication_warnings(obj) if action == "publish" else [],
            stale=stale,
            allowed=services.allowed(request.user, obj, action),
            admin_url=_admin_url(obj),
        ),
        status=400 if request.method == "POST" else 200,
    )


@staff_member_required
def preview(request, key: str, pk: int):
    obj = _record(request, key, pk)
    return render(
        request,
        "editorial/preview.html",
        _context(
            request,
            title=f"Preview: {obj}",
            obj=obj,
            problems=publication_problems(obj),
            warnings=publication_warnings(obj),
            links=editorial_links(request, obj),
            frame_url=reverse("editorial:preview-frame", args=[key, pk]),
            admin_url=_admin_url(obj),
        ),
    )


@staff_member_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def preview_frame(request, key: str, pk: int):
    obj = _record(request, key, pk)
    return render_public_page(request, obj)


@staff_member_required
def revisions(request, key: str, pk: int):
    obj = _record(request, key, pk)
    versions = list(history.versions_of(obj)[:200])
    return render(
        request,
        "editorial/revisions.html",
        _context(
            request,
            title=f"Revisions: {obj}",
            obj=obj,
            key=key,
            versions=versions,
            trail=selectors.audit_trail(obj=obj),
            can_restore=services.can_edit(request.user, obj),
            admin_url=_admin_url(obj),
        ),
    )


@staff_member_required
def compare(request, key: str, pk: int):
    obj = _record(request, key, pk)
    versions = {v.pk: v for v in history.versions_of(obj)[:200]}
    form = CompareForm(request.GET, version_ids=set(versions))
    comparison = None
    if form.is_valid():
        a = versions[form.cleaned_data["a"]]
        b = versions.get(form.cleaned_data["b"])
        before = history.revision_snapshot(a.revision, obj)
        after = (
            history.revision_snapshot(b.revision, obj)
            if b
            else history.live_snapshot(obj)
        )
        comparison = history.compare(before, after, history.root_key(obj))
    return render(
        request,
        "editorial/compare.html",
        _context(
            request,
            title=f"Compare revisions: {obj}",
            obj=obj,
            key=key,
            form=form,
            comparison=comparison,
            a=versions.get(form.cleaned_data.get("a")) if form.is_valid() else None,
            b=versions.get(form.cleaned_data.get("b")) if form.is_valid() else None,
        ),
        status=200 if form.is_valid() else 400,
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def restore(request, key: str, pk: int, version_id: int):
    obj = _record(request, key, pk)
    version = history.versions_of(obj).filter(pk=version_id).first()
    if version is None:
        raise Http404("No such revision of this record.")
    if not services.can_edit(request.user, obj):
        raise PermissionDenied
    form = RestoreForm(request.POST or None)
    if request.method == "GET":
        form = RestoreForm(initial={"expected_version": proposals.lock_version(obj)})
    stale, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            restore = partial(
                services.restore_revision,
                obj=obj,
                version=version,
                user=request.user,
                expected_version=form.cleaned_data["expected_version"],
                comment=form.cleaned_data["comment"],
            )
            if services.needs_review(request.user, obj):
                # A published record: the restore waits for a reviewer.
                change = proposals.propose(
                    obj=obj,
                    user=request.user,
                    apply=restore,
                    expected_version=form.cleaned_data["expected_version"],
                    comment=form.cleaned_data["comment"] or "Restore a revision.",
                )
                if change is None:
                    messages.info(request, "That revision is what is stored now.")
                    return redirect(reverse("editorial:revisions", args=[key, pk]))
                messages.success(
                    request, "The restore now waits for a reviewer to approve it."
                )
                return redirect(change.get_absolute_url())
            notes = restore()
        except StaleVersionError as error:
            stale = describe_conflict(type(obj), obj.pk, error.expected)
            status = 409
        except history.RestoreError as error:
            form.add_error(None, str(error))
            status = 400
        else:
            messages.success(request, f"Restored: “{obj}” is as it was then.")
            for note in notes:
                messages.warning(request, note)
            return redirect(reverse("editorial:revisions", args=[key, pk]))
    elif request.method == "POST":
        status = 400
    changes = history.compare(
        history.live_snapshot(obj),
        history.revision_snapshot(version.revision, obj),
        history.root_key(obj),
    )
    return render(
        request,
        "editorial/restore.html",
        _context(
            request,
            title=f"Restore a revision: {obj}",
            obj=obj,
            key=key,
            version=version,
            changes=changes,
            form=form,
            stale=stale,
            versioned=isinstance(obj, VersionedModel),
            needs_review=services.needs_review(request.user, obj),
        ),
        status=status,
    )
