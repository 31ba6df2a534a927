# OneWindow — `make run` serves the demo; `make test` runs lint and the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Daphne serves the displays' WebSockets beside gunicorn under make serve.
WS_PORT ?= 8001
export ONEWINDOW_DEBUG ?= 1

.PHONY: help install run serve demo migrate test test-sqlite test-postgres lint format bench schema messages replica clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install OneWindow with its dev tools

migrate: install  ## apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	@mkdir -p var
	$(BIN)/onewindow migrate --no-input

demo: migrate  ## load the demo center (idempotent) and print the demo logins
	$(BIN)/onewindow demo

run: demo  ## install, migrate, load the demo and serve it (ASGI: pages and the displays' WebSockets) on http://127.0.0.1:8000
	@echo "打开 http://$(HOST):$(PORT)/ （工作人员登录：http://$(HOST):$(PORT)/accounts/login/）"
	$(BIN)/onewindow runserver $(HOST):$(PORT)

serve: migrate  ## the production servers: gunicorn (pages, API) and Daphne (/ws/, the hall displays); DEBUG off
	@test -n "$$ONEWINDOW_SECRET_KEY" || { echo "make serve 是生产方式：请设置 ONEWINDOW_SECRET_KEY（以及 ONEWINDOW_ALLOWED_HOSTS、DATABASE_URL）"; exit 1; }
	@test -n "$$CHANNEL_LAYER_URL" || { echo "make serve 需要 CHANNEL_LAYER_URL（Redis，如 redis://127.0.0.1:6379/2）：叫号推送要从 gunicorn 传到 Daphne"; exit 1; }
	ONEWINDOW_DEBUG=0 $(BIN)/onewindow collectstatic --no-input --verbosity 0
	ONEWINDOW_DEBUG=0 $(BIN)/daphne -b $(HOST) -p $(WS_PORT) onewindow.config.asgi:application & daphne=$$!; \
	  trap 'kill $$daphne 2>/dev/null' EXIT INT TERM; \
	  ONEWINDOW_DEBUG=0 ONEWINDOW_WS_PORT=$${ONEWINDOW_WS_PORT:-$(WS_PORT)} ONEWINDOW_BIND=$${ONEWINDOW_BIND:-$(HOST):$(PORT)} \
	  $(BIN)/gunicorn -c python:onewindow.config.gunicorn

lint: install  ## ruff, migrations and schema drift
	@mkdir -p var
	$(BIN)/ruff check onewindow bench
	$(BIN)/ruff format --check onewindow bench
	$(BIN)/python -m onewindow.common.architecture  # no private imports across modules, no import cycle
	ONEWINDOW_DEBUG=1 $(BIN)/onewindow makemigrations --check --dry-run >/dev/null
	ONEWINDOW_DEBUG=1 $(BIN)/onewindow spectacular --file /tmp/onewindow-openapi.yaml --validate --fail-on-warn
	diff -u schema/openapi.yaml /tmp/onewindow-openapi.yaml || { echo "schema/openapi.yaml is stale: run 'make schema'"; exit 1; }

format: install  ## reformat the code
	$(BIN)/ruff check --fix onewindow bench
	$(BIN)/ruff format onewindow bench

test: lint  ## lint, then the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set, with its read replica at TEST_REPLICA_URL)
	$(BIN)/pytest -p no:cacheprovider -n auto
	@if [ -n "$$TEST_DATABASE_URL" ]; then echo "== PostgreSQL: $$TEST_DATABASE_URL$${TEST_REPLICA_URL:+, read replica $$TEST_REPLICA_URL}"; \
	  DATABASE_URL=$$TEST_DATABASE_URL DATABASE_REPLICA_URL=$$TEST_REPLICA_URL $(BIN)/pytest -p no:cacheprovider -n auto; fi

replica:  ## start a streaming read replica of 127.0.0.1:5432 on 127.0.0.1:5433 (Debian PostgreSQL, as root: .ci/replica)
	.ci/replica

BENCHES := run guide intake lights lists fees pdf supervision calling stats partitions

bench: install  ## every benchmark to the end (ratios against references in the same run); fails if one did
	@status=0; for name in $(BENCHES); do echo "== bench/$$name.py"; \
	  $(BIN)/python bench/$$name.py || { echo "bench/$$name.py FAILED"; status=1; }; done; exit $$status

schema: install  ## regenerate schema/openapi.yaml
	$(BIN)/onewindow spectacular --file schema/openapi.yaml --validate --fail-on-warn

messages: install  ## update and compile the English translation
	cd onewindow && ../$(BIN)/onewindow makemessages -l en --no-obsolete && ../$(BIN)/onewindow compilemessages -l en

clean:  ## remove the virtualenv and local data
	rm -rf $(VENV) var
