"""The compiled catalogue held by a running process, reloaded when a new build is swapped in."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ailit.content.catalogue import Catalogue, CatalogueError, load_catalogue, manifest_stamp

log = logging.getLogger(__name__)

CHECK_INTERVAL_SECONDS = 2.0


class CatalogueStore:
    """Loads the catalogue once; checks its stamp at most every ``check_interval`` seconds.

    A new build that fails to load is logged and ignored: the previous catalogue stays.
    """

    def __init__(
        self,
        root: str | Path,
        check_interval: float = CHECK_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.root = Path(root)
        self.check_interval = check_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._catalogue = Catalogue(root=self.root, version="", courses={})
        self._stamp: tuple[int, int] | None = None
        self._checked_at: float | None = None

    def get(self) -> Catalogue:
        """The current catalogue (empty until a build exists)."""
        now = self._clock()
        if self._checked_at is not None and now - self._checked_at < self.check_interval:
            return self._catalogue
        with self._lock:
            if self._checked_at is None or now - self._checked_at >= self.check_interval:
                # Stamp the check only once the load is done: a request arriving meanwhile
                # waits on the lock instead of seeing the catalogue as it was before.
                self._reload_if_changed()
                self._checked_at = now
        return self._catalogue

    def refresh(self) -> Catalogue:
        """Look for a new build now (after this process published one), not at the next check."""
        with self._lock:
            self._reload_if_changed()
            self._checked_at = self._clock()
        return self._catalogue

    def _reload_if_changed(self) -> None:
        stamp = manifest_stamp(self.root)
        if stamp is None or stamp == self._stamp:
            return
        try:
            catalogue = load_catalogue(self.root)
        except CatalogueError as exc:
            log.error("keeping the previous catalogue: %s", exc)
            return
        except (KeyError, TypeError, ValueError) as exc:
            log.error("keeping the previous catalogue: %s is malformed (%r)", self.root, exc)
            return
        self._catalogue, self._stamp = catalogue, stamp
        log.info("loaded catalogue %s from %s", catalogue.version, self.root)
