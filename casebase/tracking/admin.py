"""Administrators can see and remove users' alerts (accounts are made in the admin)."""

from django.contrib import admin

from casebase.tracking.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Users' saved searches and follows, for support and clean-up."""

    list_display = [
        "__str__",
        "user",
        "kind",
        "frequency",
        "covered_until",
        "last_sent_at",
    ]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__username", "user__email", "query"]
    raw_id_fields = ["user", "dispute", "precedent"]
    readonly_fields = ["created_at", "last_sent_at"]
