"""Settings: a TOML file in the user config directory, then environment variables.

A missing file means the defaults; a broken one is a ``ConfigError`` naming
the file and the problem, never a silent fallback.
"""

from __future__ import annotations

import getpass
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import ConfigError
from workbench.ingest import DEFAULT_MAX_BYTES
from workbench.validate import is_web_url

APP = "workbench"


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP)) / "workbench.db"


def default_config_path() -> Path:
    import platformdirs

    override = os.environ.get("WORKBENCH_CONFIG")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP)) / "config.toml"


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


DEFAULT_RATINGS = {"verified": (5, "Verified"), "disputed": (1, "Disputed")}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a user can set; the CLI and the TUI receive one of these."""

    reviewer: str = field(default_factory=login_name)
    max_import_mb: float = DEFAULT_MAX_BYTES / (1024 * 1024)
    possible_score: float | None = None  # None: the matcher's measured default
    suggest_score: float | None = None
    strong_score: float | None = None
    min_match_chars: int | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    publisher: str = "workbench"
    publisher_url: str | None = None
    base_url: str | None = None
    ratings: dict[str, tuple[int, str]] = field(default_factory=lambda: dict(DEFAULT_RATINGS))
    best_rating: int = 5
    worst_rating: int = 1
    path: Path | None = None

    @property
    def max_import_bytes(self) -> int:
        return int(self.max_import_mb * 1024 * 1024)


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the settings file (if any) and apply ``WORKBENCH_*`` environment overrides."""
    env = dict(os.environ) if env is None else env
    path = path or default_config_path()
    data: dict[str, Any] = {}
    if path.is_file():
        import tomllib  # only when there is a file to read

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc.strerror}") from None
    try:
        values = _from_toml(data)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"settings file {path}: {exc}") from None
    if env.get("WORKBENCH_REVIEWER"):
        values["reviewer"] = _text_of(env["WORKBENCH_REVIEWER"], "WORKBENCH_REVIEWER")
    if env.get("WORKBENCH_MAX_MB"):
        try:
            mb = float(env["WORKBENCH_MAX_MB"])
        except ValueError:
            mb = float("nan")
        if not (math.isfinite(mb) and 0.001 <= mb <= 100_000):
            raise ConfigError("WORKBENCH_MAX_MB must be a number of megabytes (up to 100000)")
        values["max_import_mb"] = mb
    return Settings(**values, path=path)


def _text_of(value: str, name: str) -> str:
    """A value from the environment, which must be UTF-8 text (a name stored on every change)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{name} is not valid UTF-8 text") from None
    return value


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise TypeError(f"[{name}] must be a table")
    return value


def _number(
    section: dict[str, Any], key: str, where: str, kind: type = float,
    low: float = float("-inf"), high: float = float("inf"),
) -> Any:  # fmt: skip
    value = section.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{where}.{key} must be a number, not {value!r}")
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{where}.{key} must be between {low:g} and {high:g}, not {value!r}")
    return kind(value)


# Every setting there is, by table: any other is a mistake to name, never one to ignore
# (a mistyped "suggets" would leave the user believing it is in force).
KNOWN: dict[str, tuple[str, ...]] = {
    "import": ("max_mb",),
    "matching": ("possible", "suggest", "strong", "min_chars"),
    "ui": ("theme",),
    "report": ("publisher", "publisher_url", "base_url", "best_rating", "worst_rating",
               "ratings"),
}  # fmt: skip
TOP = ("reviewer", "keys", *KNOWN)


def _unknown(data: dict[str, Any]) -> None:
    """Refuse a key no setting has, naming the ones there are."""
    for key in data:
        if key not in TOP:
            raise ValueError(f"unknown setting {key!r} (there are: {', '.join(TOP)})")
    for table, keys in KNOWN.items():
        section = data.get(table)
        for key in section if isinstance(section, dict) else ():
            if key not in keys:
                raise ValueError(
                    f"unknown setting [{table}] {key!r} (there are: {', '.join(keys)})"
                )


def _from_toml(data: dict[str, Any]) -> dict[str, Any]:
    _unknown(data)
    values: dict[str, Any] = {}
    if "reviewer" in data:
        if not isinstance(data["reviewer"], str) or not data["reviewer"].strip():
            raise TypeError("reviewer must be a non-empty string")
        values["reviewer"] = data["reviewer"].strip()
    imp = _section(data, "import")
    if (mb := _number(imp, "max_mb", "import", float, 0.001, 100_000)) is not None:
        values["max_import_mb"] = mb
    match = _section(data, "matching")
    for key, name, kind, high in (
        ("possible", "possible_score", float, 100),
        ("suggest", "suggest_score", float, 100),
        ("strong", "strong_score", float, 100),
        ("min_chars", "min_match_chars", int, 10_000),
    ):
        if (v := _number(match, key, "matching", kind, 0, high)) is not None:
            values[name] = v
    if values.get("strong_score", 100) < values.get("suggest_score", 0):
        raise ValueError("matching.strong must be at least matching.suggest")
    if values.get("suggest_score", 100) < values.get("possible_score", 0):
        raise ValueError("matching.suggest must be at least matching.possible")
    keys = _section(data, "keys")
    for action, binding in keys.items():
        if not isinstance(binding, str):
            raise TypeError(f'keys.{action} must be a string like "v" or "ctrl+k,v"')
    values["keymap"] = dict(keys)
    ui = _section(data, "ui")
    if "theme" in ui:
        values["theme"] = str(ui["theme"])
    report = _section(data, "report")
    for key in ("publisher", "publisher_url", "base_url"):
        if key in report:
            if not isinstance(report[key], str):
                raise TypeError(f"report.{key} must be a string")
            values[key] = report[key].strip()
    for key in ("publisher_url", "base_url"):
        if values.get(key) and not is_web_url(values[key]):
            raise ValueError(f"report.{key} must be an http(s) address, like https://example.org/")
    for key in ("best_rating", "worst_rating"):
        if (v := _number(report, key, "report", int, -1_000_000, 1_000_000)) is not None:
            values[key] = v
    ratings = _section(report, "ratings") if "ratings" in report else None
    if ratings is not None:
        table: dict[str, tuple[int, str]] = {}
        for verdict, pair in ratings.items():
            if verdict not in ("verified", "disputed", "opinion"):
                raise ValueError(f"report.ratings: unknown verdict {verdict!r}")
            number = pair[0] if isinstance(pair, list) and pair else None
            if not (
                isinstance(pair, list) and len(pair) == 2 and isinstance(number, int)
                and not isinstance(number, bool) and abs(number) <= 1_000_000
            ):  # fmt: skip
                raise TypeError(f'report.ratings.{verdict} must be [number, "Name"]')
            table[verdict] = (int(pair[0]), str(pair[1]))
        values["ratings"] = table
    best, worst = values.get("best_rating", 5), values.get("worst_rating", 1)
    if best <= worst:
        raise ValueError(f"report.best_rating ({best}) must be above report.worst_rating ({worst})")
    given = values.get("ratings")
    for verdict, (number, _) in (given or DEFAULT_RATINGS).items():
        if not worst <= number <= best:
            raise ValueError(
                f"report.ratings.{verdict} is {number}{'' if given else ' (by default)'},"
                f" outside the scale {worst} (worst) to {best} (best)"
            )
    return values
