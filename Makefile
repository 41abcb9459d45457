# Stamp POS: `make run` starts the cashier demo, `make test` runs every check.
# Both install what they need first: Debian packages, a virtualenv and the project.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
APT_STAMP   := .apt-deps

# Runtime libraries: zbar for pyzbar, libusb for USB NFC readers, libudev for pyudev, Qt's
# offscreen and xcb needs, Xvfb; gcc, the kernel and Python headers to build evdev's extension;
# PostgreSQL, whose initdb/pg_ctl the server tests run in a temporary directory (no system service).
APT_PACKAGES := libzbar0 libusb-1.0-0 libudev1 gcc libc6-dev linux-libc-dev python3-dev postgresql \
	libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run demo test lint imports typecheck pytest soak bench screenshots clean setup \
	package package-test

run: setup
	$(BIN)/stamp-pos demo

demo: run

setup: $(APT_STAMP) $(STAMP)

$(APT_STAMP):
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

pytest: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "not soak" -q

test: lint imports typecheck pytest

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
