#!/usr/bin/env python3
"""Reads the latest press releases in one language from the portal's API and prints each
with its project: an example of a client, with nothing but the Python standard library.

    python3 examples/latest_releases.py --locale pl --limit 5 --base-url http://127.0.0.1:8000
"""

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def latest_releases(base_url, locale, limit=10):
    """[{title, release_date, html_url, lead, projects: [...]}, ...], newest first."""
    query = urllib.parse.urlencode(
        {
            "type": "news.PressReleasePage",
            "locale": locale,
            "order": "-release_date",
            "fields": "release_date,lead,projects",
            "limit": limit,
        }
    )
    request = urllib.request.Request(
        f"{base_url.rstrip('/')}/api/v2/pages/?{query}", headers={"Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["items"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--locale", default="lv", choices=["lv", "en", "pl"])
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args(argv)
    try:
        releases = latest_releases(args.base_url, args.locale, args.limit)
    except urllib.error.HTTPError as error:
        message = json.load(error).get("message", error.reason)
        print(f"{error.code}: {message}", file=sys.stderr)
        return 1
    except urllib.error.URLError as error:
        print(f"{args.base_url}: {error.reason}", file=sys.stderr)
        return 1
    for release in releases:
        print(f"{release['release_date']}  {release['title']}")
        print(f"            {release['meta']['html_url']}")
        for project in release["projects"]:
            print(f"            > {project['title']} ({project['programme']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
