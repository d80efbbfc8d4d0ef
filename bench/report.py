"""bench/RESULTS.md and bench/throughput.png from bench/results/*.json (bench/run.py)."""

import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Wagtail's bakerydemo measured on this machine (issue 7): its blog post, 2 sync workers.
BAKERYDEMO = {"rps": 50, "queries": 22}
TARGETS = {"cached_of_static": 0.8, "queries": 12, "times_bakerydemo": 3, "deep_page": 0.2}


def load():
    return sorted(
        (json.loads(path.read_text()) for path in (BENCH / "results").glob("*.json")),
        key=lambda results: results["size"],
    )


def ms(value, digits=1):
    return "not read" if value is None else f"{value:.{digits}f}"


def table(results):
    static = results["static"]["rps"]
    lines = [
        f"Static file through the same nginx (the ceiling) at the start: **{static:,.0f} "
        f"requests/s**, p50 {results['static']['p50_ms']:.2f} ms; measured again with each "
        'page, side by side (the column "static beside it": three alternating rounds of each, '
        "their means).",
        "",
        "| page | SQL queries (after a publish) | cached req/s | static beside it "
        "| cached / static | cached p50 / p99 ms | gunicorn req/s | gunicorn p50 / p99 ms "
        "| errors (non-2xx, socket) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, page in results["pages"].items():
        cached, straight = page["cached"], page["straight"]
        ceiling = page.get("static", results["static"])["rps"]
        errors = sum(run["non_2xx"] + run["socket_errors"] for run in (cached, straight))
        lines.append(
            f"| {name} | {page['queries']['warm']} ({page['queries']['cold']}) "
            f"| {cached['rps']:,.0f} | {ceiling:,.0f} | {cached['rps'] / ceiling:.0%} "
            f"| {ms(cached['p50_ms'], 2)} / {ms(cached['p99_ms'], 2)} "
            f"| {straight['rps']:,.1f} | {ms(straight['p50_ms'])} / {ms(straight['p99_ms'])} "
            f"| {errors} |"
        )
    return "\n".join(lines)


def targets(results):
    """The issue's targets, checked against the largest data set."""
    pages = results["pages"]
    deep = next(name for name in pages if name.startswith("news index p."))
    worst_cached = min(
        page["cached"]["rps"] / page.get("static", results["static"])["rps"]
        for page in pages.values()
    )
    rows = [
        (
            "Cached pages ≥ 80% of the static file's throughput",
            f"lowest: {worst_cached:.0%}",
            worst_cached >= TARGETS["cached_of_static"],
        )
    ]
    for name in ("release", "news index"):
        page = pages[name]
        rows.append(
            (
                f"{name}: under {TARGETS['queries']} SQL queries",
                f"{page['queries']['warm']} ({page['queries']['cold']} after a publish)",
                page["queries"]["warm"] < TARGETS["queries"],
            )
        )
        ratio = page["straight"]["rps"] / BAKERYDEMO["rps"]
        rows.append(
            (
                f"{name}: ≥ 3× bakerydemo's blog post ({BAKERYDEMO['rps']} req/s, 2 sync workers)",
                f"{page['straight']['rps']:,.0f} req/s = {ratio:.1f}×",
                ratio >= TARGETS["times_bakerydemo"],
            )
        )
    first, deep_rps = pages["news index"]["straight"]["rps"], pages[deep]["straight"]["rps"]
    difference = abs(first - deep_rps) / max(first, deep_rps)
    rows.append(
        (
            f"News index page 1 and {deep[len('news index ') :]} within 20%",
            f"{first:,.0f} vs {deep_rps:,.0f} req/s ({difference:.0%} apart)",
            difference <= TARGETS["deep_page"],
        )
    )
    if "publish_to_visible_s" in results:
        slowest = max(results["publish_to_visible_s"])
        measured = f"at most {slowest:.3f} s in 5 publishes"
        if "publish_returned_s" in results:
            measured += (
                f" (the editor's publish returned after at most "
                f"{max(results['publish_returned_s']):.3f} s; the first publish in a new process: "
                f"visible after {results['first_publish_in_new_process']['visible']:.3f} s)"
            )
        rows.append(("Publish to visible under 1 s", measured, slowest < 1))
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

    figure, axes = plt.subplots(1, 2, figsize=(13, 5))
    names = list(all_results[-1]["pages"])
    width = 0.8 / len(all_results)
    for offset, results in enumerate(all_results):
        positions = [index + offset * width for index in range(len(names))]
        label = f"{results['size']:,} releases"
        axes[0].bar(
            positions,
            [page["cached"]["rps"] for page in results["pages"].values()],
            width,
            label=label,
        )
        axes[1].bar(
            positions,
            [page["straight"]["rps"] for page in results["pages"].values()],
            width,
            label=label,
        )
    static = all_results[-1]["static"]["rps"]
    axes[0].axhline(static, color="black", linestyle="--", label="static file")
    axes[0].axhline(0.8 * static, color="grey", linestyle=":", label="80% of static")
    axes[1].axhline(
        BAKERYDEMO["rps"] * 3, color="grey", linestyle=":", label="3 × bakerydemo blog post"
    )
    axes[0].set_title("Through the nginx cache")
    axes[1].set_title(f"Straight to gunicorn ({all_results[-1]['workers']} sync workers)")
    for axis in axes:
        axis.set_ylabel("requests per second")
        axis.set_xticks([index + width for index in range(len(names))])
        axis.set_xticklabels(names, rotation=35, ha="right")
        axis.legend(fontsize="small")
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
        f"- wrk: 2 threads, {largest['connections']} connections through nginx, "
        f"{largest['workers'] * 2} straight to gunicorn ({largest['duration']} s a page; "
        "through nginx, the page and the static file in three alternating rounds of "
        f"{max(3, largest['duration'] // 3)} s), "
        "each request with `Accept-Encoding: gzip` as a browser sends it (pages come from the "
        "cache compressed, static files from their .gz copies).",
        "- SQL queries: per request after the first (the shared parts come from Redis), and in "
        "brackets the first request after a publish, which renders everything afresh.",
        "",
        f"## Targets at {largest['size']:,} releases",
        "",
        targets(largest),
        "",
        "![Requests per second, cached and straight to gunicorn](throughput.png)",
        "",
    ]
    for results in all_results:
        parts += [
            f"## {results['size']:,} releases ({results['releases']:,} live in Latvian, "
            "each also in English and Polish)",
            "",
            table(results),
            "",
        ]
        if "worker_memory_mb" in results:
            memory = ", ".join(f"{mb:.0f}" for mb in results["worker_memory_mb"])
            parts += [f"Memory of the gunicorn workers after the runs: {memory} MB.", ""]
    (BENCH / "RESULTS.md").write_text("\n".join(parts))
    plot(all_results)
    print((BENCH / "RESULTS.md").read_text())


if __name__ == "__main__":
    main()
