"""The default file cache checks whether it is full every few writes, not every write."""

from casebase.core.cache import FileCache


def _cache(tmp_path, **options):
    return FileCache(
        str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2, **options}}
    )


def _files(tmp_path) -> int:
    return len(list(tmp_path.glob("*.djcache")))


def test_the_folder_is_listed_once_every_cull_every_writes(tmp_path, monkeypatch):
    cache = _cache(tmp_path, CULL_EVERY=8)
    listings = []
    real = cache._list_cache_files
    monkeypatch.setattr(
        cache, "_list_cache_files", lambda: listings.append(1) or real()
    )
    for n in range(40):
        cache.set(f"k{n}", n)
    assert len(listings) == 5


def test_a_full_cache_is_still_culled(tmp_path):
    cache = _cache(tmp_path, CULL_EVERY=4)
    for n in range(200):
        cache.set(f"k{n}", n)
        # Never more than MAX_ENTRIES plus the writes between two checks.
        assert _files(tmp_path) <= 10 + 4
    assert cache.get("k199") == 199
