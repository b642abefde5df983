"""The benchmark's server (`gunicorn casebase.api.bench_wsgi`, run by `bench_api`):
the app as `casebase.wsgi` serves it, plus the probe endpoints of
`casebase.api.bench_probe`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebase.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "casebase.api.bench_probe"
