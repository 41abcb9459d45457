"""Settings: each declared once, with its type, default and description.

Values come from, in order of precedence: an environment variable ``STAMP_POS_<NAME>``, the
TOML file ``config.toml`` in the config directory, then the default. ``STAMP_POS_HOME``
relocates every file (database, logs, config) under one directory, for tests and demos.

Secrets (API keys, tokens) are not settings: see :mod:`pos.settings.secrets`.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar, overload
from urllib.parse import urlsplit

import platformdirs
import tomli_w

from stamps.clock import UnknownTimeZone, zone_named
from stamps.event_slots import SLOTS

APP_NAME = "stamp-pos"
ENV_PREFIX = "STAMP_POS_"
#: the service refuses more events than this in one reportMultiStampEvents call
MAX_BATCH = 1000
T = TypeVar("T")


class ConfigError(Exception):
    """A setting has a value of the wrong type or the config file cannot be read. The message
    names the setting and the file, and says what to do."""


class Setting(Generic[T]):
    """One setting: its type, default, one-line description and limits. Declared as a class
    attribute of :class:`Config`, it reads as a typed attribute (``config.batch_size`` is an
    ``int``), as Electrum's ``ConfigVar`` does."""

    __slots__ = ("choices", "default", "description", "maximum", "minimum", "name", "type")

    def __init__(
        self, kind: type[T], default: T, description: str, *,
        choices: tuple[T, ...] | None = None, minimum: float | None = None,
        maximum: float | None = None,
    ) -> None:
        self.name = ""
        self.type: type = kind
        self.default = default
        self.description = description
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...

    @overload
    def __get__(self, obj: Config, owner: type) -> T: ...

    def __get__(self, obj: Config | None, owner: type) -> Setting[T] | T:
        if obj is None:
            return self
        value: T = obj[self.name]  # type: ignore[assignment]  # coerced to self.type on load
        return value

    def __repr__(self) -> str:
        return f"Setting({self.name}: {self.type.__name__} = {self.default!r})"


class Config(Mapping[str, object]):
    """Resolved settings, read as typed attributes (``config.batch_size``) or as a mapping."""

    fintiv_base_url = Setting(
        str, "http://127.0.0.1:8765/stampcard/v2/",
        "Base URL of the Fintiv Digital Stamp API, including the version prefix")
    vvd_base_url = Setting(str, "http://127.0.0.1:8765", "Base URL of the vvd.bz stamp API")
    membership_base_url = Setting(str, "http://127.0.0.1:8765",
                                  "Base URL of the Stamps.co.id Membership API")
    stamp_domain = Setting(str, "https://vvd.bz", "Domain of the stamp URLs this store issues")
    extra_stamp_domains: Setting[list[str]] = Setting(
        list, [], "Further custom stamp domains to accept")
    merchant_id = Setting(str, "", "Fintiv merchant id of this store")
    membership_merchant = Setting(int, 14, "Membership API merchant id")
    store_id = Setting(int, 1, "Membership API store id of this counter")
    terminal_id = Setting(str, "counter-1", "Name of this terminal, written to the audit log")
    terminal_slot = Setting(
        int, 0, "This counter's number (0-9), different on each counter of the merchant",
        minimum=0, maximum=SLOTS - 1)
    batch_size = Setting(int, 50, "Events sent per reportMultiStampEvents call",
                         minimum=1, maximum=MAX_BATCH)
    http_timeout = Setting(float, 10.0, "Seconds to wait for the stamp service",
                           minimum=0.1, maximum=600)
    pull_interval = Setting(float, 300.0, "Seconds between catalog refreshes",
                            minimum=5, maximum=86_400)
    max_clock_skew = Setting(float, 120.0,
                             "Seconds of difference from the server clock before a warning",
                             minimum=1, maximum=86_400)
    backoff_max = Setting(
        float, 10.0, "Longest wait in seconds before retrying while a service is failing",
        minimum=1, maximum=600)
    max_retries = Setting(
        int, 8, "Attempts for an event with an unknown error code before a manager must review it",
        minimum=1, maximum=1000)
    min_stamp_interval = Setting(
        float, 0.0, "Seconds required between two stamps on one card (0 = no limit)",
        minimum=0, maximum=86_400)
    velocity_limit = Setting(int, 10,
                             "Stamps on one card within a day above which the manager is alerted",
                             minimum=1)
    reward_validity_days = Setting(int, 30, "Days an earned reward stays redeemable",
                                   minimum=1, maximum=36_500)
    undo_window = Setting(
        float, 120.0, "Seconds during which a cashier may undo a stamp without the manager PIN",
        minimum=0, maximum=86_400)
    idle_clear_seconds = Setting(
        float, 60.0, "Seconds without any action after which the customer is cleared from the "
        "screen, for their privacy", minimum=5, maximum=3600)
    camera = Setting(str, "auto", "Camera: auto, a device index, /dev/videoN, a file or URL")
    camera_resolution = Setting(str, "",
                                "Camera resolution to ask for, e.g. 1280x720 (empty: its own)")
    camera_autofocus = Setting(str, "auto", "Camera autofocus: on, off, or auto (leave it)",
                               choices=("auto", "on", "off"))
    decoder = Setting(str, "zxing", "QR decoder", choices=("zxing", "pyzbar", "opencv"))
    nfc_reader = Setting(str, "auto",
                         "NFC reader path: auto, usb, usb:VID:PID, tty:..., udp:...")
    scanner = Setting(str, "",
                      "Handheld scanner read directly: part of its name in 'stamp-pos devices'")
    scanner_layout = Setting(str, "us", "Keyboard layout the handheld scanner is set to",
                             choices=("us", "fr", "de"))
    debounce_frames = Setting(int, 2, "Frames a code must be seen in before it counts",
                              minimum=1, maximum=100)
    debounce_window_ms = Setting(int, 300, "Window for those frames, in milliseconds",
                                 minimum=10, maximum=60_000)
    scan_hold_seconds = Setting(float, 3.0, "Seconds the same code is ignored after a scan",
                                minimum=0, maximum=3600)
    language = Setting(str, "en", "Language of the cashier app", choices=("en", "fr"))
    country = Setting(str, "ID", "Country of the store (ISO code such as ID or FR), for phone "
                      "numbers typed without their country code")
    backup_interval_hours = Setting(
        float, 24.0, "Hours between automatic backups of the database (0 = only at start)",
        minimum=0, maximum=24 * 365)
    backups_kept = Setting(int, 7, "Automatic backups kept in <data dir>/backups",
                           minimum=1, maximum=1000)
    time_zone = Setting(
        str, "", "The store's time zone, e.g. Asia/Jakarta: its day is the one on receipts, "
        "issue dates and expiry (empty = the system's zone)")

    def __init__(self, values: Mapping[str, object], path: Path | None = None) -> None:
        self._values = dict(values)
        self.path = path

    def __getitem__(self, name: str) -> object:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **changes: object) -> Config:
        values = dict(self._values)
        for name, raw in changes.items():
            values[name] = coerce(_setting(name), raw, source="argument")
        return Config(values, self.path)

    @property
    def stamp_domains(self) -> tuple[str, ...]:
        return (self.stamp_domain, *self.extra_stamp_domains)


#: every declared setting, in declaration order
SETTINGS: tuple[Setting[Any], ...] = tuple(
    v for v in vars(Config).values() if isinstance(v, Setting))

_BY_NAME = {s.name: s for s in SETTINGS}


def home_override() -> Path | None:
    home = os.environ.get(ENV_PREFIX + "HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    home = home_override()
    path = home if home else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)  # members' names and phones live here
    return path


def config_dir() -> Path:
    home = home_override()
    path = home if home else Path(platformdirs.user_config_dir(APP_NAME))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "stamp-pos.db"


def config_path() -> Path:
    return config_dir() / "config.toml"


def _setting(name: str) -> Setting[Any]:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ConfigError(f"There is no setting named {name!r}.") from None


def coerce(setting: Setting[Any], raw: Any, *, source: str) -> Any:
    """Turn a raw value (TOML or environment text) into the setting's type, or raise."""
    kind = setting.type
    where = f"{setting.name} (from {source})"
    value: Any
    try:
        if isinstance(raw, str) and kind is not str:
            text = raw.strip()
            if kind is bool:
                if text.lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(text)
                value = text.lower() in ("1", "true", "yes", "on")
            elif kind is list:
                value = [p.strip() for p in text.split(",") if p.strip()]
            else:
                value = kind(text)
        elif kind is float and isinstance(raw, int) and not isinstance(raw, bool):
            value = float(raw)
        else:
            value = raw
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise TypeError(type(value).__name__)
    except (ValueError, TypeError):
        raise ConfigError(
            f"The setting {where} must be {_kind_name(kind)}, not {raw!r}. "
            f"Fix it or remove it to use the default ({setting.default!r})."
        ) from None
    return _check_range(setting, value, raw, where)


def _check_range(setting: Setting[Any], value: Any, raw: Any, where: str) -> Any:
    kind = setting.type
    if setting.choices is not None and value not in setting.choices:
        raise ConfigError(
            f"The setting {where} must be one of {', '.join(map(str, setting.choices))}, "
            f"not {raw!r}."
        )
    if kind is float and not math.isfinite(value):
        # NaN passes every comparison below, and infinity is no useful timeout or interval.
        raise ConfigError(f"The setting {where} must be a finite number, not {raw!r}.")
    if setting.minimum is not None and value < setting.minimum:
        raise ConfigError(f"The setting {where} must be at least {setting.minimum}, not {raw!r}.")
    if setting.maximum is not None and value > setting.maximum:
        raise ConfigError(f"The setting {where} must be at most {setting.maximum}, not {raw!r}.")
    if kind is list and not all(isinstance(v, str) for v in value):
        raise ConfigError(f"The setting {where} must be a list of text values.")
    if setting.name.endswith("_base_url") or setting.name == "stamp_domain":
        _check_web_address(value, where)
    if setting.name == "time_zone" and value:
        _check_time_zone(value, where)
    return value


def _check_time_zone(value: str, where: str) -> None:
    try:
        zone_named(value)
    except UnknownTimeZone as exc:
        raise ConfigError(f"The setting {where} is wrong: {exc}") from None


def _check_web_address(value: str, where: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"The setting {where} must be a web address starting with http:// or https://, "
            f"not {value!r}."
        )


def _kind_name(kind: type) -> str:
    return {int: "a whole number", float: "a number", bool: "true or false",
            list: "a list", str: "text"}[kind]


def load(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read the config file (if any) and the environment, validating every value."""
    path = path or config_path()
    environ = os.environ if environ is None else environ
    from_file: dict[str, Any] = {}
    if path.exists():
        try:
            from_file = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"The config file {path} is not valid TOML ({exc}). Fix or delete it."
            ) from None
        except OSError as exc:
            raise ConfigError(f"The config file {path} cannot be read: {exc.strerror}.") from None
    unknown = sorted(set(from_file) - set(_BY_NAME))
    if unknown:
        raise ConfigError(
            f"The config file {path} has unknown settings: {', '.join(unknown)}. Remove them."
        )
    values: dict[str, Any] = {}
    for s in SETTINGS:
        env_name = ENV_PREFIX + s.name.upper()
        if env_name in environ:
            values[s.name] = coerce(s, environ[env_name], source=f"${env_name}")
        elif s.name in from_file:
            values[s.name] = coerce(s, from_file[s.name], source=str(path))
        else:
            values[s.name] = s.default
    return Config(values, path)


def save(changes: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write changed settings to the config file, atomically, keeping the others."""
    path = path or config_path()
    current: dict[str, Any] = {}
    if path.exists():
        current = tomllib.loads(path.read_text(encoding="utf-8"))
    for name, raw in changes.items():
        current[name] = coerce(_setting(name), raw, source="settings")
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(current), encoding="utf-8")
    os.replace(tmp, path)
    return path
