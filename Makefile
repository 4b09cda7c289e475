# rencai: the two commands a newcomer needs are `make demo` and `make test`.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= debug

.PHONY: demo test build release install deps bench-classify bench-bagit bench-watch clean

# Installs the system libraries when missing (Debian/Ubuntu; needs root or sudo).
deps:
	@missing=""; \
	for p in libcurl4-openssl-dev libxml2-dev libssl-dev libsqlite3-dev; do \
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

test: deps
	$(SWIFT) test

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/rencai
	install -m 0755 $$($(SWIFT) build -c release --show-bin-path)/rencai $(PREFIX)/bin/rencai
	cp -R Templates/. $(PREFIX)/share/rencai/
	cp -R Fixtures $(PREFIX)/share/rencai/fixtures

bench-classify: release
	$$($(SWIFT) build -c release --show-bin-path)/bench-classify

bench-bagit: release
	$$($(SWIFT) build -c release --show-bin-path)/bench-bagit

bench-watch: release
	$$($(SWIFT) build -c release --show-bin-path)/bench-watch

clean:
	rm -rf .build
