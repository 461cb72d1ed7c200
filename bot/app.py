"""The composition root: settings -> engine, feedback store, client; run until stopped.

`run(env, sync_global)` is what `discordant run` and `python -m bot` call. It reads the
settings once, points discord.py at a local Discord-compatible server when
DISCORD_API_BASE/DISCORD_GATEWAY_URL are set, and turns the errors a user can fix (no
token, a rejected token, a bad setting) into one line on stderr and exit code 1.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Mapping

import aiohttp
import discord
import yarl
from discord.ext import commands

from index import DiscordantError, Engine

from .errors import DiscordantTree
from .feedback import FeedbackStore
from .limits import NO_MENTIONS
from .settings import BotSettings

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.cogs.ask", "bot.cogs.check", "bot.cogs.sources", "bot.cogs.stories",
              "bot.cogs.disputes", "bot.cogs.reindex", "bot.cogs.add", "bot.cogs.feeds")


class DiscordantBot(commands.Bot):
    """The client: slash commands and a message menu, no message content intent (a menu
    command receives the message it is used on), mentions off by default."""

    def __init__(self, settings: BotSettings, engine: Engine, feedback: FeedbackStore, *,
                 sync_global: bool = False) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        # The bot never joins voice: don't warn at every start about missing voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(command_prefix=commands.when_mentioned, intents=intents,
                         tree_cls=DiscordantTree, allowed_mentions=NO_MENTIONS,
                         help_command=None)
        self.settings = settings
        self.engine = engine
        self.feedback = feedback
        self.sync_global = sync_global
        self.warming: asyncio.Task | None = None

    async def setup_hook(self) -> None:
        """Index if empty (in a thread), load the cogs, sync commands; then connect while
        the model, the parser and the claims load in the background (`/ask` defers, and a
        question that comes first waits for what it needs)."""
        await asyncio.to_thread(prepare_index, self.engine)
        if self.is_closed():  # stopped (SIGTERM) while the index was being built
            return
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()
        self.warming = asyncio.create_task(asyncio.to_thread(warm_engine, self.engine))

    async def sync_commands(self) -> None:
        """Sync to DISCORD_GUILD_ID (instant) and globally only when asked (up to an hour)."""
        if self.settings.guild_id:
            guild = discord.Object(id=self.settings.guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), self.settings.guild_id)
        if self.sync_global:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))
        if not self.settings.guild_id and not self.sync_global:
            log.info("commands not synced: set DISCORD_GUILD_ID, or run once with --sync-global")

    async def on_ready(self) -> None:
        log.info("connected as %s (id %s) to %d guilds", self.user,
                 self.user.id if self.user else "?", len(self.guilds))


def prepare_index(engine: Engine) -> None:
    """Build the index from CORPUS_DIR if there is none yet."""
    if engine.is_empty():
        log.info("the index is empty: building it from %s", engine.settings.corpus_dir)
        report = engine.index()
        log.info("indexed %d articles, %d passages in %.1f s", report.articles, report.chunks,
                 report.seconds)


def warm_engine(engine: Engine) -> None:
    """Load the model, the question parser and the claims once, before the first /ask
    needs them (an error here is the first question's to report)."""
    try:
        engine.warm()
        engine.stories()  # the `story` autocomplete answers within Discord's 3 s from the start
    except DiscordantError as exc:  # a setting or the index: the user's to fix
        log.warning("loading the engine failed: %s", exc)
        return
    except Exception:
        log.exception("loading the engine failed; questions will try again")
        return
    log.info("engine ready: %d articles indexed", engine.article_count())


def point_at(settings: BotSettings) -> None:
    """Route discord.py's REST and gateway to a local server, if one is configured."""
    if settings.api_base and settings.gateway_url:
        discord.http.Route.BASE = settings.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)
        log.info("using the Discord-compatible server at %s", settings.api_base)


class RedactToken(logging.Filter):
    """Replaces the token in any log line, whoever logs it: it must never reach a log."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler
            return True
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "[token]"), None
        return True


def configure_logging(token: str) -> None:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))


def fail(message: str) -> int:
    print(f"discordant: {message}", file=sys.stderr)
    return 1


async def serve(settings: BotSettings, sync_global: bool = False) -> int:
    """Run the bot until it is closed (SIGINT/SIGTERM); the exit code is the result."""
    engine = Engine(settings.index)
    feedback = await asyncio.to_thread(FeedbackStore.open, settings.feedback_db)
    bot = DiscordantBot(settings, engine, feedback, sync_global=sync_global)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        try:
            await bot.start(settings.token)
        except Exception:
            if not bot.is_closed():
                raise
            log.info("stopped while starting")  # a signal closed the client mid-start
    return 0


def run(env: Mapping[str, str], sync_global: bool = False) -> int:
    """Start the bot with settings from `env`; returns the process exit code."""
    try:
        settings = BotSettings.from_env(env)
    except DiscordantError as exc:
        return fail(str(exc))
    configure_logging(settings.token)
    point_at(settings)
    try:
        return asyncio.run(serve(settings, sync_global))
    except discord.LoginFailure:
        return fail("Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal "
                    "(Bot > Reset Token) and put the new one in .env")
    except discord.PrivilegedIntentsRequired:
        return fail("Discord refused the requested gateway intents")
    except DiscordantError as exc:
        return fail(str(exc))
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as exc:
        where = settings.api_base or "Discord"
        return fail(f"cannot reach {where} ({exc.__class__.__name__}: {exc}); check the "
                    "network, or DISCORD_API_BASE/DISCORD_GATEWAY_URL")
    except discord.HTTPException as exc:
        return fail(f"Discord answered {exc.status}: {exc.text or exc}")
