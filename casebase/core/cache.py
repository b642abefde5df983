"""The default cache's file backend, checking whether it is full every few writes.

Django's `FileBasedCache` lists its whole folder on every write to see whether it has
reached `MAX_ENTRIES`. With a few thousand entries (cached pages and API responses,
rate-limit counters written on every API request) that listing cost more than the
rest of a request to `/api/v1/ping`: about 1.6 ms at 1,850 entries under `bench_api`.
Here each process looks once every `CULL_EVERY` writes (an `OPTIONS` key, default 64)
instead, so the folder may pass `MAX_ENTRIES` by at most that many writes per process
before a third of it is dropped, as Django does.

Entries are compressed at zlib's fastest level (1) rather than Django's default (6):
a page of the dispute list (90 KB of JSON) took 1.3 ms to compress at 6, about a
tenth of building it, and 0.4 ms at 1, for a file a quarter larger. Reading is the
same at any level.
"""

from __future__ import annotations

import itertools
import pickle
import zlib

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 64

# One count per process: Django gives each thread its own cache object.
_writes = itertools.count(1)


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS") or {}
        self._cull_every = max(1, int(options.get("CULL_EVERY", CULL_EVERY)))

    def _write_content(self, file, timeout, value):
        file.write(
            pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol)
        )
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))

    def _cull(self):
        if next(_writes) % self._cull_every == 0:
            super()._cull()
