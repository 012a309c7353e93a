"""Load-test the API on loopback: N concurrent clients against a real `unspin serve` process.

    .venv/bin/python bench/bench_api.py --db sqlite:////tmp/corpus.sqlite --clients 50 --requests 3000 --seconds 30

The server runs in its own process (uvicorn, one worker) with the given components ('' = none,
the default, so the bench measures the web layer and the store, not the models). Each client
loops over a mix of requests (analyze, search, stats, a document, clusters, outlets) until the
request budget or the time budget is spent. Prints p50/p99 latency per endpoint and overall,
throughput, and error counts. An empty store gets a few hundred documents first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

WORDS = "russia ukraine nato sanctions grain energy war election europe army".split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def seed(client: httpx.AsyncClient, n: int) -> None:
    rng = random.Random(1)
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(200)) + f" Article {i}."
        await client.post("/api/documents", json={"text": text, "outlet": f"o{i % 5}.example", "published": "2024-01-0%d" % (1 + i % 9)})


async def run(base: str, clients: int, budget: int, seconds: float) -> dict:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    samples: list[str] = []
    issued = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        stats = (await client.get("/api/stats")).json()
        if stats["documents"] < 50:
            await seed(client, 300)
        hits = (await client.get("/api/search", params={"q": "russia", "limit": 50})).json()["results"]
        ids = [h["id"] for h in hits] or ["missing"]
        article = (Path(__file__).resolve().parents[1] / "README.md").read_text()[:4000]

        def requests(rng: random.Random):
            kind = rng.choices(["analyze", "search", "stats", "document", "clusters", "outlets"], [3, 3, 1, 3, 1, 1])[0]
            if kind == "analyze":
                return kind, client.post("/api/analyze", json={"text": article + f" {rng.random()}"})
            if kind == "search":
                return kind, client.get("/api/search", params={"q": " ".join(rng.sample(WORDS, 2))})
            if kind == "document":
                return kind, client.get(f"/api/documents/{rng.choice(ids)}")
            return kind, client.get(f"/api/{kind}")

        async def worker(n: int) -> None:
            nonlocal issued
            rng = random.Random(n)
            while issued < budget and time.perf_counter() < deadline:
                issued += 1
                kind, pending = requests(rng)
                started = time.perf_counter()
                try:
                    response = await pending
                    ok = response.status_code < 400
                    if not ok and len(samples) < 5:
                        samples.append(f"{kind}: HTTP {response.status_code} {response.text[:200]}")
                except httpx.HTTPError as error:
                    ok = False
                    if len(samples) < 5:
                        samples.append(f"{kind}: {type(error).__name__}: {error}")
                latencies[kind].append(time.perf_counter() - started)
                if not ok:
                    errors[kind] += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.perf_counter() - started
    every = [v for values in latencies.values() for v in values]
    table = {kind: {"n": len(v), "p50_ms": round(percentile(v, .5) * 1000, 1), "p99_ms": round(percentile(v, .99) * 1000, 1),
                    "errors": errors.get(kind, 0)} for kind, v in sorted(latencies.items())}
    return {"clients": clients, "requests": len(every), "seconds": round(elapsed, 1), "rps": round(len(every) / elapsed, 1),
            "p50_ms": round(percentile(every, .5) * 1000, 1), "p99_ms": round(percentile(every, .99) * 1000, 1),
            "mean_ms": round(statistics.fmean(every) * 1000, 1) if every else None,
            "errors": sum(errors.values()), "error_samples": samples, "by_endpoint": table}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="Store URL (default: a new SQLite store, seeded with 300 documents).")
    parser.add_argument("--components", default="", help="Components the server runs ('' = none).")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="Total request budget.")
    parser.add_argument("--seconds", type=float, default=30.0, help="Time budget.")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="unspin-bench-api-")
    db = args.db or f"sqlite:///{Path(folder.name) / 'corpus.sqlite'}"
    port = free_port()
    env = {**os.environ, "UNSPIN_HOME": os.environ.get("UNSPIN_HOME") or folder.name}
    env.pop("UNSPIN_API_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-c", "from unspin.cli import app; app()", "serve", "--db", db, "--port", str(port),
                               "--components", args.components], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                sys.exit(f"server exited: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        report = asyncio.run(run(base, args.clients, args.requests, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=20)
        folder.cleanup()
    print(json.dumps(report, indent=1))
    print(f"{report['clients']} clients, {report['requests']} requests in {report['seconds']} s ({report['rps']} req/s): "
          f"p50 {report['p50_ms']} ms, p99 {report['p99_ms']} ms, {report['errors']} errors", file=sys.stderr)


if __name__ == "__main__":
    main()
