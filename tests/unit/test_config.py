"""Settings: defaults, the TOML file, environment overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.config import load_settings
from workbench.errors import ConfigError


def test_a_missing_file_means_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "none.toml", env={})
    assert s.max_import_mb == 50
    assert s.ratings["verified"] == (5, "Verified")
    assert s.reviewer


def test_the_file_and_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'reviewer = "Ana"\n[import]\nmax_mb = 5\n[matching]\nsuggest = 60\nstrong = 90\n'
        '[keys]\n"verdict.verified" = "y"\n[ui]\ntheme = "nord"\n'
        '[report]\npublisher = "Desk"\n[report.ratings]\nverified = [4, "True"]\n',
        encoding="utf-8",
    )
    s = load_settings(path, env={"WORKBENCH_REVIEWER": "Bo"})
    assert (s.reviewer, s.max_import_mb, s.suggest_score, s.strong_score) == ("Bo", 5, 60, 90)
    assert s.keymap == {"verdict.verified": "y"}
    assert (s.theme, s.publisher, s.ratings) == ("nord", "Desk", {"verified": (4, "True")})
    assert s.max_import_bytes == 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("given", "possible", "suggest", "strong"),
    [
        ({}, 0.04, 0.19, 0.87),  # the shipped model's
        ({"possible_score": 10.0}, 0.10, 0.19, 0.87),
        ({"suggest_score": 90.0}, 0.04, 0.90, 0.90),  # strong never under suggest
        ({"suggest_score": 3.0}, 0.03, 0.03, 0.87),  # possible never over it
        ({"possible_score": 30.0}, 0.19, 0.19, 0.87),
        ({"strong_score": 10.0}, 0.04, 0.19, 0.19),
    ],
)
def test_the_thresholds_stay_in_order_whichever_are_given(given, possible, suggest, strong):
    from workbench.config import Settings
    from workbench.matching import settings_from

    s = settings_from(Settings(reviewer="t", **given))
    assert (s.possible, s.suggest, s.strong) == pytest.approx((possible, suggest, strong))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("reviewer = ", "not valid TOML"),
        ("[import]\nmax_mb = 'big'", "import.max_mb must be a number"),
        ("[matching]\nsuggest = 90\nstrong = 50", "strong must be at least"),
        ("[matching]\npossible = 30\nsuggest = 19", "suggest must be at least matching.possible"),
        ("[matching]\npossible = -1", "possible must be between 0 and 100"),
        ("[report.ratings]\nfalse = [1, 'x']", "unknown verdict"),
        ("import = 3", r"\[import\] must be a table"),
        ("[matching]\nsuggets = 50", r"unknown setting \[matching\] 'suggets' \(there are: "),
        ("[report]\npublishr = 'X'", r"unknown setting \[report\] 'publishr'"),
        ("[foo]\nx = 1", "unknown setting 'foo'"),
        ("theme = 'nord'", "unknown setting 'theme'"),  # ([ui] theme)
        ("[report.ratings]\nverified = [50, 'Verified']", "verified is 50, outside the scale 1"),
        ("[report]\nbest_rating = 1\nworst_rating = 5", "best_rating .1. must be above"),
        ("[report]\nbest_rating = 3", r"verified is 5 \(by default\), outside the scale"),
    ],
)
def test_a_broken_file_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(path, env={})
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)
