"""One index run at a time per index, across processes.

An embedded index is guarded by a lock file beside its folder (`<folder>.lock`, taken with
`filelock`: the operating system drops it when the process dies, so a killed run never
blocks the next). A Chroma server has no shared file system, so the run records a lease in
the meta collection's metadata — who holds it and until when — renewed while the run goes
on; a killed run's lease simply expires after LEASE_SECONDS — or at once, when its holder
ran on this host and is no longer running (a run that failed because the server stopped
could not remove its lease: the next run must not wait two minutes for it). A second run
waits LOCK_WAIT_SECONDS, then refuses with a line naming who holds the index.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import IndexBusyError
from ..settings import Settings
from .chroma import Store
from .folder import no_permission

log = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 3.0  # long enough to ride out a run that is just finishing
# A killed run blocks a server index this long at most; renewed every third of it, so a
# live run keeps it through a slow embedding block (~40 s for 2,048 passages on 2 cores).
LEASE_SECONDS = 120.0
OWNER, UNTIL = "lease_owner", "lease_until"
_HELD: set[str] = set()  # the owners of the leases this process holds now


def lock_path(index_folder: Path) -> Path:
    """The lock file beside (not inside) the index folder: `--rebuild` may move the folder."""
    return index_folder.with_name(index_folder.name + ".lock")


def busy(where: str, holder: str = "") -> IndexBusyError:
    return IndexBusyError(
        f"Another index run is writing the index at {where}{holder}: wait for it to finish, "
        "then run again (questions are answered meanwhile).")


@contextlib.contextmanager
def exclusive_index(settings: Settings, open_store: Callable[[], Store]) -> Iterator[None]:
    """Hold the index for one run: the lock file, or the lease on a Chroma server (opened
    with `open_store`; an embedded folder is locked without opening Chroma, which a corrupt
    folder that `--rebuild` is about to move aside could not do)."""
    if settings.chroma_host:
        with Lease(open_store()).held():
            yield
        return
    lock = FileLock(lock_path(settings.chroma_path), timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise busy(str(settings.chroma_path)) from None
    except PermissionError as exc:
        raise no_permission(settings.chroma_path.parent, "write") from exc
    try:
        yield
    finally:
        lock.release()


class Lease:
    """An expiring claim on a server index, kept in the meta collection's metadata."""

    def __init__(self, store: Store, seconds: float = LEASE_SECONDS) -> None:
        self.store = store
        self.seconds = seconds
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()

    def holder(self) -> tuple[str, float] | None:
        """(owner, expiry) of a live lease held by someone else, or None."""
        meta = self.store.read_meta()
        owner, until = meta.get(OWNER), float(meta.get(UNTIL) or 0)
        if owner and owner != self.owner and until > time.time() and not holder_gone(owner):
            return owner, until
        return None

    def acquire(self) -> None:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while (held := self.holder()) and time.monotonic() < deadline:
            time.sleep(0.5)
        if held:
            raise busy(self.store.where, _describe(*held))
        self._write()
        time.sleep(0.3)  # two runs that wrote at once: the last write wins, the other sees it
        if self.store.read_meta().get(OWNER) != self.owner:
            raise busy(self.store.where, _describe(*(self.holder() or ("another run", 0))))

    def _write(self) -> None:
        self.store.write_meta({OWNER: self.owner, UNTIL: time.time() + self.seconds})

    def _renew(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            try:
                self._write()
            except Exception as exc:  # the run itself fails on the same error, in one line
                log.info("could not renew the index lease: %s", exc)

    def release(self) -> None:
        self._stop.set()
        _HELD.discard(self.owner)
        with contextlib.suppress(Exception):  # an expiring lease frees itself anyway
            if self.store.read_meta().get(OWNER) == self.owner:
                self.store.write_meta({}, remove=(OWNER, UNTIL))

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self.acquire()
        _HELD.add(self.owner)
        renewer = threading.Thread(target=self._renew, name="index-lease", daemon=True)
        renewer.start()
        try:
            yield
        finally:
            self.release()
            renewer.join(timeout=5)


def _describe(owner: str, until: float) -> str:
    if not until:
        return f" ({owner})"
    expires = dt.datetime.fromtimestamp(until, dt.UTC).strftime("%H:%M:%S UTC")
    return f" ({owner}, lease until {expires})"


def holder_gone(owner: str) -> bool:
    """True when a lease's holder (`host:pid:tag`) ran on this host and is not running:
    its process has ended, or it is this process and no run of it holds the lease now. A
    holder on another host is never judged from here: its lease has to expire."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return owner not in _HELD
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, as another user's process
        return False
    return False
