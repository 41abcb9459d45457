# Stamp POS: `make run` starts the cashier demo, `make test` runs every check.
# Both install what they need first: Debian packages, a virtualenv and the project.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
APT_STAMP   := .apt-deps

# Runtime libraries: zbar for pyzbar, libusb for USB NFC readers, libudev for pyudev, Qt's
# offscreen and xcb needs, Xvfb; gcc, the kernel and Python headers to build evdev's extension;
# faketime (libfaketime) moves the system clock for `make test-dates`; PostgreSQL's initdb/pg_ctl
# run the server tests' database in a temporary directory (no system service).
APT_PACKAGES := libzbar0 libusb-1.0-0 libudev1 gcc libc6-dev linux-libc-dev python3-dev postgresql \
	libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 \
	faketime

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run demo test test-dates lint imports typecheck pytest soak bench screenshots clean setup \
	package package-test

run: setup
	$(BIN)/stamp-pos demo

demo: run

setup: $(APT_STAMP) $(STAMP)

# Re-checked when this file changes, so a package added to the list gets installed.
$(APT_STAMP): Makefile
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

lint: setup
	$(BIN)/ruff check .

imports: setup
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

# Two workers (pytest-xdist) for everything but the `timing` tests, which measure how fast the
# machine keeps up and so run alone afterwards.
pytest: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "not soak and not timing" -q -n 2
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "timing and not soak" -q

test: lint imports typecheck pytest

# The date-touching tests (marker `dates`) again, with the system clock moved by libfaketime:
# 400 days ahead, then from 23:59:30 on 29 February 2028 in Kiritimati (UTC+14), so the store's
# day turns and leap day ends during the run. The monotonic clock stays real (durations and
# timeouts), FAKETIME_DONT_RESET keeps child processes (services, `stamp-pos sync`) on the
# parent's start-at clock, and .ci/faketime works around libfaketime 0.9.10's sleep bug.
# STAMP_TEST_FAKED_DAY makes tests/stamps/test_clock.py check that the clock really moved.
# The server tests run on SQLite only here (STAMP_TEST_BACKENDS): both backends share the rules.
DATES_ENV    := QT_QPA_PLATFORM=offscreen FAKETIME_DONT_FAKE_MONOTONIC=1 STAMP_TEST_BACKENDS=sqlite \
	PYTHONPATH=$(CURDIR)/.ci/faketime
# Tests marked `timing` (a GUI heartbeat, kills timed against a sync run) are left out: they
# measure how fast a loaded machine keeps up, which libfaketime's overhead changes, not dates.
DATES_PYTEST := $(BIN)/pytest -m "dates and not soak and not timing" -q -p no:cacheprovider -n 2

test-dates: setup
	@status=0; \
	$(DATES_ENV) STAMP_TEST_FAKED_DAY=$$(date -d '+400 days' +%F) \
		faketime -f '+400d' $(DATES_PYTEST) || status=1; \
	$(DATES_ENV) TZ=Pacific/Kiritimati STAMP_TEST_FAKED_DAY=2028-02-29 FAKETIME_DONT_RESET=1 \
		faketime -f '@2028-02-29 23:59:30' $(DATES_PYTEST) || status=1; \
	exit $$status

soak: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m soak -q -p no:cacheprovider --timeout=3600

bench: setup
	@for b in bench/*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$b || exit 1; done

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pos.app.screenshots docs/screenshots

# Packaging (docs/install.md): `make package` builds build/package/stamp-pos_<version>_<arch>.deb
# around a PyInstaller bundle; `make package-test` builds it, then installs it with `dpkg -x`
# into a fresh root and runs it there. Neither is part of `make test` (the build takes minutes).
PACKAGE_APT   := binutils desktop-file-utils xvfb xauth
PACKAGE_STAMP := $(VENV)/.package-installed

$(PACKAGE_STAMP): pyproject.toml $(STAMP)
	@missing=$$(for p in $(PACKAGE_APT); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(BIN)/pip install -q -e '.[dev,package]'
	@touch $@

package: setup $(PACKAGE_STAMP)
	PYTHON=$(BIN)/python packaging/build.sh

package-test: package
	PYTHON=$(BIN)/python packaging/smoke_test.sh

clean:
	rm -rf $(VENV) $(APT_STAMP) .pytest_cache .mypy_cache .ruff_cache
