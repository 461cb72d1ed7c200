"""Security: who may re-index, where the token goes (nowhere), what a question can touch."""

from __future__ import annotations

import ast
import asyncio
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_reliability import DISCORDANT, BotProcess, run_env
from e2e_helpers import acked, embed_of, settled, text_of
from fake_discord import ADMINISTRATOR, ALL_PERMISSIONS, FakeUser
from fake_discord.payloads import snowflake

from bot.cogs.reindex import REFUSED

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "how many officers died"


# -- /reindex: only admins, whatever the guild's command settings ----------------------------

@pytest.mark.slow
async def test_reindex_is_refused_to_non_admins_even_when_the_guild_opens_the_command(
        unhandled, fake, start_bot, indexed, caplog):
    """A guild that overrides /reindex's default permissions makes Discord deliver it from
    anyone; the bot's own check must still refuse everyone but admins."""
    await start_bot(ADMIN_ROLE_ID=fake.admin_role_id, ADMIN_USER_IDS=fake.admin.id)
    generation, sources = indexed.store.active_name(), indexed.sources()
    moderator = FakeUser(snowflake(), "mod", permissions=ALL_PERMISSIONS & ~ADMINISTRATOR,
                         roles=(snowflake(),))  # may manage the server, is not an admin
    lookalike = FakeUser(snowflake(), fake.admin.name, roles=(snowflake(),))  # same name only
    caplog.set_level(logging.INFO, logger="bot.cogs.reindex")
    attempts = [await fake.slash("reindex", options, user=user, bypass_default_permissions=True)
                for user in (fake.member, moderator, lookalike)
                for options in ({}, {"rebuild": True})]
    for inter in attempts:
        await acked(fake, inter)
        assert inter.callback["type"] == 4 and inter.callback["data"]["flags"] == 64
        assert inter.callback["data"]["content"] == REFUSED
    await asyncio.sleep(0.5)
    assert not indexed.indexing
    assert indexed.store.active_name() == generation, "nothing was indexed"
    assert indexed.sources() == sources
    assert not any("re-index by user" in r.getMessage() for r in caplog.records)
    assert unhandled() == []


# -- the token: never logged, never sent -----------------------------------------------------

def every_log_line(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in records)


@pytest.fixture
def debug_everywhere(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture every log record at DEBUG, whatever level a library set on its logger."""
    caplog.set_level(logging.DEBUG)
    for name in ("discord", "discord.http", "discord.gateway", "discord.client",
                 "discord.webhook.async_", "aiohttp", "asyncio", "bot", "index", "httpx",
                 "chromadb"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.mark.slow
async def test_the_token_appears_in_no_log_record_at_debug_and_in_no_message(
        unhandled, debug_everywhere, fake, start_bot):
    fake.rate_limit("PATCH", "/messages/@original", retry_after=0.1)
    await start_bot()
    ask = await fake.slash("ask", {"question": QUESTION})
    await settled(fake, ask)
    await fake.gateway.reconnect()  # RESUME sends the token again
    await fake.wait_for(lambda: fake.gateway.resumed and fake.gateway.ready, 30, "the RESUME")
    refused = await fake.slash("reindex", user=fake.member, bypass_default_permissions=True)
    fake.token_lifetime = 0.0  # an expired interaction: its error path is logged too
    late = await fake.slash("ask", {"question": QUESTION})
    await fake.wait_for(lambda: refused.callback and late.rejected(), 30, "both replies")

    lines = every_log_line(debug_everywhere.records)
    assert "is rate limited" in lines and "RESUMED" in lines  # the faults were logged
    assert len(debug_everywhere.records) > 50
    assert fake.token not in lines
    assert fake.token.split(".", 1)[1] not in lines  # not even its secret half
    sent = [body for inter in fake.interactions.values() for body in inter.bodies()]
    assert sent and all(fake.token not in text_of(body) for body in sent)
    assert unhandled() == []


@pytest.mark.slow
async def test_discordant_run_verbose_never_prints_the_token(fake, tmp_path, sample_corpus):
    if not DISCORDANT.exists():
        pytest.skip("the discordant console script is not installed (pip install -e .)")
    env = run_env(fake, tmp_path, CHROMA_PATH=str(tmp_path / "chroma"),
                  CORPUS_DIR=str(sample_corpus))
    bot = await BotProcess.start(fake, env, tmp_path, "-v")
    try:
        fake.rate_limit("PATCH", "/messages/@original", retry_after=0.1)
        ask = await fake.slash("ask", {"question": QUESTION})
        await settled(fake, ask, 60)
        await fake.gateway.reconnect()  # RESUME: the token goes over the socket again
        await fake.wait_for(lambda: fake.gateway.resumed and fake.gateway.ready, 30, "RESUME")
        refused = await fake.slash("reindex", user=fake.member, bypass_default_permissions=True)
        await acked(fake, refused)
    finally:
        text = await bot.stop()
    assert bot.process.returncode == 0, text[-3000:]
    assert "RESUMED" in text and "rate limited" in text, text[-3000:]  # the faults were logged
    assert fake.token not in text and fake.token.split(".", 1)[1] not in text


# -- no command argument reaches the filesystem --------------------------------------------

FILE_EVENTS = {"open", "os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.listdir",
               "os.scandir", "os.chdir", "os.chmod", "os.symlink", "os.link", "os.truncate",
               "os.utime", "shutil.copyfile", "shutil.rmtree", "sqlite3.connect",
               "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"}
_watching: list[list[tuple[str, str]]] = []
_hook_lock = threading.Lock()


def _audit(event: str, args: tuple) -> None:
    if _watching and event in FILE_EVENTS:
        with _hook_lock:
            for seen in _watching:
                seen.append((event, " ".join(map(str, args))))


@pytest.fixture
def file_events() -> Iterator[list[tuple[str, str]]]:
    """Every file-system and process audit event (any thread) while the test runs."""
    if not getattr(sys, "_discordant_audit", False):
        sys.addaudithook(_audit)  # audit hooks cannot be removed: install it once
        sys._discordant_audit = True  # type: ignore[attr-defined]
    seen: list[tuple[str, str]] = []
    _watching.append(seen)
    yield seen
    _watching.remove(seen)


PATH_LIKE = {  # question -> a fragment that would show up in a file event if it were used
    "../../../../etc/passwd": "passwd",
    "/etc/shadow how many died": "shadow",
    "file:///root/.ssh/id_rsa": "id_rsa",
    "C:\\Windows\\win.ini officers": "win.ini",
    "%2e%2e%2f%2e%2e%2fboot.ini": "boot.ini",
    "$(touch pwned_by_question) how many died": "pwned_by_question",
    "how many died`; cat /etc/hostname`": "hostname",
    # Mostly a question (a question most of whose words no article uses gets no answer, so
    # does one about a thing no article names, "DROP TABLE feedback" parsed as a noun with
    # its modifiers: nothing to rate): the SQL rides along.
    "how many police officers died in the violence'); DELETE FROM feedback; --":
        "DELETE FROM",
}


@pytest.mark.slow
async def test_path_like_questions_are_only_text_and_touch_no_file(
        unhandled, fake, bot, file_events, tmp_path):
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    inters = [await fake.slash("ask", {"question": question}) for question in PATH_LIKE]
    for inter in inters:
        await settled(fake, inter, 60)
    # The SQL-looking one is stored as plain text when someone rates its answer.
    sql_question, sql = list(PATH_LIKE)[-1], inters[-1]
    vote = await fake.click(fake.message_of(sql), "👍")
    await acked(fake, vote)
    assert bot.feedback.votes()[-1].question == sql_question
    assert bot.feedback.tally(int(fake.message_of(sql)["id"])) == (1, 0)

    assert any(event == "sqlite3.connect" and "feedback" in args  # the hook sees threads
               for event, args in file_events)
    touched = [(event, args) for event, args in file_events
               if any(fragment in args for fragment in PATH_LIKE.values())]
    assert touched == []
    assert not any(event.startswith(("subprocess", "os.system", "os.exec", "os.posix_spawn"))
                   for event, _ in file_events)
    for question, inter in zip(PATH_LIKE, inters, strict=True):
        body = inter.edits[-1]  # answered as a question: passages, or none of N
        assert inter.callback == {"type": 5}, question
        assert (embed_of(body)["fields"] if body.get("embeds")
                else body["content"].startswith("None of the 5 articles reports this.")), question
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert [p for p in after if p not in before and "feedback" not in str(p)] == []
    assert not (Path.cwd() / "pwned_by_question").exists()
    assert unhandled() == []
    print(f"\n{len(PATH_LIKE)} path-, shell- and SQL-like questions answered as text; "
          f"{len(file_events)} file events while answering, none from a question: "
          f"{sorted({event for event, _ in file_events})}")


FILE_APIS = {"open", "Path", "PurePath", "os", "shutil", "subprocess", "sqlite3", "io",
             "tempfile", "glob"}
ALLOWED = {  # module -> why it may touch files: both take paths from settings, never a user
    "settings.py": "turns the FEEDBACK_DB setting into a Path",
    "feedback.py": "opens FEEDBACK_DB (sqlite3), with the question as a bound parameter",
    "uploads.py": "wraps a chart's PNG bytes in io.BytesIO for an upload: no file at all",
}


def test_only_the_settings_and_the_feedback_store_name_a_file_api():
    offenders = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        names |= {alias.name.split(".")[0] for node in ast.walk(tree)
                  if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
        names |= {node.module.split(".")[0] for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom) and node.module}
        used = sorted(names & FILE_APIS)
        if used and path.name not in ALLOWED:
            offenders.append(f"{path.relative_to(ROOT)}: {used}")
    assert offenders == [], "a command handler must not touch files; see ALLOWED"


@pytest.mark.slow
async def test_the_only_free_text_arguments_are_the_question_and_the_admins_url(fake, bot):
    options = {command["name"]: [(o["name"], o["type"]) for o in command.get("options") or []]
               for command in fake.syncs[0][1]}
    # 3: string, 5: boolean; /add's URL is checked by index.ingest.fetch (scheme, address);
    # a `story` (at most 100 characters) is only ever compared with the index's Stories.
    assert options == {"ask": [("question", 3), ("story", 3)], "sources": [], "stories": [],
                       "disputes": [("story", 3)], "Check against sources": [],
                       "reindex": [("rebuild", 5), ("allow_empty", 5)],
                       "add": [("url", 3)], "feeds": [("poll", 5)]}
    stories = [o for command in fake.syncs[0][1] for o in command.get("options") or []
               if o["name"] == "story"]
    assert all(o["max_length"] == 100 and o["autocomplete"] for o in stories)
