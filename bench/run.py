"""The benchmark behind `make bench`: the production stack (bin/prod) with 1,000, 10,000 and
100,000 press releases, measured with wrk through the nginx cache and straight to gunicorn.

    .venv/bin/python bench/run.py --sizes 1000,10000,100000 --duration 10

For each size: bench/generate.py adds releases; then for every page (home, news index first
and deep page, a release, a project with many releases, an organisation, search, the RSS feed, the
API listing) the SQL queries per request (first after a publish, and after), and wrk's
requests per second and latency (p50, p99) both cached and uncached, next to a static file of
the same nginx. At the largest size also: publish to visible, a 60-second run at 4 times the
uncached rate, and the memory of each gunicorn worker. Results: bench/results/<size>.json,
bench/RESULTS.md (tables) and bench/throughput.png (the picture).
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HTTP_PORT = int(os.environ.get("HTTP_PORT", 8090))
APP_PORT = int(os.environ.get("APP_PORT", 8092))
CACHED = f"http://127.0.0.1:{HTTP_PORT}"
STRAIGHT = f"http://127.0.0.1:{APP_PORT}"
# What every browser sends: pages and static files are measured as readers get them (nginx
# sends the same to the app, so the uncached rate includes the app's compression).
BROWSER = ("Accept-Encoding: gzip",)
STACK_ENV = {
    "HTTP_PORT": str(HTTP_PORT),
    "APP_PORT": str(APP_PORT),
    "PURGE_PORT": os.environ.get("PURGE_PORT", "8091"),
    "PG_PORT": os.environ.get("PG_PORT", "55433"),
    "REDIS_PORT": os.environ.get("REDIS_PORT", "56380"),
}

# What a page's first request after a publish and the ones after it cost, and its address.
URLS_SCRIPT = """
import json
from django.core.paginator import Paginator
from news.models import NewsIndexPage, PressReleasePage
from projects.models import OrganisationPage, ProjectPage
index = NewsIndexPage.objects.get(locale__language_code="lv")
releases = PressReleasePage.objects.child_of(index).live().count()
deep = min(500, Paginator(range(releases), index.releases_per_page).num_pages)
lv = index.locale
release = PressReleasePage.objects.filter(locale=lv, slug__startswith="bench-").order_by("pk")
release = release[release.count() // 2]
project = ProjectPage.objects.filter(locale=lv, slug="bench-project-1").first()
organisation = OrganisationPage.objects.filter(locale=lv, slug="bench-organisation-1").first()
print(json.dumps({
    "releases": releases,
    "deep_page": deep,
    "urls": {
        "home": "/lv/",
        "news index": index.url,
        f"news index p.{deep}": f"{index.url}?page={deep}",
        "release": release.url,
        "project": project.url,
        "organisation": organisation.url,
        "search": "/lv/search/?q=uz%C5%86%C4%93m%C4%93ji",
        "RSS feed": f"{index.url}feed/rss/",
        "API listing": "/api/v2/pages/?type=news.PressReleasePage&locale=lv&fields=release_date",
    },
}))
"""

QUERIES_SCRIPT = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from portal.core import content_cache
urls = json.loads(sys.stdin.read())
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for name, url in urls.items():
    client.get(url)
    content_cache.bump()
    counts[name] = {}
    for state in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        assert status == 200, (url, status)
        counts[name][state] = len(queries)
print(json.dumps(counts))
"""

PUBLISH_SCRIPT = """
import json, os, threading, time, urllib.request
from news.models import PressReleasePage
url = os.environ["BENCH_ARGUMENT"]
slug = url.rstrip("/").split("/")[-1]


def publish_and_watch(attempt):
    # A reader asks for the page through nginx every 5 ms from the moment the editor's publish
    # starts; visible = the first answer with the new title. The publish goes on after that
    # (the list pages' purges, the task queue), but the reader no longer waits for it.
    page = PressReleasePage.objects.get(slug=slug, locale__language_code="lv")
    marker = f"Publish test {attempt} {time.time()}"
    seen = {}

    def watch():
        while marker not in urllib.request.urlopen(url).read().decode():
            time.sleep(0.005)
        seen["at"] = time.perf_counter()

    reader = threading.Thread(target=watch)
    page.title = marker
    started = time.perf_counter()
    reader.start()
    page.save_revision().publish()
    done = time.perf_counter()
    reader.join(timeout=30)
    return {"visible": seen["at"] - started, "publish_returned": done - started}


first = publish_and_watch("first")  # a new process: imports, connections, templates
timings = [publish_and_watch(attempt) for attempt in range(5)]
print(json.dumps({"first_in_new_process": first, "timings": timings}))
"""


def say(message):
    print(f"bench: {message}", flush=True)


def stack(*args, env=None, capture=False):
    return subprocess.run(
        ["bin/prod", *args],
        cwd=ROOT,
        env={**os.environ, **STACK_ENV, **(env or {})},
        check=True,
        text=True,
        capture_output=capture,
    )


def manage(script, argument="", stdin=None):
    """Python run with the app's production environment (bin/prod env); it finds `argument`
    in BENCH_ARGUMENT."""
    command = f'source "$PROD_DIR/env" && {PYTHON} manage.py shell -v0 -c "$SCRIPT"'
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env={**os.environ, **STACK_ENV, "SCRIPT": script, "BENCH_ARGUMENT": argument},
        input=stdin,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"bench: the script in manage.py shell failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def generate(size):
    command = f'source "$PROD_DIR/env" && {PYTHON} bench/generate.py --releases {size}'
    subprocess.run(["bash", "-c", command], cwd=ROOT, env={**os.environ, **STACK_ENV}, check=True)


UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}


def wrk(url, duration, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    command.append(url)
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        if found is None:  # not in wrk's output (kept in "wrk_latency" to see why)
            return None
        value, unit = found.groups()
        return float(value) * UNITS[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "wrk_latency": re.findall(r"^\s+\d+%.*$", output, re.M),
    }


ROUNDS = 3


def side_by_side(static_url, page_url, options):
    """The static file and the page in ROUNDS alternating wrk runs each; their means."""
    seconds = max(3, options.duration // ROUNDS)
    runs = {"static": [], "page": []}
    for _round in range(ROUNDS):
        runs["static"].append(wrk(static_url, seconds, options.connections, BROWSER))
        runs["page"].append(wrk(page_url, seconds, options.connections, BROWSER))
    return merged(runs["static"]), merged(runs["page"])


def merged(runs):
    p50s = [run["p50_ms"] for run in runs if run["p50_ms"] is not None]
    p99s = [run["p99_ms"] for run in runs if run["p99_ms"] is not None]
    return {
        "rps": statistics.mean(run["rps"] for run in runs),
        "rounds_rps": [run["rps"] for run in runs],
        "p50_ms": statistics.median(p50s) if p50s else None,
        "p99_ms": max(p99s) if p99s else None,
        "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "wrk_latency": [line for run in runs for line in run["wrk_latency"]],
    }


def warm(url, times=3):
    for _time in range(times):
        urllib.request.urlopen(url, timeout=120).read()


def static_url():
    html = urllib.request.urlopen(CACHED + "/lv/", timeout=60).read().decode()
    return re.search(r'href="(/static/[^"]+\.css)"', html).group(1)


def measure_size(size, options):
    say(f"{size:,} releases: generating")
    generate(size)
    stack("clear-cache")
    info = manage(URLS_SCRIPT)
    urls = info["urls"]
    say(f"{info['releases']:,} live releases in Latvian; deep page {info['deep_page']}")
    queries = manage(QUERIES_SCRIPT, stdin=json.dumps(urls))
    results = {"size": size, "releases": info["releases"], "pages": {}}
    static = static_url()
    warm(CACHED + static)
    results["static"] = wrk(CACHED + static, options.duration, options.connections, BROWSER)
    say(f"static file: {results['static']['rps']:,.0f} requests/s")
    for name, url in urls.items():
        warm(CACHED + url)
        warm(STRAIGHT + url, times=10 * options.workers)  # every worker, not just the first
        # The ceiling side by side with the page: alternating rounds, so that a drift of the
        # machine's speed (it moves by several percent from minute to minute) hits both alike.
        static_now, cached = side_by_side(CACHED + static, CACHED + url, options)
        straight = wrk(STRAIGHT + url, options.duration, options.workers * 2, BROWSER)
        results["pages"][name] = {
            "url": url,
            "queries": queries[name],
            "static": static_now,
            "cached": cached,
            "straight": straight,
        }
        say(
            f"{name}: cached {cached['rps']:,.0f}/s "
            f"({cached['rps'] / static_now['rps']:.0%} of static {static_now['rps']:,.0f}/s), "
            f"straight {straight['rps']:,.0f}/s p50 {straight['p50_ms']} ms, "
            f"{queries[name]['warm']} queries ({queries[name]['cold']} after a publish)"
        )
    return results


def overload(results, options):
    """60 seconds at 4 times the release page's uncached rate, through nginx with the cache
    bypassed (a session cookie): queued by gunicorn's backlog or shed by nginx with 503."""
    page = results["pages"]["release"]
    rate = 4 * page["straight"]["rps"]
    clients = 100
    say(f"overload: {rate:,.0f} requests/s for {options.overload} s (4 x uncached)")
    output = subprocess.run(
        [
            "hey",
            "-z",
            f"{options.overload}s",
            "-c",
            str(clients),
            "-q",
            f"{rate / clients:.2f}",
            "-t",
            "30",
            "-H",
            "Cookie: sessionid=benchmark-bypass",
            CACHED + page["url"],
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuses = {
        int(code): int(count)
        for code, count in re.findall(r"\[(\d{3})\]\s+(\d+) responses", output)
    }
    errors = re.findall(r"\[(\d+)\]\s+(Get .*)", output)
    total = sum(statuses.values()) + sum(int(count) for count, _error in errors)
    return {
        "target_rps": rate,
        "seconds": options.overload,
        "statuses": statuses,
        "errors": sum(int(count) for count, _error in errors),
        "error_samples": [error for _count, error in errors[:3]],
        "achieved_rps": total / options.overload,
    }


def worker_memory():
    pid = (Path(STACK_ENV["PROD_DIR"]) / "run" / "gunicorn.pid").read_text().strip()
    output = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", pid], capture_output=True, text=True, check=True
    ).stdout
    return [int(line) / 1024 for line in output.split()]


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (cached)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--overload", type=int, default=60, help="seconds of the 4x run")
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.sizes.split(","))
    RESULTS.mkdir(exist_ok=True)
    started = datetime.datetime.now()
    for size in sizes:
        # One database per size, kept in var/bench-<size>/: a second run reuses its data.
        STACK_ENV["PROD_DIR"] = str(ROOT / "var" / f"bench-{size}")
        say(f"starting the production stack ({options.workers} gunicorn workers)")
        stack("start", env={"WEB_CONCURRENCY": str(options.workers)})
        try:
            results = measure_size(size, options)
            results.update(
                date=started.isoformat(timespec="minutes"),
                machine=machine(),
                workers=options.workers,
                duration=options.duration,
                connections=options.connections,
                command=" ".join(sys.argv),
            )
            if size == sizes[-1]:
                published = manage(PUBLISH_SCRIPT, CACHED + results["pages"]["release"]["url"])
                results["publish_to_visible_s"] = [item["visible"] for item in published["timings"]]
                results["publish_returned_s"] = [
                    item["publish_returned"] for item in published["timings"]
                ]
                results["first_publish_in_new_process"] = published["first_in_new_process"]
                say(
                    f"publish to visible: {max(results['publish_to_visible_s']):.3f} s at most "
                    f"(publish returned after {max(results['publish_returned_s']):.3f} s at most; "
                    f"first in a new process: {published['first_in_new_process']['visible']:.3f} s)"
                )
                results["overload"] = overload(results, options)
                overloaded = results["overload"]
                say(f"overload: {overloaded['statuses']}, errors {overloaded['errors']}")
                results["worker_memory_mb"] = worker_memory()
                say(f"worker memory: {results['worker_memory_mb']} MB")
                say("query plans of the listings: bench/EXPLAIN.md")
                command = f'source "$PROD_DIR/env" && {PYTHON} bench/explain.py'
                subprocess.run(
                    ["bash", "-c", command], cwd=ROOT, env={**os.environ, **STACK_ENV}, check=True
                )
            (RESULTS / f"{size}.json").write_text(json.dumps(results, indent=2))
        finally:
            if not os.environ.get("BENCH_KEEP_RUNNING"):
                stack("stop")
    subprocess.run([PYTHON, str(ROOT / "bench" / "report.py")], check=True)


if __name__ == "__main__":
    main()
