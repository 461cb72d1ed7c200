"""Fixtures for the bot tests: the loopback Discord, the real engine, the real bot.

The sample corpus is indexed once per session into a temporary folder with the real model
(the slow part); every end-to-end test then starts the real `DiscordantBot` on its own
event loop against a fresh fake Discord, sharing that engine.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import discord
import pytest
from fake_discord import FakeDiscord

from bot.app import DiscordantBot, point_at
from bot.feedback import FeedbackStore
from bot.settings import BotSettings
from index.engine import Engine
from index.settings import Settings
from index.store.embedding import Embedder

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()

StartBot = Callable[..., Awaitable[DiscordantBot]]


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    if not SAMPLE_CORPUS.is_dir():
        pytest.skip(f"the sample corpus is missing at {SAMPLE_CORPUS}")
    return SAMPLE_CORPUS


def session_embedder(request: pytest.FixtureRequest) -> Embedder:
    """The suite-wide real model when tests/conftest.py offers one, so it loads only once."""
    try:
        return request.getfixturevalue("real_embedder")
    except pytest.FixtureLookupError:
        return Embedder()


@pytest.fixture(scope="session")
def indexed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            sample_corpus: Path) -> Engine:
    """The real engine over the sample corpus, indexed and warmed once per session."""
    settings = Settings(corpus_dir=sample_corpus,
                        chroma_path=tmp_path_factory.mktemp("chroma") / "index")
    engine = Engine(settings, embedder=session_embedder(request))
    engine.index()
    engine.warm()
    return engine


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
def restore_discord_urls() -> Iterator[None]:
    """Put discord.py's REST and gateway URLs back after a test pointed them elsewhere."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE = base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@pytest.fixture
async def start_bot(fake: FakeDiscord, indexed: Engine, tmp_path: Path,
                    restore_discord_urls: None) -> AsyncIterator[StartBot]:
    """start_bot(engine=None, sync_global=False, **env) -> the real bot, connected and ready."""
    running: list[tuple[DiscordantBot, asyncio.Task]] = []

    async def start(engine: Engine | None = None, sync_global: bool = False,
                    **env: str) -> DiscordantBot:
        engine = engine or indexed
        settings = BotSettings.from_env({
            **fake.env(), "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"),
            "ASK_COOLDOWN_SECONDS": "0", "CHROMA_PATH": str(engine.settings.chroma_path),
            "CORPUS_DIR": str(engine.settings.corpus_dir), **env})
        point_at(settings)
        bot = DiscordantBot(settings, engine, FeedbackStore.open(settings.feedback_db),
                            sync_global=sync_global)
        task = asyncio.create_task(bot.start(settings.token))
        running.append((bot, task))
        await fake.wait_for(lambda: fake.gateway.ready or task.done(), 60, "the bot to connect")
        if task.done():
            task.result()  # raises what stopped the bot
            raise AssertionError("the bot stopped before connecting")
        await asyncio.wait_for(bot.wait_until_ready(), 30)
        return bot

    yield start
    for bot, task in running:
        await bot.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 10)


@pytest.fixture
async def bot(start_bot: StartBot) -> DiscordantBot:
    return await start_bot()


UNHANDLED_MARKERS = ("Task exception was never retrieved", "Ignoring exception",
                     "Unhandled exception", "Exception in callback", "exception was never")


def unhandled_in(records: list[logging.LogRecord], contexts: list[dict]) -> list[str]:
    """What went unhandled: asyncio exception-handler calls, discord.py's "Ignoring
    exception" lines, and any log record carrying a traceback at ERROR or above."""
    found = [f"asyncio: {c.get('message')} {c.get('exception')!r}" for c in contexts]
    for record in records:
        message = record.getMessage()
        if any(marker in message for marker in UNHANDLED_MARKERS) or (
                record.levelno >= logging.ERROR and record.exc_info):
            found.append(f"{record.name}: {message}")
    return found


@pytest.fixture
async def unhandled(caplog: pytest.LogCaptureFixture) -> AsyncIterator[Callable[[], list[str]]]:
    """unhandled() -> every unhandled error so far in this test (should be []).

    Installs an exception handler on the test's event loop (a task whose exception is never
    retrieved, a failing callback) and reads the log for discord.py's "Ignoring exception"
    and for tracebacks. Request it before `fake`/`bot`/`start_bot`: its teardown then runs
    after the bot has closed and checks the shutdown too.
    """
    loop = asyncio.get_running_loop()
    contexts: list[dict] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: contexts.append(context))

    def check() -> list[str]:
        gc.collect()  # a never-retrieved task exception is reported when the task is freed
        return unhandled_in(caplog.records, contexts)

    try:
        yield check
        gc.collect()
        await asyncio.sleep(0)
        records = caplog.get_records("call") + caplog.get_records("teardown")
        assert unhandled_in(records, contexts) == []
    finally:
        loop.set_exception_handler(previous)
