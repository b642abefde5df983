"""Building the next batch of search documents while the current one is stored.

A PostgreSQL rebuild at 100,000 records spends about 18 s of its 100 s building
documents in Python, and most of the rest waiting for PostgreSQL (another process,
on another core) to store them. `ahead()` builds the batches in a thread, at most
DEPTH batches ahead of the one being stored, so that the two overlap.

The thread reads through its own database connection (Django gives each thread its
own), which cannot see what the caller's transaction has not committed. So inside a
transaction (a caller's atomic block, a test case) the batches are built in the
caller's thread, one at a time, as before.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import connection, connections

T = TypeVar("T")
DEPTH = 2
_DONE = object()


def ahead(batches: Iterable[T]) -> Iterable[T]:
    """`batches`, each built in a background thread while the caller uses the one
    before; `batches` itself when in a transaction (see the module). An error in
    building a batch is raised to the caller when it reaches that batch; a caller
    that stops early (an error of its own) stops the thread after the batch it is
    building."""
    if connection.in_atomic_block:
        return batches
    return _threaded(batches)


def _threaded(batches: Iterable[T]) -> Iterator[T]:
    built: queue.Queue = queue.Queue(maxsize=DEPTH)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                built.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def build() -> None:
        try:
            for batch in batches:
                if not put(batch):
                    return
            put(_DONE)
        except BaseException as error:  # handed to the caller, raised there
            put(error)
        finally:
            connections.close_all()  # this thread's connections

    thread = threading.Thread(target=build, name="search-batches", daemon=True)
    thread.start()
    try:
        while True:
            item = built.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
