"""The [keys] check as a pure function over (screen, binding id, keys) records."""

from __future__ import annotations

import pytest

from workbench.tui.keycheck import TYPING, Bound, keymap_problems, split_keys

REVIEW = "the review screen"
DIALOG = "the export dialog"

BOUND = [
    Bound(REVIEW, "move.down", ("j", "down"), depth=0),  # the focused list
    Bound(REVIEW, "verdict.verified", ("v",)),
    Bound(REVIEW, "verdict.disputed", ("d",)),
    Bound(REVIEW, "xref.open", ("x",)),
    Bound(REVIEW, "", ("ctrl+q",), depth=-1, name="the app's quit"),
    Bound(DIALOG, "export.write", ("ctrl+s",)),
    Bound(DIALOG, "export.cancel", ("escape",)),
    Bound(DIALOG, "", ("left",), depth=0, name="Input's cursor_left"),
    Bound(DIALOG, "", (TYPING,), depth=0, name="its text field"),
]


def test_no_keymap_no_problems() -> None:
    assert keymap_problems(BOUND, {}) == []


@pytest.mark.parametrize(
    "keymap",
    [
        {"verdict.verified": "y"},
        {"verdict.verified": "y,ctrl+y"},
        {"verdict.disputed": "x", "xref.open": "z"},  # x handed over: nothing lost
        {"verdict.verified": "d", "verdict.disputed": "v"},  # a swap
        {"export.write": "ctrl+w"},
    ],
)
def test_harmless_keymaps(keymap: dict[str, str]) -> None:
    assert keymap_problems(BOUND, keymap) == []


def test_a_key_taken_from_another_binding_of_the_screen() -> None:
    assert keymap_problems(BOUND, {"verdict.disputed": "x"}) == [
        "verdict.disputed = “x” hides xref.open (x) on the review screen"
    ]


def test_a_nearer_binding_wins() -> None:
    assert keymap_problems(BOUND, {"verdict.disputed": "j"}) == [
        "verdict.disputed = “j” is hidden by move.down (j) on the review screen"
    ]
    assert keymap_problems(BOUND, {"move.down": "v"}) == [
        "move.down = “v” hides verdict.verified (v) on the review screen"
    ]
    assert keymap_problems(BOUND, {"xref.open": "ctrl+q"}) == [
        "xref.open = “ctrl+q” is hidden by the app's quit (ctrl+q) on the review screen"
    ]


def test_one_key_given_twice() -> None:
    assert keymap_problems(BOUND, {"verdict.verified": "y", "verdict.disputed": "y"}) == [
        "“y” is given to both verdict.verified and verdict.disputed on the review screen"
    ]


def test_unknown_ids_with_a_suggestion() -> None:
    assert keymap_problems(BOUND, {"verdict.dispute": "d", "nothing.like.it": "z"}) == [
        "unknown binding id “verdict.dispute” (did you mean verdict.disputed?)",
        "unknown binding id “nothing.like.it”",
    ]


def test_a_text_field_takes_printable_keys() -> None:
    assert keymap_problems(BOUND, {"export.write": "w"}) == [
        "export.write = “w” can't work on the export dialog: its text field takes w"
    ]
    assert keymap_problems(BOUND, {"export.cancel": "left"}) == [
        "export.cancel = “left” is hidden by Input's cursor_left (left) on the export dialog"
    ]


def test_a_malformed_key_list() -> None:
    assert keymap_problems(BOUND, {"verdict.verified": "v,,y"}) == [
        "verdict.verified = “v,,y” is not a key list like “v” or “ctrl+k,v”"
    ]


def test_clashes_of_the_defaults_are_not_the_settings_doing() -> None:
    bound = [Bound("s", "a.one", ("enter",)), Bound("s", "", ("enter",), 0, "OptionList's select")]
    assert keymap_problems(bound, {"a.one": "enter,o"}) == []


def test_user_text_is_shown_harmlessly() -> None:
    [problem] = keymap_problems(BOUND, {"\x1b[31mred": "v"})
    assert "\x1b" not in problem and "␛[31mred" in problem


def test_keys_are_normalised_by_the_callers_function() -> None:
    def keys_of(value: str) -> tuple[str, ...]:
        return tuple("question_mark" if k == "?" else k for k in split_keys(value))

    bound = [Bound("s", "app.help", ("question_mark",)), Bound("s", "view.search", ("slash",))]
    assert keymap_problems(bound, {"view.search": "?"}, keys_of=keys_of) == [
        "view.search = “?” hides app.help (question_mark) on s"
    ]


def test_split_keys() -> None:
    assert split_keys(" ctrl+k , v") == ("ctrl+k", "v")
    with pytest.raises(ValueError):
        split_keys("")
