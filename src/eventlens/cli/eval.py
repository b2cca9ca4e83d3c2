"""`eventlens eval GOLD.jsonl`: score the event coder against a gold file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click
from tqdm import tqdm

from ..evaluation import default_seed_corpus, evaluate_plover, evaluate_seed, format_plover, format_seed, read_gold
from ..lens import load
from ..model import Article, Document
from .options import model_option, settings_from


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", is_flag=True, help="List the misses with their sentence and the events coded.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), help="Seed gold: where its articles are.")
@model_option
def eval_cmd(gold: str, errors: bool, corpus: str | None, model: str | None) -> None:
    """Code the sentences (or articles) of GOLD and print accuracy, per-type P/R/F1, actor
    countries and a confusion table. GOLD is a PLOVER gold-record file or a seed gold file."""
    kind, records = read_gold(gold)
    lens = load(settings_from(model=model))
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
