"""Load test of `storydiff serve` on loopback: 20 concurrent clients posting /api/compare, bounded in time.

Two workloads: the same pair again and again (served from the recent comparisons after the first
request), and a pair made new for every request (each sentence gets the request number, so every vector
is computed).
"""

from __future__ import annotations

import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time

from benchmarks.common import Config, Section

CLIENTS = 20


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(port: int, make_body, seconds: float) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.perf_counter() < stop:
            body = json.dumps(make_body(next(counter)))
            t = time.perf_counter()
            try:
                conn.request("POST", "/api/compare", body, {"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                latencies.append(time.perf_counter() - t)
                errors += not ok

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return len(latencies), errors, latencies + [time.perf_counter() - start]


def _fresh(text: str, n: int) -> str:
    """Every sentence changed: the request number after each full stop and before each line."""
    return "\n".join(
        f"{n} {line}" if line.strip() else line for line in text.replace(". ", f" {n}. ").split("\n")
    )


def _serve(workers: int, results: str) -> tuple[subprocess.Popen, int]:
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "storydiff", "serve", "--port", str(port), "--workers", str(workers)]
        + ["--results", results],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/api/health")
            conn.getresponse().read()
            break
        except OSError:
            time.sleep(0.1)
    return server, port


def run(cfg: Config) -> Section:
    import tempfile

    pair = cfg.examples / "seed-pair"
    a = (pair / "web-copy.txt").read_text(encoding="utf-8")
    b = (pair / "rewrite.txt").read_text(encoding="utf-8")
    section = Section(
        "Web: load test on loopback",
        f"`python -m benchmarks --only web`: {CLIENTS} concurrent clients (threads, keep-alive) posting the "
        "seed pair to `/api/compare` of `storydiff serve` for a fixed time; one server process, then two "
        "(`--workers 2`, each encoder on one thread).",
        ["workload", "server", "requests", "errors", "requests/s", "p50 latency (s)", "p95 latency (s)"],
    )
    seconds = 8 if cfg.quick else 20
    workloads = [
        ("same pair each time (comparison reused)", lambda n: {"a": a, "b": b}),
        ("new pair each time (every sentence new)", lambda n: {"a": _fresh(a, n), "b": _fresh(b, n)}),
    ]
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as results:
            server, port = _serve(workers, results)
            try:
                # every worker loads its models before the clock starts (the first requests pay for it)
                _load(port, lambda n: {"a": _fresh(a, -1 - n), "b": _fresh(b, -1 - n)}, 4)
                for name, body in workloads:
                    count, errors, lat = _load(port, body, seconds)
                    wall = lat.pop()
                    q = statistics.quantiles(lat, n=20) if len(lat) > 1 else [lat[0]] * 19
                    section.rows.append(
                        [
                            name,
                            f"{workers} worker{'s' if workers > 1 else ''}",
                            str(count),
                            str(errors),
                            f"{count / wall:.1f}",
                            f"{statistics.median(lat):.2f}",
                            f"{q[18]:.2f}",
                        ]
                    )
            finally:
                server.terminate()
                server.wait(timeout=30)
    return section
