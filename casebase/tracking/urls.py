from django.urls import path, re_path

from casebase.pagecache.decorators import public_page
from casebase.tracking import feeds, views

app_name = "tracking"

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    re_path(
        r"^feeds/disputes/?$", public_page(feeds.DisputeFeed()), name="feed-disputes"
    ),
    re_path(
        rf"^feeds/disputes/{SLUG}/events/?$",
        public_page(feeds.DisputeEventsFeed()),
        name="feed-dispute-events",
    ),
    re_path(
        rf"^feeds/precedents/{SLUG}/cited-by/?$",
        public_page(feeds.PrecedentCitationsFeed()),
        name="feed-precedent-citations",
    ),
    re_path(r"^parallel/?$", views.parallel_disputes, name="parallel"),
    path("account/sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("account/sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/searches/", views.save_search, name="save-search"),
    re_path(
        rf"^alerts/follow/dispute/{SLUG}/$",
        views.follow_dispute,
        name="follow-dispute",
    ),
    re_path(
        rf"^alerts/follow/precedent/{SLUG}/$",
        views.follow_precedent,
        name="follow-precedent",
    ),
    re_path(r"^alerts/(?P<pk>\d{1,18})/delete/$", views.delete, name="delete"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
