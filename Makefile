# The front door. `make run` serves the portal; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: prod prod-stop test-prod bench run install tools scheduler audit backup restore test test-sqlite test-postgres test-browser lint format check messages clean

run: install ## Create .venv, install, migrate, load the seed content and serve on :8000
	@# The compiled catalogues are committed; recompile when gettext is there.
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv -v0; fi
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content
	$(MANAGE) ensure_admin
	@echo "Serving on http://127.0.0.1:8000/ (Ctrl+C stops)"
	$(MANAGE) runserver 127.0.0.1:8000

# Publishes scheduled (embargoed) pages when their time comes, and retries webhooks, every
# minute until stopped. In production run the same from the systemd timer in deploy/systemd/.
SCHEDULER_INTERVAL ?= 60
scheduler: install
	@echo "Publishing scheduled pages every $(SCHEDULER_INTERVAL) s (Ctrl+C stops)"
	@while true; do \
		$(MANAGE) publish_scheduled && $(MANAGE) deliver_webhooks --verbosity 0; \
		sleep $(SCHEDULER_INTERVAL); \
	done

# A fresh Debian has python3 without venv/ensurepip: install python3-venv when we may.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		[ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq python3-venv \
		&& $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

test: $(VENV)/.dev-installed tools lint check test-sqlite test-postgres test-browser test-prod ## Everything CI runs

# The translation tests run xgettext and msgfmt (Debian's gettext); the browser tests run
# Debian's Chromium (Playwright's own browser download does not work on these machines).
tools:
	@command -v msgfmt >/dev/null && command -v xgettext >/dev/null && [ -x /usr/bin/chromium ] || { \
		[ "$$(id -u)" = 0 ] || { echo "install gettext and chromium (apt-get install gettext chromium)"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext chromium; }

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.dev-installed
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

test-sqlite: $(VENV)/.dev-installed
	@echo "== tests on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(VENV)/.dev-installed
	@echo "== tests on PostgreSQL"
	bin/with-postgres $(BIN)/pytest

# Every page type in every language in headless Chromium, with axe; screenshots go to
# $(SCREENSHOTS) at phone and desktop widths.
SCREENSHOTS ?= test-artifacts/screenshots
test-browser: $(VENV)/.dev-installed tools
	@echo "== browser tests (Chromium, axe); screenshots in $(SCREENSHOTS)"
	SCREENSHOTS=$(SCREENSHOTS) $(BIN)/pytest -m browser portal/tests/browser

# The production stack end to end (nginx cache, purge on publish, bypass, 503s): a throwaway
# stack on free ports (bin/with-prod-stack), installed with apt-get when missing.
test-prod: $(VENV)/.dev-installed
	@echo "== production stack tests (PostgreSQL, Redis, gunicorn, nginx)"
	bin/with-prod-stack $(BIN)/pytest -m prod portal/tests/prod

# The benchmark (bench/run.py): the production stack with SIZES releases (each in three
# languages), wrk through the nginx cache and straight to gunicorn, side by side with a stock
# Wagtail site holding the same releases (bench/peer.py); tables in bench/RESULTS.md. About 70
# minutes for the three sizes on two cores.
SIZES ?= 1000,10000,100000
BENCH_DURATION ?= 10
BENCH_WORKERS ?= 2
bench: $(VENV)/.dev-installed
	$(BIN)/pip install -q -r bench/requirements.txt
	@command -v wrk >/dev/null && command -v hey >/dev/null || { \
		[ "$$(id -u)" = 0 ] || { echo "install wrk and hey (apt-get install wrk hey)"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk hey; }
	$(BIN)/python bench/run.py --sizes $(SIZES) --duration $(BENCH_DURATION) --workers $(BENCH_WORKERS)

# Backups: the database and the media files, with a manifest (portal/ops/backups.py).
#   make backup                      -> backups/portal-YYYYmmdd-HHMMSS/
#   make restore BACKUP=backups/...  -> into DATABASE_URL (or db.sqlite3) and MEDIA_ROOT,
#                                       both of which must be empty
BACKUP_DIR ?= backups
backup: install
	$(MANAGE) backup --directory $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/portal-..."; exit 2; }
	$(MANAGE) restore $(BACKUP)

# Known vulnerabilities in the pinned requirements (pip-audit, PyPI's advisory data). --strict:
# a package that cannot be checked fails the audit instead of being skipped in silence.
audit: $(VENV)/.dev-installed
	$(BIN)/pip-audit --strict --progress-spinner off --no-deps --disable-pip -r requirements.txt
	$(BIN)/pip-audit --strict --progress-spinner off --no-deps --disable-pip -r requirements-dev.txt

# Copies of Wagtail's templates with a fix: their messages are Wagtail's, kept in our catalogues of
# Wagtail's messages (locale-upstream/), not in ours (portal/tests/test_translations.py agrees).
UPSTREAM_COPIES := templates/wagtailadmin/pages/listing/* templates/wagtailadmin/shared/user_avatar.html \
	templates/wagtailadmin/pages/search_results.html \
	templates/wagtailadmin/reports/workflow_results.html \
	templates/wagtailadmin/shared/search_other.html \
	templates/wagtailadmin/shared/editing_sessions/list.html \
	templates/wagtailadmin/shared/workflow_action_modal.html \
	templates/wagtailadmin/tables/column_header.html \
	templates/wagtailimages/chooser/results.html
messages: $(VENV)/.dev-installed tools ## Update the .po files from the code, then compile them
	$(MANAGE) makemessages --locale=lv --locale=en --locale=pl --no-obsolete --no-location \
		--ignore=.venv --ignore=staticfiles --ignore=portal/tests --ignore=bench --ignore=var \
		$(UPSTREAM_COPIES:%=--ignore=%)
	@# Our catalogues of Wagtail's, wagtail-localize's and Django's messages (locale-upstream/):
	@# new message ids after an upgrade are added and listed as untranslated.
	$(MANAGE) upstream_messages
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# The production stack on loopback (bin/prod): PostgreSQL, Redis, gunicorn, nginx with the page
# cache and purges, on http://127.0.0.1:8080/. State in var/prod/.
prod: install
	bin/prod start

prod-stop:
	bin/prod stop
