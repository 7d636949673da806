"""One build at a time per checkout: a lock file in ``_build/`` holding the building process's id."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scaling_book.bookbuild.pages import BuildFailure

LOCK_NAME = "build.lock"
STARTING_SECONDS = 10  # an empty lock younger than this belongs to a build that has not written its pid yet


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (a lock whose process is gone is stale)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _holder(lock: Path) -> int | None:
    """The process id written in the lock file, or None when it is unreadable (a half-written lock)."""
    try:
        return int(lock.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _age(lock: Path) -> float:
    try:
        return time.time() - lock.stat().st_mtime
    except OSError:
        return STARTING_SECONDS


@contextmanager
def build_lock(output: Path) -> Iterator[Path]:
    """Hold ``output/build.lock`` while building; a second build stops at once naming the first one's pid."""
    output.mkdir(parents=True, exist_ok=True)
    lock = output / LOCK_NAME
    for _ in range(2):
        try:
            # O_EXCL: creating the file is the atomic test-and-set; two builds cannot both succeed.
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pid = _holder(lock)
            if pid is None and _age(lock) < STARTING_SECONDS:
                raise BuildFailure(f"another build is starting in this checkout (lock file {lock}); "
                                   "wait for it to finish") from None
            if pid is not None and pid != os.getpid() and _alive(pid):
                raise BuildFailure(f"another build is running in this checkout (process id {pid}); wait for it "
                                   f"to finish, or stop it (kill {pid}). Lock file: {lock}") from None
            print(f"  removed a stale build lock ({'process ' + str(pid) if pid else 'unreadable'} is gone)",
                  flush=True)
            lock.unlink(missing_ok=True)
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise BuildFailure(f"could not take the build lock {lock}; remove it if no build is running")
    try:
        yield lock
    finally:
        if _holder(lock) == os.getpid():
            lock.unlink(missing_ok=True)
