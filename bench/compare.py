"""Two runs of bench/run.py side by side: bench/compare.py BEFORE_DIR AFTER_DIR [LABELS].

Each directory holds a run's results/*.json (bench/results/ of two checkouts, one run right
after the other on the same machine). Prints a Markdown table per size: requests/s straight to
gunicorn and cached through nginx (as a share of the static file measured beside it), SQL
queries per request, and the publish figures; the change in per cent where both have a figure.
"""

import json
import sys
from pathlib import Path


def load(directory):
    return {
        results["size"]: results
        for results in (json.loads(path.read_text()) for path in Path(directory).glob("*.json"))
    }


def change(before, after):
    return f"{(after - before) / before:+.0%}" if before else ""


def size_table(size, before, after, labels):
    old, new = labels
    lines = [
        f"### {size:,} releases",
        "",
        f"| page | gunicorn req/s: {old} | {new} | change | cached / static: {old} | {new} "
        f"| queries (after a publish): {old} | {new} |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, page in after["pages"].items():
        # A page renamed between the runs (partner -> organisation) has no figure before.
        earlier = before["pages"].get(name) or before["pages"].get(
            "partner" if name == "organisation" else name
        )
        if earlier is None:
            continue
        ratio = [run["cached"]["rps"] / run["static"]["rps"] for run in (earlier, page)]
        lines.append(
            f"| {name} | {earlier['straight']['rps']:,.0f} | {page['straight']['rps']:,.0f} "
            f"| {change(earlier['straight']['rps'], page['straight']['rps'])} "
            f"| {ratio[0]:.0%} | {ratio[1]:.0%} "
            f"| {earlier['queries']['warm']} ({earlier['queries']['cold']}) "
            f"| {page['queries']['warm']} ({page['queries']['cold']}) |"
        )
    for key, label in [
        ("publish_to_visible_s", "publish to visible, s (at most)"),
        ("publish_returned_s", "the editor's publish returned, s (at most)"),
    ]:
        if key in before and key in after:
            lines.append(
                f"| {label} | {max(before[key]):.3f} | {max(after[key]):.3f} "
                f"| {change(max(before[key]), max(after[key]))} | | | | |"
            )
    return "\n".join(lines + [""])


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    labels = sys.argv[3].split(",") if len(sys.argv) > 3 else ["before", "after"]
    for size in sorted(set(before) & set(after)):
        print(size_table(size, before[size], after[size], labels))


if __name__ == "__main__":
    main()
