"""Soak: a few thousand documents, hostile ones among them, ingested while the API is queried; the
store must come out identical to a clean run.

    .venv/bin/python benchmarks/soak.py                  # the whole run (a few minutes)
    .venv/bin/python benchmarks/soak.py --scale 0.05 --copies 2 --hold 5 --idle 4   # a quick one

What it does, with real processes (`eventlens ingest`, `eventlens serve`) on real SQLite files:
1. builds a corpus from the VOA stories in ../shared (whole stories, stories cut into short
   reports, wire copies that are near-duplicates, the PLOVER dev sentences, examples/) and hostile
   inputs (deeply nested JSON, bytes that are not UTF-8, binary, empty, huge, cut WARCs and gzipped
   WARCs, a 1.5 MB HTML page, a text too long after cleaning, a FIFO);
2. a clean run: `eventlens ingest` into clean.db, alone;
3. the soak run into soak.db: `eventlens serve` on it, client threads querying the API all along
   (idle first, then during the ingest), the ingest killed with SIGKILL part-way and run again;
4. a writer holding the database (BEGIN IMMEDIATE) for `--hold` seconds while the API is queried,
   then another program locking the file outright for a few seconds (the API must answer 503 +
   Retry-After, never 500);
5. compares soak.db with clean.db table by table (timestamps aside).
Figures: documents, run times, API latency p50/p95/max per phase, HTTP statuses per phase, and
whether the stores are identical. It prints; it asserts nothing (the exit status is 1 if the
stores differ or any request got a 500).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
VOA = SHARED / "corpus" / "voa" / "voa-stories.jsonl"
PLOVER_DEV = SHARED / "eval" / "plover-gsr-dev.jsonl"
ENDPOINTS = ("/api/stats", "/api/events?limit=50", "/api/events?actor=USA&limit=20", "/api/actors?limit=50",
             "/api/errors?limit=20", "/api/timeline?actor=USA&limit=20", "/")  # fmt: skip
TIMESTAMP_COLUMNS = {"ingested_at", "at"}


# -- the corpus ----------------------------------------------------------------------------------------
def write_jsonl(path: Path, records: list[dict]) -> int:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return len(records)


def good_documents(folder: Path, scale: float, copies: int) -> int:
    """Real news text in several shapes; returns how many documents."""
    stories = [json.loads(line) for line in VOA.read_text("utf-8").splitlines() if line.strip()]
    stories = stories[: max(5, int(len(stories) * scale))]
    n = write_jsonl(folder / "voa-stories.jsonl", [
        {"id": s["id"], "text": s["text"], "title": s["title"], "date": s["published"][:10], "url": s["url"],
         "source": "VOA"} for s in stories])  # fmt: skip
    chunks = []
    for story in stories:
        sentences = story["text"].replace("\n", " ").split(". ")
        for k in range(0, len(sentences) - 2, 3):
            text = ". ".join(sentences[k : k + 3]).strip() + "."
            chunks.append({"id": f"{story['id']}-part{k // 3}", "text": text, "date": story["published"][:10]})
    for start in range(0, len(chunks), 200):
        n += write_jsonl(folder / f"reports-{start // 200:02d}.jsonl", chunks[start : start + 200])
    wire = [{"id": f"{s['id']}-wire{c}", "text": f"WASHINGTON (Wire {c}) - {s['text']}", "title": s["title"],
             "source": f"Wire {c}", "date": s["published"][:10]} for c in range(copies) for s in stories]  # fmt: skip
    n += write_jsonl(folder / "wire-copies.jsonl", wire)
    plover = [json.loads(line) for line in PLOVER_DEV.read_text("utf-8").splitlines() if line.strip()]
    plover = plover[: max(10, int(len(plover) * scale))]
    plover = [{"id": r["id"], "text": r["text"], "date": r.get("date")} for r in plover]
    n += write_jsonl(folder / "plover.jsonl", plover)
    for example in sorted((REPO / "examples").glob("*")):
        if example.suffix in (".txt", ".html"):
            (folder / example.name).write_bytes(example.read_bytes())
            n += 1
    return n


def hostile_documents(folder: Path, fifo_dir: Path) -> tuple[int, list[Path]]:
    """Inputs that must each give a recorded error (or a warning) and stop nothing."""
    hostile = folder / "hostile"
    hostile.mkdir()
    story = json.loads(VOA.read_text("utf-8").splitlines()[0])
    good = json.dumps({"id": "hostile-good", "text": story["text"][:1500]}).encode() + b"\n"
    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
    (hostile / "deep.jsonl").write_bytes(deep + good + b'{"text": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001 + b"\n")
    (hostile / "bad-bytes.jsonl").write_bytes(json.dumps({"id": "bad-byte", "text": story["text"][1500:3000]})
                                              .encode().replace(b" the ", b" th\xffe ", 1) + b"\n")  # fmt: skip
    (hostile / "not-json.jsonl").write_bytes(b"{not json\n[1, 2]\n\"a string\"\n{\"text\": 5}\n")
    (hostile / "empty.jsonl").write_bytes(b"")
    (hostile / "empty.txt").write_bytes(b"")
    (hostile / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00" + bytes(range(256)) * 64)
    (hostile / "controls.txt").write_bytes(bytes(range(1, 9)) * 2000)
    with (hostile / "huge.txt").open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    long_text = ("The minister said the talks would continue next week in the capital. " * 9000)[:700_000]
    write_jsonl(hostile / "too-long.jsonl", [{"id": "too-long", "text": long_text}])
    (hostile / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000, "utf-8")
    (hostile / "heavy.html").write_bytes(heavy_page(story["title"], story["text"], 1_500_000))
    n = 14
    for percent in (50, 65, 80, 95):
        for gzipped in (False, True):
            cut_warc(hostile / f"cut-{percent}.warc{'.gz' if gzipped else ''}", story, gzipped, percent)
            n += 1
    fifo = fifo_dir / "a-fifo.jsonl"
    os.mkfifo(fifo)
    return n + 1, [fifo]


def heavy_page(title: str, text: str, size: int) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in text.split(". "))
    furniture = "<script>var s = {" + ",".join(f'"k{i}": "{"x" * 50}"' for i in range(300)) + "};</script>"
    page = f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article>"
    while len(page) < size:
        page += furniture + "<nav>" + "<a href='/s'>Section</a>" * 200 + "</nav>\n"
    return (page + "</body></html>").encode()


def cut_warc(path: Path, story: dict, gzipped: bool, percent: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for n in range(3):
        html = f"<html><head><title>{story['title']} ({n})</title></head><body><article><p>{n}: {story['text']}"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example.org/{path.name}/{n}", "response",
                            payload=io.BytesIO(html.encode()), http_headers=headers))  # fmt: skip
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) * percent // 100])


# -- processes -----------------------------------------------------------------------------------------
def eventlens(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventlens", *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "EVENTLENS_TOKEN"}
    proc = subprocess.Popen(eventlens("serve", "--db", str(db), "--port", str(port)), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(httpx.TransportError):
                httpx.get(base + "/api/health", timeout=1)
                break
            if proc.poll() is not None:
                raise SystemExit(f"serve failed: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class Load:
    """Client threads querying the API in a loop; each request recorded under the current phase."""

    def __init__(self, base: str, threads: int) -> None:
        self.base = base
        self.phase = "idle"
        self.records: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.retry_after: Counter[str] = Counter()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _run(self, offset: int) -> None:
        with httpx.Client(base_url=self.base, timeout=120) as client:
            n = offset
            while not self.stop.is_set():
                path = ENDPOINTS[n % len(ENDPOINTS)]
                n += 1
                phase, started = self.phase, time.perf_counter()
                try:
                    response = client.get(path)
                    status = response.status_code
                    if status == 503 and response.headers.get("retry-after"):
                        self.retry_after[phase] += 1
                except httpx.TransportError:
                    status = 0
                self.records[phase].append((status, time.perf_counter() - started))
                if status == 503:
                    time.sleep(0.5)


def run_ingest(corpus: Path, extra: list[Path], db: Path, kill_at: int | None = None) -> tuple[float, int, bool]:
    """`eventlens ingest`; with `kill_at`, SIGKILL once the store holds that many articles."""
    started = time.perf_counter()
    proc = subprocess.Popen(eventlens("ingest", str(corpus), *map(str, extra), "--db", str(db), "--quiet"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    killed = False
    while proc.poll() is None:
        time.sleep(0.5)
        if kill_at is not None and count_articles(db) >= kill_at:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed = True
            break
    return time.perf_counter() - started, proc.returncode, killed


def count_articles(db: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@contextlib.contextmanager
def writer_holding(db: Path, exclusive: bool = False) -> Iterator[None]:
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    if exclusive:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta (key, value) VALUES ('soak-writer', 'held')")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


# -- comparing stores ------------------------------------------------------------------------------
def fingerprint(db: Path) -> dict[str, tuple[int, str]]:
    """Per table: row count and a digest of its sorted rows (timestamp columns left out)."""
    out = {}
    with contextlib.closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in TIMESTAMP_COLUMNS]
            rows = sorted(repr(tuple(row[i] for i in keep)) for row in cursor)
            if table == "meta":
                rows = [r for r in rows if "soak-writer" not in r]
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    return out


def latency_table(load: Load) -> list[str]:
    lines = [f"{'phase':<22}{'requests':>9}{'p50 s':>8}{'p95 s':>8}{'max s':>8}  statuses"]
    for phase, records in load.records.items():
        times = sorted(t for _s, t in records)
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else 0.0
        statuses = Counter(s for s, _t in records)
        shown = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
        retry = f" (Retry-After on {load.retry_after[phase]})" if load.retry_after[phase] else ""
        median = statistics.median(times) if times else 0.0
        slowest = max(times, default=0.0)
        lines.append(f"{phase:<22}{len(times):>9}{median:>8.3f}{p95:>8.3f}{slowest:>8.3f}  {shown}{retry}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.3, help="share of the VOA stories used (0-1)")
    parser.add_argument("--copies", type=int, default=60, help="wire copies (near-duplicates) of each story")
    parser.add_argument("--threads", type=int, default=2, help="API client threads")
    parser.add_argument("--hold", type=float, default=60, help="seconds a writer holds the database")
    parser.add_argument("--idle", type=float, default=20, help="seconds of queries with no ingest")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventlens-soak-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        n_good = good_documents(corpus, args.scale, args.copies)
        n_hostile, extra = hostile_documents(corpus, work)
        print(f"corpus: {n_good} good documents, {n_hostile} hostile inputs")
        clean_db, soak_db = work / "clean.db", work / "soak.db"
        seconds, status, _ = run_ingest(corpus, extra, clean_db)
        clean_articles = count_articles(clean_db)
        print(f"clean run: {seconds:.1f} s, exit status {status}, {clean_articles} articles stored")
        report = soak(corpus, extra, soak_db, clean_articles, args)
        same = fingerprint(clean_db) == fingerprint(soak_db)
        for line in report:
            print(line)
        differ = [t for t, v in fingerprint(clean_db).items() if fingerprint(soak_db).get(t) != v]
        print(f"store after kill -9 + rerun, under queries: {'IDENTICAL to the clean run' if same else 'DIFFERENT'}"
              + (f" (tables: {', '.join(differ)})" if differ else ""))  # fmt: skip
        with contextlib.closing(sqlite3.connect(clean_db)) as conn:
            errors = conn.execute("SELECT stage, count(*) FROM ingest_errors GROUP BY stage").fetchall()
        print("recorded errors by stage (clean run): " + ", ".join(f"{s}: {n}" for s, n in errors))
        return 0 if same and "500:" not in "\n".join(report) else 1


def soak(corpus: Path, extra: list[Path], db: Path, clean_articles: int, args: argparse.Namespace) -> list[str]:
    report = []
    subprocess.run(eventlens("migrate", "--db", str(db)), check=True, stdout=subprocess.DEVNULL)
    with serving(db) as base, Load(base, args.threads) as load:
        time.sleep(args.idle / 2)  # idle on an empty store
        load.phase = "ingest (killed)"
        seconds, _status, killed = run_ingest(corpus, extra, db, kill_at=int(clean_articles * 0.4))
        report.append(f"soak ingest: SIGKILL after {seconds:.1f} s at {count_articles(db)} articles ({killed=})")
        load.phase = "ingest (rerun)"
        seconds, status, _ = run_ingest(corpus, extra, db)
        report.append(f"soak rerun: {seconds:.1f} s, exit status {status}, {count_articles(db)} articles")
        load.phase = "idle (full store)"
        time.sleep(args.idle)
        with writer_holding(db):
            load.phase = "writer holds (WAL)"
            time.sleep(args.hold)
        load.phase = "waiting for the lock"
        with writer_holding(db, exclusive=True):
            load.phase = "file locked outright"
            time.sleep(15)
        load.phase = "after"
        time.sleep(3)
    report += latency_table(load)
    return report


if __name__ == "__main__":
    sys.exit(main())
