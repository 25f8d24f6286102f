"""Atomic file writes: a temp file in the target's directory, renamed over the target on success, so a
reader, or the next crawl after a SIGKILL, never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_PREFIX = ".tmp-"


def _default_mode() -> int:
    # mkstemp creates 0600 files; a record or dataset should be as readable as any file the user creates.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


@contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "wb", fsync: bool = False,
                **kwargs: Any) -> Iterator[IO[Any]]:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{os.getpid()}-{path.name[:40]}-")
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes, fsync: bool = False) -> None:
    with atomic_file(path, "wb", fsync=fsync) as handle:
        handle.write(data)


def remove_orphan_temp_files(root: str | os.PathLike[str]) -> int:
    """Delete temp files left by a writer that was killed (its process is gone); returns how many."""
    removed = 0
    for path in Path(root).rglob(f"{TEMP_PREFIX}*"):
        pid_text = path.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
            continue  # its writer is alive
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed
