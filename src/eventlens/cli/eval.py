"""`eventlens eval GOLD.jsonl`: score the event coder against a gold file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click
from tqdm import tqdm

from ..evaluation import default_seed_corpus, evaluate_plover, evaluate_seed, format_plover, format_seed, read_gold
from ..evaluation_docs import (
    articles_for,
    default_docs_corpus,
    default_docs_file,
    evaluate_docs,
    format_docs,
    read_docs_gold,
)
from ..lens import EventLens, load
from ..model import Article, Document
from .options import min_confidence_option, model_option, settings_from


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", is_flag=True, help="List the misses with their sentence and the events coded.")
@click.option("--corpus", type=click.Path(exists=True), help="Seed or document gold: where its articles are.")
@click.option("--docs", "docs_file", type=click.Path(exists=True, dir_okay=False),
              help="Document gold: the list of annotated articles (default: the -docs file beside GOLD).")  # fmt: skip
@model_option
@min_confidence_option
def eval_cmd(
    gold: str, errors: bool, corpus: str | None, docs_file: str | None, model: str | None,
    min_confidence: float | None,
) -> None:  # fmt: skip
    """Code the sentences (or articles) of GOLD and print how right the coder is.

    GOLD is a PLOVER gold-record file (type accuracy, per-type P/R/F1, actor countries, confusion
    table), a whole-article gold file (precision, recall and F1 of the stored events, lenient
    figures, per-root figures, dates and places; the rules of gold/ANNOTATION.md) or a seed gold file."""
    kind, records = read_gold(gold)
    lens = load(settings_from(model=model, min_confidence=min_confidence))
    if kind == "docs":
        _eval_docs(lens, gold, docs_file, corpus, errors)
        return
    n_docs = len(records) if kind == "plover" else len({r.get("doc") for r in records})

    def process(articles: Iterable[Article]) -> Iterator[Document]:
        with tqdm(total=n_docs, unit=" doc", desc="eval", file=sys.stderr, dynamic_ncols=True) as bar:
            for doc in lens.process(articles):
                bar.update(1)
                yield doc

    if kind == "plover":
        click.echo(format_plover(evaluate_plover(records, process), errors=errors))
    else:
        report = evaluate_seed(records, process, corpus or default_seed_corpus(gold))
        click.echo(format_seed(report, errors=errors))


def _eval_docs(lens: EventLens, gold: str, docs_file: str | None, corpus: str | None, errors: bool) -> None:
    events_gold, doc_ids = read_docs_gold(gold, docs_file or default_docs_file(gold))
    articles = list(articles_for(doc_ids, corpus or default_docs_corpus(gold)))
    if not articles:
        raise click.ClickException(f"none of the {len(doc_ids)} annotated articles was found in the corpus")
    events = []
    with tqdm(total=len(articles), unit=" doc", desc="eval", file=sys.stderr, dynamic_ncols=True) as bar:
        for doc in lens.process(articles):
            bar.update(1)
            if doc.error is None:
                events.extend(doc.events)
    click.echo(format_docs(evaluate_docs(events_gold, doc_ids, events), errors=errors))
