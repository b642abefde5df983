"""Pages: sign in, the user's alerts, saving and following, unsubscribe, parallels."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from casebase.cases.models import Dispute
from casebase.law.models import Precedent
from casebase.pagecache.decorators import public_page
from casebase.tracking import parallel, services
from casebase.tracking.forms import FrequencyForm, SaveSearchForm
from casebase.tracking.models import Subscription
from casebase.tracking.tokens import read_token


class SignInView(auth_views.LoginView):
    """Sign in for any account (readers too). Accounts are made by administrators."""

    template_name = "tracking/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires), back to the home page."""

    next_page = "home"


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
def alerts(request):
    subscriptions = (
        Subscription.objects.filter(user=request.user)
        .select_related("dispute", "precedent")
        .order_by("kind", "-created_at", "pk")
    )
    return render(
        request,
        "tracking/alerts.html",
        {"subscriptions": subscriptions, "form": SaveSearchForm()},
    )


@login_required
@require_POST
def save_search(request):
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        subscriptions = Subscription.objects.filter(user=request.user)
        return render(
            request,
            "tracking/alerts.html",
            {"subscriptions": subscriptions, "form": form},
            status=400,
        )
    services.save_search(
        user=request.user,
        stream=form.to_stream(),
        frequency=form.cleaned_data["frequency"],
    )
    messages.success(request, "Search saved: you will be e-mailed what is new.")
    return _back(request, reverse("tracking:alerts"))


def _follow(request, **target):
    form = FrequencyForm(request.POST)
    if not form.is_valid():
        fields = {name: list(errors) for name, errors in form.errors.items()}
        return JsonResponse(
            {"error": "Invalid follow request.", "fields": fields}, status=400
        )
    services.follow(
        user=request.user, frequency=form.cleaned_data["frequency"], **target
    )
    record = next(iter(target.values()))
    messages.success(request, f"You are following {record}.")
    return _back(request, record.get_absolute_url())


@login_required
@require_POST
def follow_dispute(request, slug):
    dispute = get_object_or_404(Dispute.objects.published(), slug=slug)
    return _follow(request, dispute=dispute)


@login_required
@require_POST
def follow_precedent(request, slug):
    precedent = get_object_or_404(Precedent.objects.published(), slug=slug)
    return _follow(request, precedent=precedent)


@login_required
@require_POST
def delete(request, pk):
    if services.delete_subscription(user=request.user, subscription_id=pk):
        messages.success(request, "Alert deleted.")
    return _back(request, reverse("tracking:alerts"))


@csrf_exempt  # the signed token is the credential; mail clients POST one-click
def unsubscribe(request, token):
    """GET: what the link would stop, with a button. POST: stop it (RFC 8058)."""
    target = read_token(token)
    if target is None:
        return render(
            request, "tracking/unsubscribe.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        removed = services.unsubscribe(target=target)
        return render(
            request, "tracking/unsubscribe.html", {"done": True, "removed": removed}
        )
    if request.method != "GET":
        return render(
            request, "tracking/unsubscribe.html", {"invalid": True}, status=405
        )
    subscriptions = Subscription.objects.filter(user_id=target.user_id)
    if target.subscription_id is not None:
        subscriptions = subscriptions.filter(pk=target.subscription_id)
    return render(
        request,
        "tracking/unsubscribe.html",
        {"subscriptions": list(subscriptions), "target": target},
    )


@public_page
def parallel_disputes(request):
    by_parties, by_system = parallel.parallel_groups()
    return render(
        request,
        "tracking/parallel.html",
        {"by_parties": by_parties, "by_system": by_system},
    )
