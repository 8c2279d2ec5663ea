# ssrgate: two commands for a fresh machine.
#   make run    install what is missing, then serve the demo site on :8080
#   make test   install what is missing, then run every test (unit, Node-diff, browser)
# Also: make build (client assets to dist/), make bench (side-by-side benchmark).

ADDR ?= :8080
GO   ?= go
# Tests that need node, Chromium, redis-server or the snippet interpreters fail instead of skipping under make test.
TEST_ENV := SSRGATE_REQUIRE_NODE=1 SSRGATE_REQUIRE_BROWSER=1 SSRGATE_REQUIRE_REDIS=1 SSRGATE_REQUIRE_CLIENTS=1

.PHONY: run test build bench setup chromium redis clients vet libcorpus

setup: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The real-library corpus (internal/libcorpus) pins its own packages, apart from the demo's.
LIBCORPUS := internal/libcorpus/testdata
libcorpus: $(LIBCORPUS)/node_modules/.package-lock.json

$(LIBCORPUS)/node_modules/.package-lock.json: $(LIBCORPUS)/package.json $(LIBCORPUS)/package-lock.json
	npm ci --no-audit --no-fund --prefix $(LIBCORPUS)
	@touch $@

# Debian's Chromium, for the end-to-end browser test (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium; }

# Debian's redis-server, for the shared-cache tests (each test starts its own
# on a free loopback port; nothing runs as a service).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "installing Debian's redis-server for the shared-cache tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y redis-server; }

run: setup
	$(GO) run ./cmd/ssrgate serve --addr $(ADDR)

build: setup
	$(GO) run ./cmd/ssrgate build --out dist

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

# Side-by-side benchmark: plain html/template vs ssrgate (cache warm, cache
# off) vs Node renderToString vs a Hypernova server. About 3 minutes; writes
# internal/bench/RESULTS.md. Uses wrk (apt-get install -y wrk) when present,
# else a Go load generator.
bench: setup
	$(GO) run ./internal/bench -out internal/bench/RESULTS.md

# Debian's interpreters for the README's client snippets (cmd/ssrgate/snippets_test.go).
clients:
	@{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import requests, django' 2>/dev/null && \
	   [ -x /usr/bin/php ] && /usr/bin/php -r 'exit(function_exists("curl_init") ? 0 : 1);' && [ -x /usr/bin/ruby ]; } || { \
	  echo "installing Debian's python3-requests, python3-django, php-cli, php-curl and ruby for the README snippet test"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y python3 python3-requests python3-django php-cli php-curl ruby; }

test: setup libcorpus chromium redis clients vet
	$(TEST_ENV) $(GO) test -race -count=1 -timeout 20m ./...
