"""`unspin ingest` killed mid-way (SIGKILL, then Ctrl-C) and re-run, on SQLite and PostgreSQL: no document lost, none duplicated."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

from unspin.store import content_hash

WORDS = "talks army grain port minister court energy treaty village summit border sanctions drone harbour".split()


def count(url: str, table: str = "documents") -> int:
    """Rows in a table of the store at ``url`` (0 while it does not exist yet)."""
    if url.startswith("sqlite:///"):
        try:
            with sqlite3.connect(f"file:{url.removeprefix('sqlite:///')}?mode=ro", uri=True, timeout=5) as conn:
                return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        except sqlite3.Error:
            return 0
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except psycopg.Error:
        return 0


def run_until(args, db, env, sig, at_least: int) -> tuple[int, int]:
    """Start the ingest, send ``sig`` once ``at_least`` documents are committed; (returncode, stored)."""
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if count(db) >= at_least:
            process.send_signal(sig)
            break
        time.sleep(0.02)
    process.wait(timeout=60)
    return process.returncode, count(db)


def test_resume_after_kill_and_interrupt(tmp_path, unspin_home, store_url):
    rng = random.Random(7)
    texts = [" ".join(rng.choice(WORDS) + str(rng.randint(0, 99)) for _ in range(60)) + "." for _ in range(2500)]
    rows = [{"id": f"r{i}", "text": texts[i], "outlet": f"o{i % 5}.example", "date": "2023-05-0%d" % (1 + i % 9)}
            for i in range(len(texts))]
    rows += [{"id": f"dup{i}", "text": texts[i * 7], "outlet": "copy.example"} for i in range(300)]
    rng.shuffle(rows)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = store_url
    env = {**__import__("os").environ, "UNSPIN_HOME": str(unspin_home)}
    args = [sys.executable, "-c", "from unspin.cli import app; app()", "ingest", str(corpus), "--db", db,
            "--components", "", "--batch-size", "50"]
    distinct = len({content_hash(t) for t in texts})

    code, after_kill = run_until(args, db, env, signal.SIGKILL, 100)
    assert code == -signal.SIGKILL, "the ingest finished before it could be killed: make the corpus larger"
    assert 0 < after_kill < distinct
    code, after_interrupt = run_until(args, db, env, signal.SIGINT, after_kill + 200)
    assert after_interrupt >= after_kill
    finished = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    print(f"\n{db.split(':')[0]}: killed at {after_kill} stored, interrupted (rc {code}) at {after_interrupt}, "
          f"finished with {count(db)} of {distinct} distinct")
    assert count(db) == distinct
    assert count(db, "occurrences") == len(rows)
    assert count(db, "documents_fts") == count(db, "minhashes") == distinct
    assert "0 analysed and stored" in subprocess.run(args, env=env, capture_output=True, text=True, timeout=120).stderr
