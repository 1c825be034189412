# The two commands of README.md, and the steps they are made of.
#   make start  - set up what is missing, then run the portal with the example data
#   make test   - set up what is missing, then type-check, lint and run every test
# Every recipe runs through scripts/toolchain.sh, which brings Node 22 and yarn 4 when the
# machine lacks them, and every step through scripts/step.js, which records its time in
# .cache/steps/ for CI's summary (node scripts/ci-summary.js).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLCHAIN := . scripts/toolchain.sh &&
STEP := node scripts/step.js
WORKSPACE_MANIFESTS := package.json yarn.lock $(wildcard packages/*/package.json plugins/*/package.json)

.PHONY: start test ci ci-steps setup types typecheck lint api-reports unit e2e e2e-journeys e2e-packed e2e-install-test e2e-dynamic-plugins e2e-browser techdocs-check build-app build-backend production-test bench bench-browser pack install-test dynamic-plugins clean

start: setup techdocs-check
	@mkdir -p data/sqlite
	@echo "Lab2Live: starting the backend on http://localhost:7007 and the portal on http://localhost:3000"
	@echo "Lab2Live: open http://localhost:3000 and sign in as guest once both are up"
	$(TOOLCHAIN) yarn start

# Two lanes side by side (each uses one core): the type check and then the API reports
# (which read its declarations), and lint; then the tests.
test: setup
	$(MAKE) --no-print-directory -j2 --output-sync=target types lint
	$(MAKE) --no-print-directory unit

types: setup
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory api-reports

setup: node_modules/.lab2live-installed

# Re-installs only when a manifest or the lock file changed since the last install.
# node_modules is made of hard links into yarn's store in the home folder rather than
# copies, so a clone's install (CI's, the install test's app) links what the machine
# already holds instead of copying 1.2 GB. Set here, not in .yarnrc.yml: the production
# image (packages/backend/Dockerfile) installs with plain copies.
# Native addons compiled by the install are kept in prebuild-install's cache for the
# next install on this machine (scripts/cache-native-builds.js).
node_modules/.lab2live-installed: $(WORKSPACE_MANIFESTS)
	$(TOOLCHAIN) YARN_NM_MODE=hardlinks-global $(STEP) install -- yarn install --immutable
	$(TOOLCHAIN) node scripts/cache-native-builds.js
	@touch $@

# Writes the type declarations to dist-types/ (incrementally), which the API reports
# and make pack read.
typecheck: setup
	$(TOOLCHAIN) $(STEP) typecheck -- yarn tsc

# Packages whose files did not change since they last passed are skipped (the CLI's
# success cache, under node_modules/.cache/).
lint: setup
	$(TOOLCHAIN) $(STEP) eslint -- yarn backstage-cli repo lint --success-cache
	$(TOOLCHAIN) $(STEP) prettier -- yarn prettier --check --cache --loglevel warn .

# A change to a published package's public surface must show in its API report (the
# script's own tsc only brings dist-types/ up to date after the type check).
api-reports: setup
	$(TOOLCHAIN) $(STEP) api-reports -- yarn check:api-reports

unit: setup
	$(TOOLCHAIN) $(STEP) unit -- node scripts/run-tests.js

# Browser tests: build the front end, serve it from the backend, drive Debian's Chromium;
# then the production bundle run as its image would run it (the same build, reused).
# Beside them, on the tarballs of one make pack: the packed packages installed into a
# fresh Backstage app by the steps of docs/install.md, and the Red Hat Developer Hub
# exports loaded by a dynamic-plugins backend. Each lane's output is in .cache/logs/.
# -o e2e-browser: it has run here; run again by both lanes, it made make 4.3 hold the
# journeys until pack had ended.
e2e: setup e2e-browser build-backend
	$(MAKE) --no-print-directory -k -j2 -o e2e-browser e2e-journeys e2e-packed

# The lanes start after e2e's own setup and build; the packed lane packs first, while the
# journeys run (the journeys' backend runs from source and has loaded its modules by the
# time make pack's prepack rewrites a manifest for a moment, and pack puts back each
# manifest's time, so make never takes it for changed).
# The production test runs whatever the journeys' result, so CI reports both.
e2e-journeys: e2e-browser
	failed=0; \
	$(TOOLCHAIN) $(STEP) browser-journeys --log -- node scripts/run-e2e.js || failed=1; \
	$(TOOLCHAIN) $(STEP) production-test --log -- node scripts/production-test.js --no-build || failed=1; \
	exit $$failed

e2e-packed: e2e-install-test e2e-dynamic-plugins

# CI (.ci/run): the steps of `make test` and `make e2e`, every one of them, scheduled in
# three lanes instead of one after the other, so that both cores stay busy from the
# first step to the last (run one after the other, the unit tests and the browser
# journeys each left a quarter of the machine idle). Make starts each step once what
# it needs has run:
#   typecheck, pack, install test, Developer Hub export (api-reports beside pack)
#   eslint and prettier; after pack the app and backend build, browser journeys,
#   production test
#   unit tests, from the end of pack on
# The unit tests and the backend build wait for pack: pack's prepack rewrites each
# package's manifest for a moment (main: dist/), which a test starting then would
# resolve, and pack's build writes the dist/ folders the backend build reads. Only one
# tsc writes dist-types/ at a time.
ci:
	$(MAKE) --no-print-directory -k -j3 --output-sync=target LAB2LIVE_CI_LANES=1 ci-steps

ci-steps: typecheck api-reports lint unit build-backend e2e-journeys pack e2e-install-test e2e-dynamic-plugins

e2e-install-test: e2e-browser pack
	$(TOOLCHAIN) $(STEP) install-test --log -- node scripts/install-test.js

# After the install test: both are the packed lane's, one core's worth each.
e2e-dynamic-plugins: pack e2e-install-test
	$(TOOLCHAIN) $(STEP) dynamic-plugins --log -- node scripts/dynamic-plugins.js

ifdef LAB2LIVE_CI_LANES
api-reports pack: typecheck
unit build-backend: pack
build-backend: lint e2e-browser
e2e-journeys: build-backend
# pack has just built every library the backend bundles; building them again would
# rewrite the dist/ folders the Developer Hub export reads. The app is built first, as
# the backend build would have built it.
BUILD_BACKEND := yarn workspace app build && yarn build:backend --skip-build-dependencies
endif

# Debian's headless Chromium, and mkdocs for the Docs tab the browser tests open,
# installed with apt-get when missing and running as root; otherwise it says what to
# install. The headless shell is Chromium without its windowing layers: the same
# journeys took 7% less CPU in it than in the full browser (scripts/lib/harness.js
# falls back to /usr/bin/chromium where only that is installed).
e2e-browser:
	@command -v chromium-headless-shell >/dev/null 2>&1 && command -v mkdocs >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium-headless-shell, mkdocs and mkdocs-material for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell mkdocs mkdocs-material >/dev/null; \
	  else \
	    echo "The browser tests need Chromium's headless shell and mkdocs: install them (e.g. sudo apt-get install chromium-headless-shell mkdocs mkdocs-material)" >&2; exit 1; \
	  fi; }

# Model cards are TechDocs, built by the portal with mkdocs and its material theme when
# they are installed. Without them the portal runs all the same; only the Docs tabs stay
# empty, so this only says how to add them.
techdocs-check:
	@if ! command -v mkdocs >/dev/null 2>&1; then \
	  echo "Lab2Live: mkdocs is not installed, so the Docs tabs stay empty (nothing else needs it)."; \
	  echo "Lab2Live: to add it with its theme: sudo apt-get install mkdocs mkdocs-material (Debian, Ubuntu), or: python3 -m pip install --user mkdocs mkdocs-material"; \
	fi

build-app: setup
	$(TOOLCHAIN) yarn workspace app build

# The production build: packages/backend/dist/{skeleton,bundle}.tar.gz for
# packages/backend/Dockerfile, with the front end built into the bundle.
BUILD_BACKEND ?= yarn build:backend
build-backend: setup
	$(TOOLCHAIN) $(STEP) build-backend -- bash -c '$(BUILD_BACKEND)'

# The production bundle installed and started as packages/backend/Dockerfile says, with
# NODE_ENV=production on the PostgreSQL server at 127.0.0.1:5432, and checked over HTTP.
production-test: setup
	$(TOOLCHAIN) $(STEP) production-test -- node scripts/production-test.js

bench: setup
	$(TOOLCHAIN) yarn bench:catalog
	$(TOOLCHAIN) yarn bench:status

# The model catalog page against the built-in catalog page on 10,000 models, in Chromium.
bench-browser: setup e2e-browser
	$(TOOLCHAIN) yarn bench:browser

# Every publishable package built and packed into dist-packs/, as npm would publish it.
pack: setup
	$(TOOLCHAIN) $(STEP) pack -- node scripts/pack.js

# A fresh app from create-app, the tarballs of make pack, the steps of docs/install.md.
install-test: pack e2e-browser
	$(TOOLCHAIN) $(STEP) install-test -- node scripts/install-test.js

# Red Hat Developer Hub: every plugin exported as a dynamic plugin, packed, and loaded.
dynamic-plugins: pack
	$(TOOLCHAIN) $(STEP) dynamic-plugins -- node scripts/dynamic-plugins.js

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist plugins/*/dist-dynamic dist-types dist-packs
