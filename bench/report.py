"""bench/RESULTS.md and bench/throughput.png from bench/results/*.json (bench/run.py)."""

import json
import statistics
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TARGETS = {
    "cached_of_static": 0.85,
    "api_times_peer": 2,
    "api_queries": 25,
    "page_times_peer": 3,
    "search_of_peer_release": 1,
    "publish_visible_s": 0.6,
    "publish_returned_s": 0.5,
}
PAGE_TARGETS = {"release": "release", "news index": "news index"}


def load():
    """The results of bench/run.py, smallest size first; those written by an earlier version of
    it, without the peer, are left out."""
    found = (json.loads(path.read_text()) for path in (BENCH / "results").glob("*.json"))
    return sorted(
        (results for results in found if "load" in results), key=lambda results: results["size"]
    )


def ms(value, digits=1):
    return "—" if value is None else f"{value:.{digits}f}"


def ratio(ours, theirs):
    return ours / theirs if ours and theirs else None


def times(value):
    return "—" if value is None else f"{value:.2f}×"


def target_of(name):
    """The target a request is held to against the peer: (words, factor, the portal's figure
    compared: "straight" answers kept by the app or "rendered", the peer's page compared:
    "same" or its "release")."""
    if name.startswith("API listing"):
        return (
            f"kept ≥ {TARGETS['api_times_peer']}× peer",
            TARGETS["api_times_peer"],
            "straight",
            "same",
        )
    if name in PAGE_TARGETS:
        return (
            f"kept ≥ {TARGETS['page_times_peer']}× peer (req/s and CPU)",
            TARGETS["page_times_peer"],
            "straight",
            "same",
        )
    if name.startswith("search") and name.endswith("common"):
        return "rendered ≥ peer's release", TARGETS["search_of_peer_release"], "rendered", "release"
    return "", None, "straight", "same"


def straight_table(results):
    lines = [
        "| request | kept req/s | rendered req/s | peer req/s | kept ÷ peer | rendered ÷ peer "
        "| CPU ms/request kept | rendered | peer | target | met | rendered p50 / p99 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    pages = results["pages"]
    for name, page in pages.items():
        kept, rendered, theirs = page["straight"], page["rendered"], page["peer"]
        words, wanted, ours, against = target_of(name)
        if against == "release":
            theirs = pages["release"]["peer"]
        kept_ratio = ratio(kept["rps"], theirs and theirs["rps"])
        rendered_ratio = ratio(rendered["rps"], theirs and theirs["rps"])
        met = ""
        if wanted is not None and theirs:
            figure = page[ours]
            measured = [ratio(figure["rps"], theirs["rps"])]
            if name in PAGE_TARGETS:
                measured.append(ratio(theirs["cpu_ms_per_request"], figure["cpu_ms_per_request"]))
            met = "yes" if None not in measured and min(measured) >= wanted else "**no**"
        peer_label = ms(theirs and theirs["rps"], 0)
        if against == "release" and theirs:
            peer_label += " (its release)"
        lines.append(
            f"| {name} | {kept['rps']:,.0f} | {rendered['rps']:,.0f} | {peer_label} "
            f"| {times(kept_ratio)} | {times(rendered_ratio)} "
            f"| {ms(kept['cpu_ms_per_request'])} | {ms(rendered['cpu_ms_per_request'])} "
            f"| {ms(theirs and theirs['cpu_ms_per_request'])} | {words} | {met} "
            f"| {ms(rendered['p50_ms'])} / {ms(rendered['p99_ms'])} |"
        )
    return "\n".join(lines)


def cached_table(results):
    lines = [
        "| request | cached req/s | static beside it | cached ÷ static | target | met "
        "| cached p50 / p99 ms | errors (non-2xx, socket) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, page in results["pages"].items():
        cached, ceiling = page["cached"], page["static"]["rps"]
        share = cached["rps"] / ceiling
        errors = sum(
            run["non_2xx"] + run["socket_errors"]
            for run in (cached, page["straight"], page["rendered"], page["peer"])
            if run
        )
        lines.append(
            f"| {name} | {cached['rps']:,.0f} | {ceiling:,.0f} | {share:.0%} "
            f"| ≥ {TARGETS['cached_of_static']:.0%} "
            f"| {'yes' if share >= TARGETS['cached_of_static'] else '**no**'} "
            f"| {ms(cached['p50_ms'], 2)} / {ms(cached['p99_ms'], 2)} | {errors} |"
        )
    return "\n".join(lines)


def first_reader_table(results):
    lines = [
        "| request | warm: queries, ms | first after another release's publish | "
        "first after any change (cold) |",
        "|---|---|---|---|",
    ]
    for name, page in results["pages"].items():
        found = page["queries"]
        cells = [
            f"{found[state]['queries']}, {found[state]['ms']:.1f} ms"
            for state in ("warm", "after_publish_elsewhere", "cold")
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(results):
    """The issue's targets at one size: (target, measured, met)."""
    pages = results["pages"]
    rows = []
    worst = min(pages, key=lambda name: pages[name]["cached"]["rps"] / pages[name]["static"]["rps"])
    share = pages[worst]["cached"]["rps"] / pages[worst]["static"]["rps"]
    rows.append(
        (
            f"Every request cached ≥ {TARGETS['cached_of_static']:.0%} of the static file",
            f"lowest: {worst} {share:.0%}",
            share >= TARGETS["cached_of_static"],
        )
    )
    for name in ("API listing 20", "API listing 50"):
        page, theirs = pages[name], pages[name]["peer"]
        rps = ratio(page["straight"]["rps"], theirs["rps"])
        cpu = ratio(theirs["cpu_ms_per_request"], page["straight"]["cpu_ms_per_request"])
        rendered = ratio(page["rendered"]["rps"], theirs["rps"])
        rows.append(
            (
                f"{name} (`fields=*`) ≥ {TARGETS['api_times_peer']}× the peer's",
                f"kept answers {times(rps)} by req/s, {times(cpu)} by CPU per request; "
                f"rendered {times(rendered)}",
                rps is not None and rps >= TARGETS["api_times_peer"],
            )
        )
    found = pages["API listing 50"]["queries"]
    most = max(found[state]["queries"] for state in ("warm", "after_publish_elsewhere", "cold"))
    rows.append(
        (
            f"API listing 50 ≤ {TARGETS['api_queries']} queries, cold or warm",
            f"{found['warm']['queries']} warm, {found['cold']['queries']} cold",
            most <= TARGETS["api_queries"],
        )
    )
    peer_release = pages["release"]["peer"]
    for name in [name for name in pages if name.startswith("search") and name.endswith("common")]:
        rps = ratio(pages[name]["rendered"]["rps"], peer_release and peer_release["rps"])
        rows.append(
            (
                f"{name} ≥ the peer's release, uncached (rendered)",
                f"{pages[name]['rendered']['rps']:,.0f} vs {ms(peer_release['rps'], 0)} req/s "
                f"= {times(rps)}",
                rps is not None and rps >= TARGETS["search_of_peer_release"],
            )
        )
    for name in PAGE_TARGETS:
        page, theirs = pages[name], pages[name]["peer"]
        rps = ratio(page["straight"]["rps"], theirs["rps"])
        cpu = ratio(theirs["cpu_ms_per_request"], page["straight"]["cpu_ms_per_request"])
        rendered = ratio(page["rendered"]["rps"], theirs["rps"])
        rendered_cpu = ratio(theirs["cpu_ms_per_request"], page["rendered"]["cpu_ms_per_request"])
        rows.append(
            (
                f"{name} (origin) ≥ {TARGETS['page_times_peer']}× the peer's, by req/s and CPU",
                f"kept answers {times(rps)} by req/s, {times(cpu)} by CPU; rendered "
                f"{times(rendered)} by req/s, {times(rendered_cpu)} by CPU",
                None not in (rps, cpu) and min(rps, cpu) >= TARGETS["page_times_peer"],
            )
        )
    release = pages["release"]["queries"]
    rows.append(
        (
            "The first reader of another release after a publish is served warm",
            f"{release['after_publish_elsewhere']['queries']} queries "
            f"({release['after_publish_elsewhere']['ms']:.1f} ms) vs warm "
            f"{release['warm']['queries']} ({release['warm']['ms']:.1f} ms)",
            release["after_publish_elsewhere"]["queries"] <= release["warm"]["queries"],
        )
    )
    if "publish" in results:
        visible = max(results["publish_to_visible_s"])
        returned = max(results["publish_returned_s"])
        where = ", ".join(
            f"{place} {max(item['visible'] for item in items):.3f} s"
            for place, items in results["publish"].items()
        )
        rows.append(
            (
                f"Publish to visible ≤ {TARGETS['publish_visible_s']} s, a release anywhere",
                f"at most {visible:.3f} s ({where}; the first publish in a new process "
                f"{results['first_publish_in_new_process']['visible']:.3f} s)",
                visible <= TARGETS["publish_visible_s"],
            )
        )
        rows.append(
            (
                f"The editor's publish returns in ≤ {TARGETS['publish_returned_s']} s",
                f"at most {returned:.3f} s",
                returned <= TARGETS["publish_returned_s"],
            )
        )
    if "overload" in results:
        overload = results["overload"]
        bad = overload["errors"] + sum(
            count for status, count in overload["statuses"].items() if int(status) not in (200, 503)
        )
        rows.append(
            (
                "No errors at 4× the uncached rate for 60 s (503 = shed)",
                f"{overload['target_rps']:,.0f} req/s asked; statuses {overload['statuses']}; "
                f"errors {overload['errors']}",
                bad == 0,
            )
        )
    if "worker_memory_mb" in results:
        largest = max(results["worker_memory_mb"])
        rows.append(("Memory per worker under 250 MB", f"largest {largest:.0f} MB", largest < 250))
    lines = ["| target | measured | met |", "|---|---|---|"]
    lines += [
        f"| {target} | {value} | {'yes' if met else '**no**'} |" for target, value, met in rows
    ]
    return "\n".join(lines)


def plot(all_results):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(14, 5.5))
    largest = all_results[-1]
    names = [name for name, page in largest["pages"].items() if page["peer"]]
    width = 0.8 / (len(all_results) + 2)
    for offset, results in enumerate(all_results):
        positions = [index + offset * width for index in range(len(names))]
        axes[0].bar(
            positions,
            [results["pages"][name]["straight"]["rps"] for name in names],
            width,
            label=f"portal kept, {results['size']:,} releases",
        )
    axes[0].bar(
        [index + len(all_results) * width for index in range(len(names))],
        [largest["pages"][name]["rendered"]["rps"] for name in names],
        width,
        color="tab:red",
        label=f"portal rendered (no kept answer), {largest['size']:,} releases",
    )
    axes[0].bar(
        [index + (len(all_results) + 1) * width for index in range(len(names))],
        [largest["pages"][name]["peer"]["rps"] for name in names],
        width,
        color="black",
        label=f"stock Wagtail peer, {largest['size']:,} releases",
    )
    axes[0].set_yscale("log")
    axes[0].set_title(f"Straight to gunicorn ({largest['workers']} sync workers each)")
    axes[0].set_ylabel("requests per second (log scale)")
    axes[0].set_xticks([index + width for index in range(len(names))])
    axes[0].set_xticklabels(names, rotation=40, ha="right")
    axes[0].legend(fontsize="small")
    every = list(largest["pages"])
    shares = [
        largest["pages"][name]["cached"]["rps"] / largest["pages"][name]["static"]["rps"]
        for name in every
    ]
    axes[1].bar(range(len(every)), shares, color="tab:green")
    axes[1].axhline(TARGETS["cached_of_static"], color="grey", linestyle=":", label="target")
    axes[1].set_title(f"Through the nginx cache, share of the static file ({largest['size']:,})")
    axes[1].set_ylim(0, 1.1)
    axes[1].set_xticks(range(len(every)))
    axes[1].set_xticklabels(every, rotation=40, ha="right")
    axes[1].legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(BENCH / "throughput.png", dpi=90)


def main():
    all_results = load()
    if not all_results:
        raise SystemExit("no results in bench/results/: run make bench first")
    largest = all_results[-1]
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py, then bench/report.py); do not edit by hand.",
        "",
        f"- Date: {largest['date']}",
        f"- Machine: {largest['machine']}",
        f"- Command: `{largest['command']}`",
        f"- Stack: bin/prod (PostgreSQL 15, Redis, gunicorn with {largest['workers']} sync "
        "workers, nginx with its page cache), everything on this one machine, wrk on it too.",
        f"- The peer: a stock Wagtail site made with `wagtail start` and a plain news page model "
        f"(bench/peer.py), the same releases in the same PostgreSQL server, gunicorn with "
        f"{largest['workers']} sync workers; measured right after the portal's page, in "
        "alternating rounds.",
        f"- wrk: 2 threads, {largest['connections']} connections through nginx, "
        f"{largest['workers'] * 2} straight to gunicorn ({largest['duration']} s a request "
        "each way, in alternating rounds), each request with `Accept-Encoding: gzip` as a "
        "browser sends it.",
        "- Straight to gunicorn, the portal twice: *kept*, as any anonymous reader the cache "
        "in front does not serve gets it (whole answers the app keeps in Redis, "
        "portal/ops/response_cache.py), and *rendered*, with a session cookie past both caches "
        "(what a signed-in reader costs, or the first reader after a change; the fragments "
        "of portal/core/content_cache.py still kept). The peer keeps nothing.",
        "- CPU per request: the user and system time of gunicorn (master and workers), "
        "PostgreSQL (every backend) and Redis, from /proc, over the requests wrk completed.",
        "- Queries and times of the first reader: in the app's process with production settings "
        "(Redis), after 5 warm requests (median time), after another release (no project or "
        "organisation in common) is published, and after any change (everything cold).",
        "",
    ]
    for results in all_results:
        machine_load = results.get("load") or [0]
        parts += [
            f"## {results['size']:,} releases ({results['releases']:,} live in Latvian, "
            "each also in English and Polish)",
            "",
            f"Machine load (1-minute load average, 2 cores) during the run: mean "
            f"{statistics.mean(machine_load):.1f}, highest {max(machine_load):.1f}. "
            f"Static file through nginx at the start: {results['static']['rps']:,.0f} req/s.",
            "",
            "### Targets",
            "",
            targets(results),
            "",
            "### Straight to gunicorn, side by side with the peer",
            "",
            straight_table(results),
            "",
            "### Through the nginx cache, side by side with a static file",
            "",
            cached_table(results),
            "",
            "### The first reader: SQL queries and time in the app",
            "",
            first_reader_table(results),
            "",
        ]
        if "worker_memory_mb" in results:
            memory = ", ".join(f"{mb:.0f}" for mb in results["worker_memory_mb"])
            parts += [f"Memory of the gunicorn workers after the runs: {memory} MB.", ""]
    parts += ["![Requests per second, portal and peer; cached share](throughput.png)", ""]
    (BENCH / "RESULTS.md").write_text("\n".join(parts))
    plot(all_results)
    print((BENCH / "RESULTS.md").read_text())


if __name__ == "__main__":
    main()
