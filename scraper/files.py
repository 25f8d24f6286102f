"""Atomic file writes: a temp file in the target's directory, renamed over the target on success, so a
reader, or the next crawl after a SIGKILL, never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "wb", fsync: bool = False,
                **kwargs: Any) -> Iterator[IO[Any]]:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.name[:40]}-")
    try:
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
