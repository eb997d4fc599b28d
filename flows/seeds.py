"""Seed files -> Documents: the only file I/O of a pass."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from storywatch.records import Document, Failure

SEED_SUFFIXES: dict[str, Literal["txt", "html", "json"]] = {
    ".txt": "txt", ".html": "html", ".htm": "html", ".json": "json"}
MAX_SEED_BYTES = 5_000_000


def read_seed_documents(folders: list[Path]) -> tuple[list[Document], list[Failure]]:
    """Every seed file in the folders, sorted by name; unreadable ones become failures."""
    paths, failures = [], []
    for folder in folders:
        if not folder.is_dir():
            failures.append(Failure(source=str(folder), reason="seed folder does not exist"))
            continue
        inside = folder.resolve()
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            target = path.resolve()
            if target.is_relative_to(inside):
                paths.append(path)
            else:  # "passwd.txt -> /etc/passwd": a seed folder holds its seeds, not doors out of it
                failures.append(Failure(source=str(path), reason=f"links outside its seed folder "
                                        f"(to {target}); seeds are read only from inside it"))
    documents, more_failures = read_seed_files(paths)
    return documents, failures + more_failures


def read_seed_files(paths: list[Path]) -> tuple[list[Document], list[Failure]]:
    """Read seed files, refusing unsupported types and oversized files with a reason."""
    documents, failures = [], []
    for path in paths:
        kind = SEED_SUFFIXES.get(path.suffix.lower())
        if kind is None:
            if not path.name.startswith("."):
                failures.append(Failure(source=str(path), reason=f"unsupported file type "
                                        f"{path.suffix or '(none)'}; use .txt, .html or .json"))
            continue
        try:
            size = path.stat().st_size
            if size > MAX_SEED_BYTES:
                failures.append(Failure(source=str(path), reason=f"too large: {size:,} bytes "
                                        f"(limit {MAX_SEED_BYTES:,})"))
                continue
            content = path.read_bytes()
        except OSError as exc:
            failures.append(Failure(source=str(path), reason=f"cannot read: {exc.strerror}"))
            continue
        documents.append(Document(source=str(path), name=path.name, kind=kind,
                                  content=content))
    return documents, failures
