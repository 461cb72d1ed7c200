"""Typed settings, read once at the entry point from the environment and `.env`.

Nothing here reads the environment at import time: `Settings.from_env` is called by the
CLI or the bot's composition root and the result is passed down.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

from .errors import SettingsError

DEFAULT_CORPUS_DIR = "../shared/corpus"
DEFAULT_CHROMA_PATH = ".discordant/chroma"
DEFAULT_COLLECTION = "discordant"
DEFAULT_FEED_STATE = ".discordant/feeds.sqlite3"
DEFAULT_FEED_MAX_ENTRIES, MAX_FEED_ENTRIES = 25, 1000
DEFAULT_FEED_POLL_SECONDS, MAX_FEED_POLL_SECONDS = 120.0, 3600.0
MIN_TOP, MAX_TOP = 1, 25  # passages per answer: 25 is what a Discord answer can page through


def read_environment(dotenv_path: str | os.PathLike[str] | None = ".env") -> dict[str, str]:
    """The process environment over the values of `.env` (the environment wins)."""
    values: dict[str, str] = {}
    if dotenv_path and Path(dotenv_path).is_file():
        try:
            loaded = dotenv_values(dotenv_path, encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SettingsError(
                f"{dotenv_path} is not UTF-8 text (byte {exc.start}): save it as UTF-8 "
                "(or remove it and set the variables in the environment)") from None
        except OSError as exc:
            raise SettingsError(f"{dotenv_path} cannot be read ({exc.strerror or exc}): fix "
                                "its permissions or remove it") from None
        values.update({k: v for k, v in loaded.items() if v is not None})
    values.update(os.environ)
    return values


def _int(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}: fix it in .env") from None


def _float(env: Mapping[str, str], name: str) -> float | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}: fix it in .env") from None
    if not math.isfinite(value):
        raise SettingsError(f"{name} must be a finite number, not {raw!r}: fix it in .env")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SettingsError(f"{name} must be 1 or 0, not {raw!r}: fix it in .env")


def _feed_bounds(env: Mapping[str, str]) -> tuple[int, float]:
    """FEED_MAX_ENTRIES and FEED_POLL_SECONDS: what one feed may add, and take, per poll."""
    entries = _int(env, "FEED_MAX_ENTRIES", DEFAULT_FEED_MAX_ENTRIES)
    if entries is None or not 1 <= entries <= MAX_FEED_ENTRIES:
        raise SettingsError(f"FEED_MAX_ENTRIES must be between 1 and {MAX_FEED_ENTRIES}, not "
                            f"{entries}: fix it in .env")
    seconds = _float(env, "FEED_POLL_SECONDS")
    if seconds is not None and not 1 <= seconds <= MAX_FEED_POLL_SECONDS:
        raise SettingsError(f"FEED_POLL_SECONDS must be seconds between 1 and "
                            f"{MAX_FEED_POLL_SECONDS:.0f}, not {seconds}: fix it in .env")
    return entries, DEFAULT_FEED_POLL_SECONDS if seconds is None else seconds


def _ingest_bounds(env: Mapping[str, str]) -> tuple[float, float, int]:
    """MAX_FILE_MB, MAX_EXPORT_MB and MAX_ARTICLE_CHARS: how much one corpus file, one JSON
    export and one Article may hold (see README, "Bounds")."""
    sizes = []
    for name, default in (("MAX_FILE_MB", 5.0), ("MAX_EXPORT_MB", 50.0)):
        value = _float(env, name)
        if value is not None and not 0.01 <= value <= 4096:
            raise SettingsError(f"{name} must be megabytes between 0.01 and 4096, not {value}: "
                                "fix it in .env")
        sizes.append(default if value is None else value)
    chars = _int(env, "MAX_ARTICLE_CHARS", 300_000)
    if chars is None or not 1_000 <= chars <= 50_000_000:
        raise SettingsError(f"MAX_ARTICLE_CHARS must be between 1000 and 50000000, not "
                            f"{chars}: fix it in .env")
    return sizes[0], sizes[1], chars


@dataclass(frozen=True)
class Settings:
    """Where the corpus and the index live, and which model embeds."""

    corpus_dir: Path = Path(DEFAULT_CORPUS_DIR)
    chroma_path: Path = Path(DEFAULT_CHROMA_PATH)
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = DEFAULT_COLLECTION
    embedding_model: str | None = None
    embedding_backend: str = "onnx"
    embedding_quantized: bool = False
    model_cache_dir: Path | None = None  # None: ~/.cache/discordant
    top_k: int = 5
    min_score: float | None = None
    allow_private_urls: bool = False
    feeds: str = ""
    feed_poll_minutes: float = 30.0
    feed_state: Path = Path(DEFAULT_FEED_STATE)
    max_file_mb: float = 5.0  # one corpus file
    max_export_mb: float = 50.0  # one JSON export
    max_article_chars: int = 300_000  # one Article's text, cut beyond
    feed_max_entries: int = DEFAULT_FEED_MAX_ENTRIES  # new entries added per feed per poll
    feed_poll_seconds: float = DEFAULT_FEED_POLL_SECONDS  # one feed's share of a poll

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Build settings from a mapping such as `read_environment()`."""
        top_k = _int(env, "TOP_K", 5)
        if top_k is None or not MIN_TOP <= top_k <= MAX_TOP:
            raise SettingsError(f"TOP_K must be between {MIN_TOP} and {MAX_TOP}, not {top_k}: "
                                "fix it in .env")
        min_score = _float(env, "MIN_SCORE")
        if min_score is not None and not -1 <= min_score <= 1:
            raise SettingsError(f"MIN_SCORE is a cosine similarity between -1 and 1, not "
                                f"{min_score}: fix it in .env (or unset it for the calibrated "
                                "default)")
        port = _int(env, "CHROMA_PORT", 8000)
        if port is None or not 1 <= port <= 65535:
            raise SettingsError(f"CHROMA_PORT must be a port between 1 and 65535, not {port}: "
                                "fix it in .env")
        poll = _float(env, "FEED_POLL_MINUTES")
        if poll is not None and not 0 <= poll <= 24 * 60:
            raise SettingsError(f"FEED_POLL_MINUTES must be minutes between 0 (off) and 1440, "
                                f"not {poll}: fix it in .env")
        entries, seconds = _feed_bounds(env)
        max_file_mb, max_export_mb, max_article_chars = _ingest_bounds(env)
        backend = (env.get("EMBEDDING_BACKEND") or "onnx").strip().lower()
        if backend not in ("onnx", "torch"):
            raise SettingsError(f"EMBEDDING_BACKEND must be onnx or torch, not {backend!r}: "
                                "fix it in .env")
        return cls(
            allow_private_urls=_flag(env, "ALLOW_PRIVATE_URLS"),
            feeds=(env.get("FEEDS") or "").strip(),
            feed_poll_minutes=30.0 if poll is None else poll,
            feed_state=Path(env.get("FEED_STATE") or DEFAULT_FEED_STATE),
            max_file_mb=max_file_mb, max_export_mb=max_export_mb,
            max_article_chars=max_article_chars,
            feed_max_entries=entries,
            feed_poll_seconds=seconds,
            corpus_dir=Path(env.get("CORPUS_DIR") or DEFAULT_CORPUS_DIR),
            chroma_path=Path(env.get("CHROMA_PATH") or DEFAULT_CHROMA_PATH),
            chroma_host=(env.get("CHROMA_HOST") or "").strip() or None,
            chroma_port=port,
            collection=(env.get("CHROMA_COLLECTION") or DEFAULT_COLLECTION).strip(),
            embedding_model=(env.get("EMBEDDING_MODEL") or "").strip() or None,
            embedding_backend=backend,
            embedding_quantized=_flag(env, "EMBEDDING_QUANTIZED"),
            model_cache_dir=Path(cache) if (cache := (env.get("MODEL_CACHE_DIR") or "").strip())
            else None,
            top_k=top_k,
            min_score=min_score,
        )
