"""Near-duplicate articles (MinHash/LSH): linked to the original, not coded as new events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventlens
from eventlens.model import Article, Document
from eventlens.store import EventQuery
from eventlens.store.dedup import MIN_SHINGLES, Signer, shingles

REWRITES = Path(__file__).resolve().parents[1] / "fixtures" / "rewrites"


def rewrite(name: str) -> dict[str, str]:
    return json.loads((REWRITES / f"{name}.jsonl").read_text(encoding="utf-8"))


def syndicated_copy(record: dict[str, str], outlet: str, new_id: str) -> dict[str, str]:
    """Wire copy as another outlet runs it: own headline, last paragraph cut, a credit line added."""
    paragraphs = record["text"].split("\n\n")
    return {
        **record,
        "id": new_id,
        "source": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{new_id}",
        "title": "Turkish, Syrian spy chiefs meet in Moscow",
        "text": "\n\n".join([*paragraphs[:-1], "(Compiled by our foreign desk)"]),
    }


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# -- signatures -------------------------------------------------------------------------------------


def test_identical_texts_have_identical_signatures() -> None:
    text = rewrite("levant-wire")["text"]
    signer = Signer()
    assert signer.sign(text).jaccard(Signer().sign(text)) == 1.0


def test_a_copy_is_similar_and_rewrites_are_not(seed_path: Path) -> None:
    signer = Signer()
    levant = rewrite("levant-wire")
    copy = signer.sign(syndicated_copy(levant, "Gulf Courier", "c1")["text"])
    assert copy.jaccard(signer.sign(levant["text"])) >= 0.6
    texts = [seed_path.read_text(encoding="utf-8")] + [rewrite(n)["text"] for n in ("anatolia-ledger", "eastern-desk")]
    texts.append(levant["text"])
    signatures = [signer.sign(t) for t in texts]
    for i, a in enumerate(signatures):
        for b in signatures[i + 1 :]:
            assert a.jaccard(b) < 0.2  # same facts, other wording: not near-duplicates


def test_short_texts_are_not_judged() -> None:
    short = "Fidan met Mamlouk in Moscow on Monday, officials said."
    assert len(shingles(short)) < MIN_SHINGLES
    assert not Signer().sign(short).usable


def test_signature_round_trip_and_buckets() -> None:
    signature = Signer().sign(rewrite("eastern-desk")["text"])
    again = type(signature).from_hex(signature.to_hex(), signature.num_shingles)
    assert again.jaccard(signature) == 1.0 and again.buckets() == signature.buckets()
    assert len(set(signature.buckets())) == len(signature.buckets())


# -- in the store -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_syndicated_copy_is_linked_not_recoded(lens: eventlens.EventLens, store, tmp_path: Path) -> None:
    levant = rewrite("levant-wire")
    lens.ingest([write_jsonl(tmp_path / "original.jsonl", [levant])], store)
    before = {e.id: e for e in store.query_events(EventQuery(limit=1000))}
    copies = [syndicated_copy(levant, "Gulf Courier", "copy-1"), syndicated_copy(levant, "Nile Post", "copy-2")]
    summary = lens.ingest([write_jsonl(tmp_path / "copies.jsonl", copies)], store)
    assert (summary.stored, summary.duplicates, summary.events) == (2, 2, 0)
    assert store.duplicate_of("copy-1") == store.duplicate_of("copy-2") == levant["id"]
    assert store.duplicate_of(levant["id"]) is None
    after = {e.id: e for e in store.query_events(EventQuery(limit=1000))}
    assert after.keys() == before.keys()  # no new events
    copy_text = store.get_article("copy-1").text
    carried = 0
    for event_id, event in after.items():
        assert (event.num_articles, event.num_sources) == (3, 3)
        copied = [m for m in event.mentions if m.article_id.startswith("copy-")]
        # the evidence sentences the copies kept (not the original's own headline) are mentions in each copy
        kept = [m for m in before[event_id].mentions if m.text in copy_text]
        assert len(copied) == 2 * len(kept)
        carried += len(copied)
        assert event.num_mentions == len(event.mentions) == len(before[event_id].mentions) + len(copied)
        for mention in copied:  # the spans point into the copy's own stored text
            article = store.get_article(mention.article_id)
            assert article is not None and article.text[mention.start : mention.end] == mention.text
    assert carried > 0
    # ingesting the copies again adds nothing
    counts = store.counts()
    again = lens.ingest([tmp_path / "copies.jsonl"], store)
    assert again.skipped == 2 and store.counts() == counts


@pytest.mark.slow
def test_copy_processed_in_the_same_batch_is_linked_at_save_time(lens: eventlens.EventLens, store) -> None:
    """When the check before coding cannot see the original yet, saving links the copy all the same."""
    levant = rewrite("levant-wire")
    copy = syndicated_copy(levant, "Gulf Courier", "copy-1")
    docs = list(lens.process([Article(id=r["id"], text=r["text"], title=r["title"], outlet=r["source"], fmt="jsonl")
                              for r in (levant, copy)]))  # fmt: skip
    assert all(d.error is None and d.events for d in docs)
    assert store.save_document(docs[0]) and store.save_document(docs[1])
    assert store.duplicate_of("copy-1") == levant["id"]
    assert all(e.num_articles == 2 for e in store.query_events(EventQuery()))
    assert store.counts().events == len(docs[0].events)


def test_find_near_duplicate(store) -> None:
    text = rewrite("anatolia-ledger")["text"]
    doc = Document(article=Article(id="orig", text=text, outlet="A"), text=text)
    assert store.find_near_duplicate(text) is None
    store.save_document(doc)
    assert store.find_near_duplicate(text) == "orig"
    assert store.find_near_duplicate(text, exclude="orig") is None
    assert store.find_near_duplicate(rewrite("eastern-desk")["text"]) is None
    assert store.find_near_duplicate("Fidan met Mamlouk.") is None


def test_near_duplicate_without_events_is_still_linked(store) -> None:
    text = rewrite("eastern-desk")["text"]
    store.save_document(Document(article=Article(id="orig", text=text, outlet="A"), text=text))
    copy = text.replace("Monday", "Monday evening")
    assert store.save_document(Document(article=Article(id="copy", text=copy, outlet="B"), text=copy))
    assert store.duplicate_of("copy") == "orig"
    assert store.counts().articles == 2


def test_updated_version_of_a_story_is_linked(store) -> None:
    original = rewrite("levant-wire")["text"]
    update = (
        "UPDATED with reaction from Ankara.\n\n" + original + "\n\nA Turkish ministry spokesman declined to comment "
        "on the meeting on Tuesday. Syria's foreign ministry did not reply to questions about further talks."
    )
    store.save_document(Document(article=Article(id="v1", text=original, outlet="Levant Wire"), text=original))
    assert store.save_document(Document(article=Article(id="v2", text=update, outlet="Levant Wire"), text=update))
    assert store.duplicate_of("v2") == "v1"
