"""The page of one proposed change: its field-by-field diff, and the decision.

A reviewer approves (the change is applied as one new revision) or rejects it with
a comment; the editor who proposed it may cancel it. Anyone with the record's view
permission on the staff side may read it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from casebase.editorial import proposals, services
from casebase.editorial.forms import DecisionForm
from casebase.editorial.models import ChangeStatus, ProposedChange
from casebase.editorial.registry import key_for
from casebase.editorial.views import _admin_url, _context, staff_member_required


def _decide(form: DecisionForm, change: ProposedChange, user) -> str:
    decision = form.cleaned_data["decision"]
    comment = form.cleaned_data["comment"]
    if decision == "approve":
        proposals.approve(change=change, user=user, comment=comment)
        return "Approved: the change is live."
    if decision == "reject":
        proposals.reject(change=change, user=user, comment=comment)
        return "Rejected: the editor will see your comment."
    proposals.cancel(change=change, user=user)
    return "Your change was cancelled."


@staff_member_required
@require_http_methods(["GET", "POST"])
def change(request, pk: int):
    change = get_object_or_404(
        ProposedChange.objects.select_related("content_type"), pk=pk
    )
    model = change.content_type.model_class()
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        raise PermissionDenied
    obj = model._default_manager.filter(pk=change.object_id).first()
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                text = _decide(form, change, request.user)
            except proposals.ChangeRefused as error:
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                for message in error.message_dict.get("comment", error.messages):
                    form.add_error("comment", message)
                status = 400
            else:
                messages.success(request, text)
                return redirect(change.get_absolute_url())
        else:
            status = 400
    pending = change.status == ChangeStatus.PENDING
    moved = obj is not None and pending and not proposals.drift(change, obj).empty
    return render(
        request,
        "editorial/change.html",
        _context(
            request,
            title=f"Proposed change: {change.object_repr}",
            change=change,
            obj=obj,
            key=key_for(model),
            kind=str(opts.verbose_name),
            comparison=proposals.diff(change),
            moved=moved,
            pending=pending,
            can_decide=pending
            and obj is not None
            and services.can_review(request.user),
            can_cancel=pending and change.proposed_by_id == request.user.pk,
            form=form,
            admin_url=_admin_url(obj) if obj is not None else "",
        ),
        status=status,
    )
