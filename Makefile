# rencai: the two commands a newcomer needs are `make demo` and `make test`.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= debug

.PHONY: demo test build release install deps pytools bench-classify bench-classify-reference bench-bagit bench-watch clean

# Reference tools the tests check our output with (bagit-python, icalendar), in a venv under .build/.
VENV ?= .build/pytools
PYTOOLS = RENCAI_TEST_PYTHON=$(abspath $(VENV))/bin/python RENCAI_ICAL_PYTHON=$(abspath $(VENV))/bin/python

# Installs the system libraries when missing (Debian/Ubuntu; needs root or sudo).
deps:
	@missing=""; \
	for p in libcurl4-openssl-dev libxml2-dev libssl-dev libsqlite3-dev zlib1g-dev libzstd-dev; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

demo: build
	$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/rencai demo

pytools:
	@[ -x $(VENV)/bin/python ] && $(VENV)/bin/python -c "import bagit, icalendar" 2>/dev/null || { \
	  python3 -m venv $(VENV) && $(VENV)/bin/pip install -q bagit==1.9.0 icalendar==7.3.2; }

test: deps pytools
	$(PYTOOLS) $(SWIFT) test

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/rencai
	install -m 0755 $$($(SWIFT) build -c release --show-bin-path)/rencai $(PREFIX)/bin/rencai
	cp -R Templates/. $(PREFIX)/share/rencai/
	cp -R Fixtures $(PREFIX)/share/rencai/fixtures

bench-classify: release
	$$($(SWIFT) build -c release --show-bin-path)/bench-classify

# What a learned surface-form coder reaches on the same dev titles (scikit-learn, in its own venv under .build/).
MLVENV ?= .build/pytools-ml
bench-classify-reference: release
	@[ -x $(MLVENV)/bin/python ] && $(MLVENV)/bin/python -c "import sklearn" 2>/dev/null || { \
	  python3 -m venv $(MLVENV) && $(MLVENV)/bin/pip install -q scikit-learn==1.9.1; }
	$(MLVENV)/bin/python Sources/Benchmarks/Classify/reference/ceiling.py --rencai $$($(SWIFT) build -c release --show-bin-path)/rencai

bench-bagit: release pytools
	$$($(SWIFT) build -c release --show-bin-path)/bench-bagit --python $(VENV)/bin/python

# Five runs, rencai's and urlwatch's taking turns (URLWATCH=/path/to/urlwatch): best, median, ratio of medians.
bench-watch: release
	$$($(SWIFT) build -c release --show-bin-path)/bench-watch --repeat 5

clean:
	rm -rf .build
