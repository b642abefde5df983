"""casebase settings, read from the environment (see the README's Configuration table)."""

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from casebase.environment import caches, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


VAR_DIR = Path(os.environ.get("CASEBASE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see README, Configuration)."
        )
    # Development only: generate once and keep it, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "reversion",
    "axes",
    "casebase.core",
    "casebase.law",
    "casebase.cases",
    # Its template tags link citations (`{% load citations %}`); it has no models.
    "casebase.citations",
    # After cases and law: its admin extends theirs with the editorial workflow.
    "casebase.editorial",
    "casebase.importers",
    "casebase.search",
    "casebase.analytics",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "casebase.api",
    # export_casebase / import_casebase (no models).
    "casebase.backup",
    "casebase.workbench",
    # Feeds, saved searches and alerts, parallel disputes (casebase/tracking).
    "casebase.tracking",
    # After search: its commit-time bump must follow the index update.
    "casebase.pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below security and CSP (their headers are added to cached pages too), above
    # sessions and CSRF (a cached page never reads them).
    "casebase.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casebase.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "casebase.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'casebase.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# PostgreSQL: the API's compiled read queries run as prepared statements
# (casebase/api/compiled.py); off for a pooler that cannot keep them.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve from the app folders too, so tests and a fresh checkout need no collectstatic.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

# Search: the embedded Whoosh index by default; several app servers sharing one
# database use SEARCH_BACKEND_POSTGRES (PostgreSQL full-text search).
SEARCH_BACKEND_WHOOSH = "casebase.search.backends.whoosh.WhooshBackend"
SEARCH_BACKEND_POSTGRES = "casebase.search.backends.postgres.PostgresBackend"
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", SEARCH_BACKEND_WHOOSH)
SEARCH_INDEX_PATH = Path(os.environ.get("SEARCH_INDEX_PATH", VAR_DIR / "search-index"))
SEARCH_REBUILD_MEMORY_MB = env_int("SEARCH_REBUILD_MEMORY_MB", 2048, 16, "megabytes")
# PostgreSQL backend: a word in at least this many entries gets a bitmap, which
# counts its searches and their facets exactly without reading the matches.
SEARCH_PG_DENSE_MIN_DOCS = env_int("SEARCH_PG_DENSE_MIN_DOCS", 1000, 1, "entries")


def _throttle_rate(name: str, default: str) -> str | None:
    """A DRF rate (`120/minute`), or None for `off` (no limit, and no counter
    written to the cache on each request: what the benchmarks use)."""
    value = os.environ.get(name, default).strip()
    if value.lower() == "off":
        return None
    if not re.fullmatch(r"\d+/[smhd][a-z]*", value):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 120/minute, or off; got {value!r}."
        )
    return value


REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # The API (casebase/api, /api/v1/): tokens for scripts, sessions with CSRF for
    # the browser; a token comes first so an anonymous write is told 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Renderers, parsers, error handling and throttles are set on the API's base
    # views (casebase/api/views/base.py); the rates live here, where DRF reads them.
    "DEFAULT_THROTTLE_RATES": {
        "anon": _throttle_rate("API_THROTTLE_ANON", "120/minute"),
        "user": _throttle_rate("API_THROTTLE_USER", "600/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "casebase API",
    "DESCRIPTION": "AI intellectual-property disputes linked to UK law. Reading is "
    "open and shows published records only; writing needs an editor's token.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "casebase.core.dates.DatePrecision",
        "PartyKindEnum": "casebase.cases.models.PartyKind",
        "SourceKindEnum": "casebase.core.models.SourceKind",
        "EventKindEnum": "casebase.cases.models.EventKind",
        "EvidenceKindEnum": "casebase.cases.models.EvidenceKind",
        "PromptKindEnum": "casebase.cases.models.PromptKind",
        "PartyRoleEnum": "casebase.cases.models.PartyRole",
        "SystemRoleEnum": "casebase.cases.models.SystemRole",
        "RecordTypeEnum": "casebase.search.query.DocType",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "casebase.api.schema.add_error_responses",
        "casebase.api.schema.close_request_bodies",
    ],
}


CACHES = caches(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", ""), VAR_DIR)
# How long a public API response may be reused (casebase/api/cache.py); 0: never.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300)
# How long an anonymous reader's page may be reused (casebase/pagecache); 0: never.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long, at most, a page or API response whose data has changed may still be served
# to anonymous readers while one request rebuilds it (casebase/pagecache/stale.py).
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 5)
# Within that bound, how long a page or API response is served as it is before one
# request rebuilds it (tests set 0: every change is on the next request).
PAGE_CACHE_REBUILD_SECONDS = env_int("PAGE_CACHE_REBUILD_SECONDS", 2)

SESSION_COOKIE_HTTPONLY = True
# Editors' sessions: signed out after SESSION_COOKIE_AGE seconds (8 hours by default)
# and when the browser closes; the cookie is never sent cross-site.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, 1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Failed-login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is locked out for AXES_COOLOFF_HOURS.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, 1)
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Evidence attachments: kept outside MEDIA_ROOT so that no web server serves them
# directly; the evidence-file view checks confidentiality before sending one.
EVIDENCE_FILES_ROOT = Path(
    os.environ.get("EVIDENCE_FILES_ROOT", VAR_DIR / "evidence-files")
)
EVIDENCE_MAX_UPLOAD_MB = env_int("EVIDENCE_MAX_UPLOAD_MB", 20, 1)
# The size limit is applied while a file arrives, not after (casebase.cases.attachments).
FILE_UPLOAD_HANDLERS = [
    "casebase.cases.attachments.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Security headers (issue 9; tests/security checks them). A Content-Security-Policy
# with no inline script or style anywhere (django-csp), in development too, so that
# tests and browsers catch an inline <script> or on*= handler at once. The API's
# documentation pages relax style-src alone (casebase/api/urls.py).
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Page sizes for public lists.
CASEBASE_PAGE_SIZE = 25

# Alerts e-mail (casebase/tracking, `manage.py send_alerts`). EMAIL_BACKEND is
# "console" (development default), "file" (into EMAIL_FILE_PATH), "smtp"
# (production default) or a dotted backend path.
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
_email_backend = os.environ.get("EMAIL_BACKEND", "") or ("console" if DEBUG else "smtp")
EMAIL_BACKEND = _EMAIL_BACKENDS.get(_email_backend, _email_backend)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, 1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, 1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casebase <alerts@localhost>")
# The public address, for links in e-mails (no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Atom ids are `tag:` URIs (RFC 4151) minted under this name: set it once to a
# domain you own and never change it, or every feed reader sees new entries.
FEED_TAG_AUTHORITY = os.environ.get("FEED_TAG_AUTHORITY", "casebase.localhost")
FEED_TAG_START = "2026-01-01"
# Readers and editors sign in here to save searches and follow records.
LOGIN_URL = "tracking:sign-in"
LOGIN_REDIRECT_URL = "tracking:alerts"
