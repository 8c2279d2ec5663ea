# ssrgate: two commands for a fresh machine.
#   make run    install what is missing, then serve the demo site on :8080
#   make test   install what is missing, then run every test (unit, Node-diff, browser)
# Also: make build (client assets to dist/), make bench (side-by-side benchmark).

ADDR ?= :8080
GO   ?= go
# Tests that need node, Chromium, redis-server or the snippet interpreters fail instead of skipping under make test;
# TZ=UTC is the zone the Node-diff tests compare in (they then leave time.Local alone).
TEST_ENV := TZ=UTC SSRGATE_REQUIRE_NODE=1 SSRGATE_REQUIRE_BROWSER=1 SSRGATE_REQUIRE_REDIS=1 SSRGATE_REQUIRE_CLIENTS=1

# The one Chromium the browser tests use (internal/e2e, internal/hypernova).
CHROMIUM := /usr/bin/chromium

.PHONY: run test build bench setup chromium racedeps redis clients vet libcorpus fuzz

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
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium ($(CHROMIUM)) for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium; }
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is still missing after installing chromium"; exit 1; }

# go test -race needs cgo, hence a C compiler and libc headers.
racedeps:
	@command -v cc >/dev/null 2>&1 || { \
	  echo "installing gcc and libc6-dev: go test -race needs cgo"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y gcc libc6-dev; }
	@command -v cc >/dev/null 2>&1 || { echo "no C compiler (cc) after installing gcc: go test -race cannot build"; exit 1; }

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

# gofmt checks every Go file of the module (found with find, so it works
# without a git checkout too), and fails loudly if it finds none.
GOFILES = $$(find . -name '*.go' -not -path './node_modules/*' -not -path './.git/*')
vet:
	$(GO) vet ./...
	@n=$$(printf '%s\n' $(GOFILES) | grep -c '\.go$$'); test "$$n" -gt 0 || { echo "gofmt check: no Go files found under $$(pwd)"; exit 1; }
	@test -z "$$(gofmt -l $(GOFILES))" || { gofmt -l $(GOFILES); echo "gofmt needed"; exit 1; }

# Side-by-side benchmark: plain html/template vs ssrgate (cache warm, cache
# off) vs Node renderToString vs a Hypernova server. About 3 minutes; writes
# internal/bench/RESULTS.md. Uses wrk (apt-get install -y wrk) when present,
# else a Go load generator. Extra flags go in BENCHFLAGS, for example
# make bench BENCHFLAGS='-rows 100 -components PlainList -http-components ""'.
BENCHFLAGS ?=
bench: setup
	$(GO) run ./internal/bench -out internal/bench/RESULTS.md $(BENCHFLAGS)

# Debian's interpreters for the README's client snippets (cmd/ssrgate/snippets_test.go).
clients:
	@{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import requests, django' 2>/dev/null && \
	   [ -x /usr/bin/php ] && /usr/bin/php -r 'exit(function_exists("curl_init") ? 0 : 1);' && [ -x /usr/bin/ruby ]; } || { \
	  echo "installing Debian's python3-requests, python3-django, php-cli, php-curl and ruby for the README snippet test"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y python3 python3-requests python3-django php-cli php-curl ruby; }

test: setup libcorpus chromium racedeps redis clients vet
	$(TEST_ENV) $(GO) test -race -count=1 -timeout 20m ./...
	$(TEST_ENV) $(GO) test -count=1 -timeout 20m -run 'AgainstNode' ./internal/jsvm/intl  # every Intl matrix in full: -race samples them
	$(MAKE) fuzz

# Fuzz targets, each for a fixed budget of executions (about 30 s in all on
# a 2-core machine); seed corpora live in each package's testdata/fuzz. A
# failing input is written there too: commit it with the fix. The budgets are
# counts, not durations: Go 1.26's fuzz coordinator can report a bare
# "context deadline exceeded" failure when a -fuzztime duration ends while a
# worker is busy (golang/go#75804, fixed in Go 1.27), and a count has no
# deadline to race. FUZZTIME=60s fuzzes every target for that long instead.
FUZZTIME ?=
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzRawProps$$' -fuzztime $(or $(FUZZTIME),200000x) ./internal/island
	$(GO) test -run '^$$' -fuzz '^FuzzEncodeProps$$' -fuzztime $(or $(FUZZTIME),80000x) ./internal/island
	$(GO) test -run '^$$' -fuzz '^FuzzEncodePropsMatchesJSON$$' -fuzztime $(or $(FUZZTIME),80000x) ./internal/island
	$(GO) test -run '^$$' -fuzz '^FuzzFinishHostileHTML$$' -fuzztime $(or $(FUZZTIME),15000x) ./ssr
