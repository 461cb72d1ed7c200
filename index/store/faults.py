"""What the store says when its index cannot be used: where the index is, Chroma's and the
network's failures turned into one error that names the fix, and the message for an index
another embedding model built.

Apart from `chroma.py` so that module holds the client, the generations and the writing
alone; nothing here imports chromadb (only `chroma.py` does).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ..errors import IndexMismatchError, IndexUnavailableError
from ..settings import Settings
from . import folder

REBUILD_HINT = "run `discordant index --rebuild`"


def where_of(settings: Settings) -> str:
    """host:port of the Chroma server, or the index folder: what every message names."""
    return (f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
            else str(settings.chroma_path))


@contextlib.contextmanager
def chroma_errors(settings: Settings) -> Iterator[None]:
    """Turn Chroma's and the network's failures into one error that names the fix."""
    try:
        yield
    except (IndexMismatchError, IndexUnavailableError):
        raise
    except Exception as exc:
        if not settings.chroma_host:
            raise folder.diagnose(settings.chroma_path, exc) from exc
        raise IndexUnavailableError(
            f"The Chroma server at {where_of(settings)} cannot be used ({type(exc).__name__}: "
            f"{exc}): check that the Chroma server is running and reachable (`chroma run "
            f"--path DIR --host {settings.chroma_host} --port {settings.chroma_port}`), or fix "
            "CHROMA_HOST/CHROMA_PORT."
        ) from exc


def mismatch_message(where: str, built_with: str, model_name: str) -> str:
    """Another model built the index: name a fix that loads locally, never a hub name."""
    from .embedding import DEFAULT_MODEL_NAME

    if built_with == DEFAULT_MODEL_NAME:
        back = "unset EMBEDDING_MODEL (the default model built it)"
    elif model_name == DEFAULT_MODEL_NAME:
        back = f"set EMBEDDING_MODEL to the local model folder it was built with ({built_with})"
    else:
        back = f"set EMBEDDING_MODEL back to the model folder that built it ({built_with})"
    return (f"The index at {where} was built with the model {built_with!r} but this run uses "
            f"{model_name!r}: {back}, or {REBUILD_HINT} to re-embed everything with this one.")
