"""The catalogue is loaded once, reloaded when a new build lands, kept when a build is broken."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import threading

import ailit.services.catalogue_store as store_module
from ailit.services.catalogue_store import CatalogueStore


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _touch(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)  # a new inode, like an atomic build


def test_reload_on_new_build_and_keep_old_on_failure(catalogue_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(catalogue_dir, root)
    clock = Clock()
    store = CatalogueStore(root, check_interval=2.0, clock=clock)
    first = store.get()
    assert "sample-robots" in first.courses
    assert store.get() is first

    manifest = json.loads((root / "catalogue.json").read_text(encoding="utf-8"))
    manifest["courses"] = [c for c in manifest["courses"] if c["id"] == "sample-teaching"]
    manifest["version"] = "v2"
    _touch(root / "catalogue.json", manifest)
    clock.now = 1.0
    assert store.get() is first  # checked at most every 2 seconds
    clock.now = 2.5
    second = store.get()
    assert second is not first and list(second.courses) == ["sample-teaching"]

    _touch(root / "catalogue.json", {"format": 999})
    clock.now = 5.0
    assert store.get() is second  # the broken build is ignored


def test_no_catalogue_yet_is_empty(tmp_path: Path) -> None:
    store = CatalogueStore(tmp_path / "missing")
    assert store.get().courses == {}


def test_concurrent_first_requests_wait_for_the_first_load(catalogue_dir: Path) -> None:
    started, release = threading.Event(), threading.Event()
    real_load = store_module.load_catalogue

    def slow_load(root: Path, **kwargs: object) -> object:
        started.set()
        release.wait(5)
        return real_load(root)

    store = CatalogueStore(catalogue_dir, check_interval=60)
    seen: list[int] = []
    original = store_module.load_catalogue
    store_module.load_catalogue = slow_load  # type: ignore[assignment]
    try:
        first = threading.Thread(target=lambda: seen.append(len(store.get().courses)))
        first.start()
        started.wait(5)
        second = threading.Thread(target=lambda: seen.append(len(store.get().courses)))
        second.start()
        release.set()
        first.join(5)
        second.join(5)
    finally:
        store_module.load_catalogue = original  # type: ignore[assignment]
    assert seen and all(count > 0 for count in seen) and len(seen) == 2
