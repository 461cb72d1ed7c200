"""Questions parsed in a worker process while the index opens: a cold `discordant ask`.

A cold `ask` spends ~1.3 s importing spaCy and loading its model for the question parser,
and ~1.4 s importing chromadb and opening the index (measured on 2 cores, the sample
corpus). Both are Python byte code: two threads would take turns holding the GIL, so the
question parser loads in a second process, on the second core, while this one opens the
index and embeds the question. The worker sends back its Queries — plain frozen records —
and exits; if it fails or is slow, each question is parsed here, as without it.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from .questions import Query, needs_parser

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, SpawnContext

log = logging.getLogger(__name__)

# The worker imports spaCy and loads its model in ~1.3 s on an idle machine; a machine ten
# times slower still finishes well within this. Past it the question is parsed here.
WAIT_SECONDS = 30.0


def _parse_all(questions: Sequence[str], conn: Connection[list[Query | None] | str, object]
               ) -> None:
    """In the worker: load the parser, parse every question, send the Queries back."""
    try:
        from .extract import ClaimExtractor
        from .questions import parse_question

        nlp = ClaimExtractor().nlp()
        conn.send([parse_question(q, nlp) for q in questions])
    except Exception as exc:  # the parent parses the questions itself
        conn.send(f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def _context() -> ForkContext | SpawnContext:
    """fork where it is safe and fast (Linux: no re-import); spawn elsewhere (macOS)."""
    # get_context(str) is typed as a BaseContext, which has no Process; both of these have one
    return cast("ForkContext | SpawnContext",
                multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn"))


class ParsedAhead:
    """The Queries of some questions, parsed by a worker process started on creation."""

    def __init__(self, questions: Sequence[str]) -> None:
        self.questions = tuple(dict.fromkeys(q for q in questions if needs_parser(q)))
        self._queries: dict[str, Query | None] | None = None
        self._process = self._conn = None
        if self.questions:
            context = _context()
            self._conn, child = context.Pipe(duplex=False)
            self._process = context.Process(target=_parse_all, args=(self.questions, child),
                                            daemon=True, name="discordant-parse-ahead")
            self._process.start()
            child.close()

    def get(self, question: str) -> tuple[bool, Query | None]:
        """(True, its Query) when the worker parsed `question`; (False, None) otherwise."""
        if question not in self.questions:
            return False, None
        if self._queries is None:
            self._queries = self._receive()
        if question in self._queries:
            return True, self._queries[question]
        return False, None

    def _receive(self) -> dict[str, Query | None]:
        assert self._conn is not None and self._process is not None
        try:
            got = self._conn.recv() if self._conn.poll(WAIT_SECONDS) else "no answer in time"
        except (EOFError, OSError) as exc:
            got = f"the worker ended without an answer ({exc or type(exc).__name__})"
        finally:
            self._conn.close()
            self._process.join(timeout=1)
            if self._process.is_alive():
                self._process.terminate()
        if not isinstance(got, str) and len(got) != len(self.questions):
            got = f"{len(got)} answers to {len(self.questions)} questions"
        if isinstance(got, str):
            log.warning("parsing questions ahead failed (%s); parsing them here", got)
            return {}
        return dict(zip(self.questions, got, strict=True))
