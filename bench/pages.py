"""Benchmarks for issue 2: the card PDF and the server time of the public pages.

    .venv/bin/python bench/pages.py        (or: make bench)

Not a test: it prints figures for BENCHMARKS.md. It uses its own SQLite file in
a temporary folder and starts the real app (`ledertrivsel serve`) for the HTTP part.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

VAR = Path(tempfile.mkdtemp(prefix="ledertrivsel-bench-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
        "LEDERTRIVSEL_VAR_DIR": str(VAR),
        "DATABASE_URL": f"sqlite:///{VAR / 'bench.sqlite3'}",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from ledertrivsel.content.models import Tool  # noqa: E402
from ledertrivsel.printing.cards import render_cards  # noqa: E402

PAGES = ["/", "/redskaber/organisationen/", "/en/redskaber/ledergruppen/", "/tilgaengelighed/"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(samples_ms):
    return (
        f"p50 {statistics.median(samples_ms):.1f} ms · p95 {percentile(samples_ms, 0.95):.1f} ms · "
        f"p99 {percentile(samples_ms, 0.99):.1f} ms · max {max(samples_ms):.1f} ms (n={len(samples_ms)})"
    )


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def bench_card_pdf():
    tool = Tool.objects.get(number=1)
    cold = timed(lambda: render_cards(tool), 1)[0]  # first call registers and subsets the fonts
    warm = timed(lambda: render_cards(tool), 50)
    print(f"Tool 1 card PDF, first call in the process: {cold:.1f} ms")
    print(f"Tool 1 card PDF, warm: {summary(warm)}")
    # What a user of `ledertrivsel print` waits for, including Python start-up.
    output = VAR / "kort.pdf"
    cli = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "ledertrivsel.cli", "print", "cards", "1", "-o", str(output)],
            check=True,
            capture_output=True,
        ),
        5,
    )
    print(f"`ledertrivsel print cards 1` as a whole command: {summary(cli)}")


def bench_in_process():
    client = Client()
    for path in PAGES:
        client.get(path)  # warm the template cache
        samples = timed(lambda: client.get(path), 300)
        print(f"Server time in process {path}: {summary(samples)}")


def bench_http():
    port = 8765
    server = subprocess.Popen(
        [sys.executable, "-m", "ledertrivsel.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        for path in PAGES:
            urllib.request.urlopen(base + path).read()
            samples = timed(lambda: urllib.request.urlopen(base + path).read(), 300)
            print(f"HTTP round trip via uvicorn {path}: {summary(samples)}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, Django {django.get_version()}")
    bench_card_pdf()
    bench_in_process()
    bench_http()
