"""Workbench pages: comparisons side by side, prompt sets, the import, exhibits.

Reading pages follow the visibility rule in `selectors`; the import is for editors
only (anonymous visitors are sent to sign in, anyone else without the role gets 403).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casebase.cases import selectors as case_selectors
from casebase.workbench import imports, selectors
from casebase.workbench.forms import ImportForm
from casebase.workbench.models import ImportBatch, PairMeasure
from casebase.workbench.presenting import MEASURE_HELP, NORMALISATION, PREVIEW_ROWS

INDEX_LIMIT = 100


def editors_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not imports.can_import(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def index(request):
    user = request.user
    prompt_sets = selectors.prompt_set_queryset(user=user)
    comparisons = selectors.comparison_queryset(user=user).order_by("-pk")
    return render(
        request,
        "workbench/index.html",
        {
            "prompt_sets": prompt_sets,
            "comparisons": comparisons[:INDEX_LIMIT],
            "more": comparisons.count() > INDEX_LIMIT,
            "can_import": imports.can_import(user),
        },
    )


def comparison_detail(request, pk):
    comparison = get_object_or_404(
        selectors.comparison_queryset(user=request.user), pk=pk
    )
    outputs = list(comparison.outputs.all())
    return render(
        request,
        "workbench/comparison.html",
        {
            "comparison": comparison,
            "columns": selectors.side_by_side(outputs),
            "pairs": comparison.pair_measures.all(),
            "measure_help": MEASURE_HELP,
            "normalisation": NORMALISATION,
        },
    )


def pair_detail(request, pk, pair_pk):
    try:
        comparison, pair, left, right = selectors.pair_detail(
            user=request.user, comparison_pk=int(pk), pair_pk=int(pair_pk)
        )
    except (ObjectDoesNotExist, PairMeasure.DoesNotExist) as error:
        raise Http404("No such pair.") from error
    return render(
        request,
        "workbench/pair.html",
        {
            "comparison": comparison,
            "pair": pair,
            "left": left,
            "right": right,
            "measure_help": MEASURE_HELP,
        },
    )


def prompt_set_detail(request, pk):
    prompt_set = get_object_or_404(
        selectors.prompt_set_queryset(user=request.user), pk=pk
    )
    return render(
        request,
        "workbench/prompt_set.html",
        {"prompt_set": prompt_set, "summaries": selectors.summarise(prompt_set)},
    )


@editors_only
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = imports.preview_import(
            user=request.user,
            evidence=data["evidence"],
            data=data["file"].read(),
            file_name=data["file"].name,
            file_format=data["file_format"],
            prompt_set_name=data["prompt_set_name"].strip(),
            prompt_set_kind=data["prompt_set_kind"],
        )
        return redirect("workbench:import-preview", token=batch.token)
    status = 400 if request.method == "POST" else 200
    return render(request, "workbench/import.html", {"form": form}, status=status)


@editors_only
@require_http_methods(["GET", "POST"])
def import_preview(request, token):
    try:
        batch = imports.pending_batch(user=request.user, token=token)
    except ImportBatch.DoesNotExist as error:
        raise Http404("No upload awaiting confirmation under this key.") from error
    problem = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "discard":
            imports.discard_import(user=request.user, token=token)
            messages.info(request, "The upload was discarded; nothing was stored.")
            return redirect("workbench:import")
        if action == "confirm":
            try:
                imports.confirm_import(user=request.user, token=token)
            except ValidationError as error:
                problem = " ".join(error.messages)
            else:
                messages.success(
                    request, f"Stored {len(batch.rows)} outputs as drafts."
                )
                return redirect("workbench:index")
        else:
            problem = "action: choose confirm or discard."
    return render(
        request,
        "workbench/import_preview.html",
        {
            "batch": batch,
            "preview_rows": batch.rows[:PREVIEW_ROWS],
            "problem": problem,
        },
        status=400 if problem else 200,
    )


def exhibits(request, slug):
    dispute = get_object_or_404(
        case_selectors.dispute_detail_queryset(user=request.user), slug=slug
    )
    comparisons = selectors.comparisons_by_evidence(user=request.user, dispute=dispute)
    items = [(item, comparisons.get(item.pk, [])) for item in dispute.evidence.all()]
    return render(
        request,
        "workbench/exhibits.html",
        {"dispute": dispute, "items": items},
    )
