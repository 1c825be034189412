# The two commands of README.md, and the steps they are made of.
#   make start  - set up what is missing, then run the portal with the example data
#   make test   - set up what is missing, then type-check, lint and run every test
# Every recipe runs through scripts/toolchain.sh, which brings Node 22 and yarn 4 when the
# machine lacks them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLCHAIN := . scripts/toolchain.sh &&
WORKSPACE_MANIFESTS := package.json yarn.lock $(wildcard packages/*/package.json plugins/*/package.json)

.PHONY: start test setup typecheck lint unit e2e e2e-browser techdocs-tools build-app build-backend production-test bench bench-browser pack install-test dynamic-plugins clean

start: setup techdocs-tools
	@mkdir -p data/sqlite
	@echo "Lab2Live: starting the backend on http://localhost:7007 and the portal on http://localhost:3000"
	@echo "Lab2Live: open http://localhost:3000 and sign in as guest once both are up"
	$(TOOLCHAIN) yarn start

test: setup typecheck lint unit

setup: node_modules/.lab2live-installed

# Re-installs only when a manifest or the lock file changed since the last install.
node_modules/.lab2live-installed: $(WORKSPACE_MANIFESTS)
	$(TOOLCHAIN) yarn install --immutable
	@touch $@

typecheck: setup
	$(TOOLCHAIN) yarn tsc --noEmit

lint: setup
	$(TOOLCHAIN) yarn backstage-cli repo lint
	$(TOOLCHAIN) yarn prettier --check --loglevel warn .
	@# A change to a published package's public surface must show in its API report.
	$(TOOLCHAIN) yarn check:api-reports

unit: setup
	$(TOOLCHAIN) node scripts/run-tests.js

# Browser tests: build the front end, serve it from the backend, drive Debian's Chromium;
# then the production bundle run as its image would run it (the same build, reused),
# the packed packages installed into a fresh Backstage app by the steps of docs/install.md,
# and the Red Hat Developer Hub exports loaded by a dynamic-plugins backend.
# build-backend builds the front end too (packages/app/dist), once for both.
e2e: setup e2e-browser techdocs-tools build-backend
	$(TOOLCHAIN) node scripts/run-e2e.js
	$(TOOLCHAIN) node scripts/production-test.js --no-build
	$(MAKE) install-test
	$(MAKE) dynamic-plugins

e2e-browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Model cards are TechDocs, built locally by Debian's mkdocs and its material theme.
techdocs-tools:
	@command -v mkdocs >/dev/null 2>&1 || { \
	  echo "Installing Debian's mkdocs for the model-card docs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mkdocs mkdocs-material >/dev/null; }

build-app: setup
	$(TOOLCHAIN) yarn workspace app build

# The production build: packages/backend/dist/{skeleton,bundle}.tar.gz for
# packages/backend/Dockerfile, with the front end built into the bundle.
build-backend: setup
	$(TOOLCHAIN) yarn build:backend

# The production bundle installed and started as packages/backend/Dockerfile says, with
# NODE_ENV=production on the PostgreSQL server at 127.0.0.1:5432, and checked over HTTP.
production-test: setup
	$(TOOLCHAIN) node scripts/production-test.js

bench: setup
	$(TOOLCHAIN) yarn bench:catalog
	$(TOOLCHAIN) yarn bench:status

# The model catalog page against the built-in catalog page on 10,000 models, in Chromium.
bench-browser: setup e2e-browser
	$(TOOLCHAIN) yarn bench:browser

# Every publishable package built and packed into dist-packs/, as npm would publish it.
pack: setup
	$(TOOLCHAIN) node scripts/pack.js

# A fresh app from create-app, the tarballs of make pack, the steps of docs/install.md.
install-test: pack e2e-browser
	$(TOOLCHAIN) node scripts/install-test.js

# Red Hat Developer Hub: every plugin exported as a dynamic plugin, packed, and loaded.
dynamic-plugins: pack
	$(TOOLCHAIN) node scripts/dynamic-plugins.js

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist plugins/*/dist-dynamic dist-types dist-packs
