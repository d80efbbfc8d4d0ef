"""The benchmark behind `make bench`: the production stack (bin/prod) with 1,000, 10,000 and
100,000 press releases, measured with wrk through the nginx cache and straight to gunicorn, side
by side with a stock Wagtail site (bench/peer.py) holding the same releases.

    .venv/bin/python bench/run.py --sizes 1000,10000,100000 --duration 8

For each size: bench/generate.py adds releases and bench/peer.py copies them into the peer;
then for every kind of request a reader or a front end makes (home, news index first and deep
page, a filtered list, a release, a project, an organisation, search for a common and a rare
word in each language, the feeds, the sitemap, the API listing with every field at 20 and 50
items, the API detail): the SQL queries and time of the first request after another release's
publish, after any change (cold) and warm; wrk's requests per second and latency through nginx
side by side with a static file, and straight to gunicorn side by side with the peer's page
(alternating rounds, the same number of sync workers), with the CPU time per request of
gunicorn, PostgreSQL and Redis read from /proc. At the largest size also: publish to visible
for a new, a middle and an old release, a 60-second run at 4 times the uncached rate, and the
memory of each gunicorn worker. Results: bench/results/<size>.json, bench/RESULTS.md (tables)
and bench/throughput.png (the picture).
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

import peer

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
# A session cookie: past the cache in front and the answers the app keeps, as a signed-in reader.
BYPASS = "Cookie: sessionid=benchmark-bypass"
STACK_ENV = {
    "HTTP_PORT": str(HTTP_PORT),
    "APP_PORT": str(APP_PORT),
    "PURGE_PORT": os.environ.get("PURGE_PORT", "8091"),
    "PG_PORT": os.environ.get("PG_PORT", "55433"),
    "REDIS_PORT": os.environ.get("REDIS_PORT", "56380"),
}

PEER_PORT = int(os.environ.get("PEER_PORT", 8093))
PEER = f"http://127.0.0.1:{PEER_PORT}"
# Search words: common (in about a third of the titles and every lead) and rare (one release's
# number, in its title only), in each language.
COMMON_WORDS = {"lv": "uzņēmēji", "en": "entrepreneurs", "pl": "przedsiębiorcy"}
KINDS = ("common", "rare")
# The peer's page each request is compared with (bench/peer.py); the peer has no feeds,
# sitemap, filters, projects or organisations.
PEER_PAGES = {
    "home": "home",
    "news index": "news index",
    "news index deep": "news index deep",
    "release": "release",
    "API listing 20": "API listing 20",
    "API listing 50": "API listing 50",
    "API detail": "API detail",
    **{
        f"search {code} {kind}": f"search {code} {kind}"
        for code in COMMON_WORDS
        for kind in ("common", "rare")
    },
}

# The addresses of every kind of request, and the release used to publish "elsewhere".
URLS_SCRIPT = """
import json
from urllib.parse import quote
from django.core.paginator import Paginator
from news.models import NewsIndexPage, PressReleasePage
from projects.models import OrganisationPage, ProjectPage
common = json.loads(__import__("os").environ["BENCH_ARGUMENT"])
index = NewsIndexPage.objects.get(locale__language_code="lv")
releases = PressReleasePage.objects.child_of(index).live().count()
deep = min(500, Paginator(range(releases), index.releases_per_page).num_pages)
lv = index.locale
bench = PressReleasePage.objects.filter(locale=lv, slug__startswith="bench-").order_by("pk")
release = bench[bench.count() // 2]
# A release with no project or organisation in common with the measured one.
projects = release.project_links.values("project")
organisations = release.organisation_links.values("organisation")
elsewhere = (
    bench.exclude(project_links__project__in=projects)
    .exclude(organisation_links__organisation__in=organisations)
    .exclude(pk=release.pk)
    .first()
)
project = ProjectPage.objects.filter(locale=lv, slug="bench-project-1").first()
organisation = OrganisationPage.objects.filter(locale=lv, slug="bench-organisation-1").first()
rare = release.slug.removeprefix("bench-")  # its number, in its title in every language
searches = {}
for code, word in common.items():
    searches[f"search {code} common"] = (f"/{code}/search/?q={quote(word)}", word)
    searches[f"search {code} rare"] = (f"/{code}/search/?q={rare}", rare)
print(json.dumps({
    "releases": releases,
    "deep_page": deep,
    "elsewhere": elsewhere.pk,
    "searches": {name: query for name, (_url, query) in searches.items()},
    "urls": {
        "home": "/lv/",
        "news index": index.url,
        "news index deep": f"{index.url}?page={deep}",
        "news filtered": f"{index.url}?project={project.slug}",
        "release": release.url,
        "project": project.url,
        "organisation": organisation.url,
        **{name: url for name, (url, _query) in searches.items()},
        "RSS feed": f"{index.url}feed/rss/",
        "Atom feed": f"{index.url}feed/atom/",
        "sitemap": "/sitemap-pages.xml",
        "API listing 20": "/api/v2/pages/?type=news.PressReleasePage&locale=lv&fields=*&limit=20",
        "API listing 50": "/api/v2/pages/?type=news.PressReleasePage&locale=lv&fields=*&limit=50",
        "API detail": f"/api/v2/pages/{release.pk}/",
    },
}))
"""

# Each request's SQL queries and time (in the app's process, production settings, Redis): warm,
# first after another release is published, first after any change (everything cold).
FIRST_READER_SCRIPT = """
import json, os, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from news.models import PressReleasePage
from portal.core import content_cache
urls = json.loads(sys.stdin.read())
elsewhere = PressReleasePage.objects.get(pk=int(os.environ["BENCH_ARGUMENT"]))
client = Client(HTTP_HOST="127.0.0.1")


def request(url):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        status = client.get(url).status_code
        seconds = time.perf_counter() - started
    assert status == 200, (url, status)
    return {"queries": len(queries), "ms": seconds * 1000}


found = {}
for number, (name, url) in enumerate(urls.items()):
    client.get(url)
    client.get(url)
    warm = [request(url) for _time in range(5)]
    elsewhere.title = f"Published elsewhere {number} {time.time()}"
    elsewhere.save_revision().publish()
    after_publish = request(url)
    content_cache.bump()
    cold = request(url)
    found[name] = {
        "warm": {"queries": warm[-1]["queries"], "ms": statistics.median(r["ms"] for r in warm)},
        "after_publish_elsewhere": after_publish,
        "cold": cold,
    }
    print(f"bench: {name}: {found[name]}", file=sys.stderr, flush=True)
print(json.dumps(found))
"""

PUBLISH_SCRIPT = """
import json, os, threading, time, urllib.request
from news.models import NewsIndexPage, PressReleasePage
base = os.environ["BENCH_ARGUMENT"]
index = NewsIndexPage.objects.get(locale__language_code="lv")
listed = PressReleasePage.objects.child_of(index).live().order_by("-release_date", "-pk")
middle = listed[listed.count() // 2]
releases = {"newest": listed.first(), "middle": middle, "oldest": listed.last()}


def publish_and_watch(page, attempt):
    # A reader asks for the page through nginx every 5 ms from the moment the editor's publish
    # starts; visible = the first answer with the new title. The publish goes on after that
    # (the task queue: the list pages' purges, the search index), but the reader no longer
    # waits for it.
    page = PressReleasePage.objects.get(pk=page.pk)
    url = base + page.url
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
    if "at" not in seen:
        raise SystemExit(f"bench: {url} still showed the old title 30 s after the publish")
    return {"visible": seen["at"] - started, "publish_returned": done - started}


first = publish_and_watch(releases["middle"], "first")  # a new process: imports, connections
timings = {
    where: [publish_and_watch(page, f"{where} {attempt}") for attempt in range(3)]
    for where, page in releases.items()
}
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


def manage(script, argument="", stdin=None, env=None):
    """Python run with the app's production environment (bin/prod env); it finds `argument`
    in BENCH_ARGUMENT."""
    command = f'source "$PROD_DIR/env" && {PYTHON} manage.py shell -v0 -c "$SCRIPT"'
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env={
            **os.environ,
            **STACK_ENV,
            "SCRIPT": script,
            "BENCH_ARGUMENT": argument,
            **(env or {}),
        },
        input=stdin,
        stdout=subprocess.PIPE,  # its progress and errors go to the terminal
        text=True,
    )
    if result.returncode:
        sys.exit("bench: the script in manage.py shell failed (above)")
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
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "wrk_latency": re.findall(r"^\s+\d+%.*$", output, re.M),
    }


ROUNDS = 3


def side_by_side(static_url, page_url, options):
    """The static file and the page in ROUNDS alternating wrk runs each; their means."""
    seconds = max(2, options.duration // ROUNDS)
    runs = {"static": [], "page": []}
    for _round in range(ROUNDS):
        runs["static"].append(wrk(static_url, seconds, options.connections, BROWSER))
        runs["page"].append(wrk(page_url, seconds, options.connections, BROWSER))
    return merged(runs["static"]), merged(runs["page"])


def against_peer(url, peer_url, options):
    """The portal's page (answered from the answers the app keeps, and rendered: with a session
    cookie, as for a signed-in reader) and the peer's, straight to gunicorn, in alternating
    rounds, each with the CPU time of the processes answering it (gunicorn, PostgreSQL,
    Redis) per request."""
    seconds = max(2, options.duration // 2)
    runs = {"portal": [], "rendered": [], "peer": []}
    for _round in range(2):
        runs["portal"].append(with_cpu(url, seconds, options, portal_processes))
        runs["rendered"].append(
            with_cpu(url, seconds, options, portal_processes, headers=(BYPASS,))
        )
        if peer_url:
            runs["peer"].append(with_cpu(peer_url, seconds, options, peer_processes))
    return {name: merged(found) if found else None for name, found in runs.items()}


def with_cpu(url, seconds, options, processes, headers=()):
    before = cpu_seconds(processes())
    run = wrk(url, seconds, options.workers * 2, BROWSER + headers)
    used = cpu_seconds(processes(), since=before)
    run["cpu_ms_per_request"] = 1000 * used / run["requests"] if run["requests"] else None
    return run


def merged(runs):
    p50s = [run["p50_ms"] for run in runs if run["p50_ms"] is not None]
    p99s = [run["p99_ms"] for run in runs if run["p99_ms"] is not None]
    cpu = [run["cpu_ms_per_request"] for run in runs if run.get("cpu_ms_per_request")]
    return {
        "rps": statistics.mean(run["rps"] for run in runs),
        "rounds_rps": [run["rps"] for run in runs],
        "cpu_ms_per_request": statistics.mean(cpu) if cpu else None,
        "p50_ms": statistics.median(p50s) if p50s else None,
        "p99_ms": max(p99s) if p99s else None,
        "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "wrk_latency": [line for run in runs for line in run["wrk_latency"]],
    }


# CPU time from /proc ----------------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def children():
    """{parent pid: [child pids]} of every process."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        found.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return found


def tree(pid, found):
    return [pid, *(grandchild for child in found.get(pid, []) for grandchild in tree(child, found))]


def pid_in(path, line=0):
    try:
        return int(Path(path).read_text().splitlines()[line])
    except (FileNotFoundError, IndexError, ValueError):
        return None


def shared_processes(found):
    """PostgreSQL (the postmaster and its backends) and Redis of the stack."""
    prod = Path(STACK_ENV["PROD_DIR"])
    pids = []
    for pid in (
        pid_in(prod / "pg" / "data" / "postmaster.pid"),
        pid_in(prod / "run" / "redis.pid"),
    ):
        if pid is not None:
            pids += tree(pid, found)
    return pids


def portal_processes():
    found = children()
    master = pid_in(Path(STACK_ENV["PROD_DIR"]) / "run" / "gunicorn.pid")
    return (tree(master, found) if master else []) + shared_processes(found)


def peer_processes():
    found = children()
    return peer.gunicorn_pids(peer_directory()) + shared_processes(found)


def cpu_seconds(pids, since=None):
    """{pid: user + system CPU seconds}; with `since` (an earlier reading), the seconds used
    since then by these processes, together."""
    now = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        now[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    if since is None:
        return now
    return sum(seconds - since.get(pid, 0) for pid, seconds in now.items())


def load_average():
    return float(Path("/proc/loadavg").read_text().split()[0])


def warm(url, times=3):
    for _time in range(times):
        urllib.request.urlopen(url, timeout=120).read()


def static_url():
    html = urllib.request.urlopen(CACHED + "/lv/", timeout=60).read().decode()
    return re.search(r'href="(/static/[^"]+\.css)"', html).group(1)


def peer_directory():
    return Path(STACK_ENV["PROD_DIR"]) / "peer"


def database_url(name):
    return f"postgres://postgres@127.0.0.1:{STACK_ENV['PG_PORT']}/{name}"


def measure_size(size, options):
    say(f"{size:,} releases: generating")
    generate(size)
    stack("clear-cache")
    info = manage(URLS_SCRIPT, json.dumps(COMMON_WORDS))
    urls = info["urls"]
    say(f"{info['releases']:,} live releases in Latvian; deep page {info['deep_page']}")
    say("the peer (a stock Wagtail site) with the same releases")
    peer.build(peer_directory(), database_url("peer"), database_url("portal"), say=say)
    peer.start(peer_directory(), PEER_PORT, options.workers)
    peer_urls = peer.urls(peer_directory(), info["searches"])
    say("queries and time of the first request after a publish elsewhere, and cold")
    # Rendered: the answers the app keeps whole are left out (portal/ops/response_cache.py).
    first_reader = manage(
        FIRST_READER_SCRIPT,
        str(info["elsewhere"]),
        stdin=json.dumps(urls),
        env={"RESPONSE_CACHE": "false"},
    )
    stack("clear-cache")
    results = {"size": size, "releases": info["releases"], "pages": {}, "load": []}
    static = static_url()
    warm(CACHED + static)
    results["static"] = wrk(CACHED + static, options.duration, options.connections, BROWSER)
    say(f"static file: {results['static']['rps']:,.0f} requests/s")
    for name, url in urls.items():
        peer_name = PEER_PAGES.get(name)
        peer_url = PEER + peer_urls[peer_name] if peer_name else None
        warm(CACHED + url)
        warm(STRAIGHT + url, times=10 * options.workers)  # every worker, not just the first
        if peer_url:
            warm(peer_url, times=10 * options.workers)
        results["load"].append(load_average())
        # The ceiling side by side with the page: alternating rounds, so that a drift of the
        # machine's speed (it moves by several percent from minute to minute) hits both alike.
        static_now, cached = side_by_side(CACHED + static, CACHED + url, options)
        straight = against_peer(STRAIGHT + url, peer_url, options)
        results["pages"][name] = {
            "url": url,
            "peer_url": peer_url,
            "queries": first_reader[name],
            "static": static_now,
            "cached": cached,
            "straight": straight["portal"],
            "rendered": straight["rendered"],
            "peer": straight["peer"],
        }
        compared = f", peer {straight['peer']['rps']:,.0f}/s" if straight["peer"] else ""
        say(
            f"{name}: cached {cached['rps']:,.0f}/s "
            f"({cached['rps'] / static_now['rps']:.0%} of static {static_now['rps']:,.0f}/s), "
            f"straight {straight['portal']['rps']:,.0f}/s, rendered "
            f"{straight['rendered']['rps']:,.0f}/s{compared}, "
            f"{first_reader[name]['warm']['queries']} queries"
        )
    results["load"].append(load_average())
    peer.stop(peer_directory())
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
    parser.add_argument("--duration", type=int, default=6, help="seconds of wrk per request")
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
            # Written now too: what was measured stays if a later step fails.
            (RESULTS / f"{size}.json").write_text(json.dumps(results, indent=2))
            if size == sizes[-1]:
                published = manage(PUBLISH_SCRIPT, CACHED)
                results["publish"] = published["timings"]
                timings = [item for items in published["timings"].values() for item in items]
                results["publish_to_visible_s"] = [item["visible"] for item in timings]
                results["publish_returned_s"] = [item["publish_returned"] for item in timings]
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
                peer.stop(peer_directory())
                stack("stop")
    subprocess.run([PYTHON, str(ROOT / "bench" / "report.py")], check=True)


if __name__ == "__main__":
    main()
