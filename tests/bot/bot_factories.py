"""Hand-made records for rendering tests: what the engine returns, without the engine."""

from __future__ import annotations

from index.records import Answer, Claim, Figure, IndexReport, Passage, Relation, Slot

PASSAGE_TEXT = ("Twelve security officers have been killed and 353 wounded along with dozens "
                "of protesters in the ongoing unrest in Kazakhstan, media reports said Thursday.")


def claim(figure: str = "Twelve", value: float = 12, quote: str = PASSAGE_TEXT,
          source: str = "24 News HD (AFP)", qualifier: str | None = None) -> Claim:
    return Claim(value=value, low=value, high=value, qualifier=qualifier, figure=figure,
                 counted="security officers", kind="killed", event="unrest",
                 authority="media reports", doc_id="000", source=source, date="2022-01-06",
                 quote=quote)


def passage(text: str = PASSAGE_TEXT, claims: tuple[Claim, ...] = (), source: str = "AFP",
            title: str | None = "12 troops killed", doc: str = "000") -> Passage:
    return Passage(doc_id=doc, docs=(doc,), source=source, sources=(source,), title=title,
                   date="2022-01-06", position=0, text=text, score=0.6, claims=claims)


def figure(value: float, sources: tuple[str, ...], qualifier: str | None = None,
           authorities: tuple[str, ...] = (), quote: str = "", counted: str = "officers",
           ) -> Figure:
    return Figure(value=value, qualifier=qualifier, counted=counted, docs=("000",),
                  sources=sources, authorities=authorities, quote=quote, quote_doc="000",
                  claims=())


def officers_slot() -> Slot:
    return Slot(about="officers killed", event="unrest", relationship="conflict", figures=(
        figure(12, ("24 News HD (AFP)", "AP"), authorities=("city officials",),
               quote="Twelve police officers were killed in the unrest."),
        figure(8, ("TheJournal.ie (AFP)",), qualifier="at least",
               authorities=("interior ministry",),
               quote="At least eight law enforcement officers have been killed."),
        figure(13, ("France 24",), qualifier="at least", quote="At least 13 officials died."),
    ), relations=(Relation(0, 1, "bound"), Relation(0, 2, "conflict"), Relation(1, 2, "bound")))


def agreed_slot() -> Slot:
    return Slot(about="population", event="country", relationship="agree",
                figures=(figure(19_000_000, ("AFP", "AP"), counted="people"),))


def officers_answer(passages: int = 5) -> Answer:
    shown = tuple(passage(claims=(claim(),), doc=f"{n:03}") for n in range(passages))
    return Answer(question="how many officers died", passages=shown,
                  disagreements=(officers_slot(),), agreements=(agreed_slot(),),
                  article_count=5)


def report(**changes: object) -> IndexReport:
    values: dict[str, object] = dict(articles=5, chunks=56, embedded=10, reused=46,
                                     added=("005_new",), changed=("001_a65",),
                                     removed=("004_old",), seconds=3.25)
    values.update(changes)
    return IndexReport(**values)  # type: ignore[arg-type]
