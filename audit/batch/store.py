"""A run's folder, local or remote (`s3://...`, any fsspec URL whose backend the user installs): list, read,
and write a file atomically (to a hidden temporary name, then moved into place: a rename on a local disk; on
an object store the object appears whole when the copy completes)."""
from __future__ import annotations

import uuid
from typing import IO, Any


class Store:
    def __init__(self, url: str) -> None:
        import fsspec

        self.url = url
        self.fs: Any
        self.fs, self.root = fsspec.core.url_to_fs(url)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def exists(self, *parts: str) -> bool:
        return bool(self.fs.exists(self.path(*parts)))

    def names(self, *parts: str) -> list[str]:
        """The names in a folder, sorted; none when it does not exist."""
        folder = self.path(*parts)
        if not self.fs.isdir(folder):
            return []
        return sorted(p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False))

    def read(self, *parts: str) -> bytes:
        return bytes(self.fs.cat_file(self.path(*parts)))

    def open(self, *parts: str) -> IO[bytes]:
        return self.fs.open(self.path(*parts), "rb")  # type: ignore[no-any-return]

    def write_temporary(self, data: bytes, *parts: str) -> str:
        """`data` under a hidden temporary name beside parts' place; returns that name's path."""
        folder, name = self.path(*parts[:-1]), parts[-1]
        self.fs.makedirs(folder, exist_ok=True)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        self.fs.pipe_file(tmp, data)
        return tmp

    def move_into_place(self, tmp: str, *parts: str) -> None:
        self.fs.mv(tmp, self.path(*parts))

    def write_atomic(self, data: bytes, *parts: str) -> None:
        self.move_into_place(self.write_temporary(data, *parts), *parts)

    def remove(self, *parts: str) -> None:
        self.fs.rm_file(self.path(*parts))
