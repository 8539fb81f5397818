"""A dictionary-only actor baseline on petr2-gsr: no parse, no event structure.

Each sentence's knowledge-base names and agent nouns are read left to right: the first that has a
country is the source, the next with another country the target (PETRARCH-style "first actor before
the verb, next after it", without the verb). Scored with the evaluation module's country matching,
one judgement per gold coding, as ``whimbrel eval petr2-gsr`` does.

Usage: ``python scripts/actors_baseline.py --data ../shared/data``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from whimbrel.actors.knowledge import knowledge_base
from whimbrel.config import Config
from whimbrel.evaluation import gold as g
from whimbrel.evaluation.metrics import ratio
from whimbrel.evaluation.scoring import country_matches
from whimbrel.language.analysis import load_nlp
from whimbrel.records.schema import ActorRef


def dictionary_actors(doc, date: dt.date | None) -> tuple[list[ActorRef], list[ActorRef]]:
    """The first named country in the sentence as source, the next other one as target."""
    kb = knowledge_base()
    found: list[str] = []
    for match in sorted(kb.name_matches(doc), key=lambda m: m.start):
        role = match.entry.role_at(date) if match.entry else None
        country = role.country if role else (match.entry.any_country() if match.entry else None)
        if country and (not found or country != found[-1]):
            found.append(country)
    source = [ActorRef(text="", country=found[0])] if found else []
    target = [ActorRef(text="", country=found[1])] if len(found) > 1 else []
    return source, target


def main() -> None:
    """Print the baseline's source and target country accuracy on petr2-gsr as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="../shared/data")
    args = parser.parse_args()
    items = [i for i in g.load_petr2_gsr(args.data, "all") if i.cameo is not None]
    nlp = load_nlp(Config().spacy_model)
    docs = {text: doc for doc, text in nlp.pipe(((i.text, i.text) for i in items), as_tuples=True)}
    source_hits, target_hits = [], []
    for item in items:
        source, target = dictionary_actors(docs[item.text], item.date)
        if item.source_countries:
            source_hits.append(country_matches(item.source_countries, source))
        if item.target_countries:
            target_hits.append(country_matches(item.target_countries, target))
    print(json.dumps({
        "source_country_accuracy": ratio(sum(source_hits), len(source_hits)),
        "target_country_accuracy": ratio(sum(target_hits), len(target_hits)),
        "source_n": len(source_hits),
        "target_n": len(target_hits),
    }, indent=2))


if __name__ == "__main__":
    main()
