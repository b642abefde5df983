"""The default cache's file backend, checking whether it is full every few writes.

Django's `FileBasedCache` lists its whole folder on every write to see whether it has
reached `MAX_ENTRIES`. With a few thousand entries (cached pages and API responses,
rate-limit counters written on every API request) that listing cost more than the
rest of a request to `/api/v1/ping`: about 1.6 ms at 1,850 entries under `bench_api`.
Here each process looks once every `CULL_EVERY` writes (an `OPTIONS` key, default 64)
instead, so the folder may pass `MAX_ENTRIES` by at most that many writes per process
before a third of it is dropped, as Django does.
"""

from __future__ import annotations

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 64

# One count per process: Django gives each thread its own cache object.
_writes = itertools.count(1)


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS") or {}
        self._cull_every = max(1, int(options.get("CULL_EVERY", CULL_EVERY)))

    def _cull(self):
        if next(_writes) % self._cull_every == 0:
            super()._cull()
