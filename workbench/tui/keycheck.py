"""The [keys] settings checked against the bindings the app really has.

Textual applies a keymap quietly, node by node: a binding moved onto a key that
another binding of the same screen holds takes it (or is hidden by a nearer
one, such as the focused list's), two bindings given one key leave one of them
dead, and an id no binding has is ignored.  ``keymap_problems`` finds these
from plain ``Bound`` records (a pure function, tested on its own);
``app_bindings`` reads the records from the app's screen and widget classes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.safe_text import for_terminal

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding

TYPING = "<typing>"  # the key of a text field's record: it takes every printable key


@dataclass(frozen=True, slots=True)
class Bound:
    """One binding as a screen sees it."""

    screen: str  # where: "the review screen"
    binding_id: str  # the id [keys] uses; "" for Textual's own keys, which it can't move
    keys: tuple[str, ...]  # its keys before the keymap, in Textual's long form ("question_mark")
    # nearer the focus wins: -1 priority (and typing), 0 focused widget, 1 screen, 2 app; where
    # a text field types, 0 the screen and 1 the field's own keys
    depth: int = 1
    name: str = ""  # how to call a binding with no id: "the list's cursor_down"

    @property
    def label(self) -> str:
        return self.binding_id or self.name or "a built-in key"


def split_keys(keys: str) -> tuple[str, ...]:
    """``"ctrl+k, v"`` -> ``("ctrl+k", "v")``; ValueError when a key in the list is empty."""
    found = tuple(k.strip() for k in keys.split(","))
    if not all(found):
        raise ValueError(keys)
    return found


def keymap_problems(
    bound: Iterable[Bound],
    keymap: Mapping[str, str],
    *,
    keys_of: Callable[[str], tuple[str, ...]] = split_keys,
    printable: Callable[[str], bool] = lambda key: len(key) == 1,
) -> list[str]:
    """What the keymap breaks, one short sentence each (empty when nothing).

    ``keys_of`` turns a keymap value into key names as ``Bound.keys`` spells them
    (raising ValueError for a malformed one); ``printable`` says whether a key
    types a character, which a focused text field takes before any binding.
    Clashes the defaults already have are not the settings' doing and are left out.
    """
    bound = list(bound)
    known = sorted({b.binding_id for b in bound if b.binding_id})
    moved: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for binding_id, value in keymap.items():
        if binding_id not in known:
            near = difflib.get_close_matches(binding_id, known, n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            problems.append(f"unknown binding id {_q(binding_id)}{hint}")
            continue
        try:
            moved[binding_id] = keys_of(value)
        except ValueError:
            problems.append(f"{binding_id} = {_q(value)} is not a key list like “v” or “ctrl+k,v”")

    screens: dict[str, list[Bound]] = {}
    for b in bound:
        screens.setdefault(b.screen, []).append(b)
    for screen, records in screens.items():
        holders: dict[str, list[tuple[Bound, bool]]] = {}
        typists = [b for b in records if TYPING in b.keys]
        for b in records:
            for key in moved.get(b.binding_id, b.keys):
                if key != TYPING:  # a key the binding had anyway is not the keymap's doing
                    holders.setdefault(key, []).append((b, key not in b.keys))
        for key, held in holders.items():
            movers = [b for b, by_keymap in held if by_keymap]
            if not movers:
                continue
            if len({b.binding_id for b in movers}) > 1:
                names = " and ".join(b.label for b in movers)
                problems.append(f"{_q(key)} is given to both {names} on {screen}")
            for mover in movers:
                shown = f"{mover.binding_id} = {_q(keymap[mover.binding_id])}"
                for other, by_keymap in held:
                    if by_keymap:
                        continue  # said above: given to both
                    # nearer the focus wins; in one node, the keymap's binding replaces the old
                    if mover.depth <= other.depth:
                        problems.append(f"{shown} hides {other.label} ({key}) on {screen}")
                    else:
                        problems.append(f"{shown} is hidden by {other.label} ({key}) on {screen}")
                if printable(key) and any(t.depth < mover.depth for t in typists):
                    problems.append(f"{shown} can't work on {screen}: its text field takes {key}")
    return list(dict.fromkeys(problems))


def _q(text: str) -> str:
    return f"“{for_terminal(text)}”"


# What each screen holds that takes keys when focused or around the focus (by class name),
# and whether a text field is among them: it takes typed keys before any binding of the
# screen, and runs the screen's other keys before its own (``widgets/fields.py``).  A
# screen not listed still has its own bindings checked; a test compares this with the
# real screens.
PLACES: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "ReviewScreen": ("the review screen", ("SentenceList",), False),
    "HelpScreen": ("the help screen", ("VerticalScroll",), False),
    "LibraryScreen": ("the article library", ("Choices",), False),
    "CrossRefScreen": ("the cross-references", ("Choices",), False),
    "ExportScreen": ("the export dialog", ("Select", "Input"), True),
    "EvidenceForm": (
        "the evidence form",
        ("Input", "Select", "Suggestions", "VerticalScroll"),
        True,
    ),
    "EvidenceLibrary": ("the evidence library", ("Input", "Choices"), True),
    "SentenceEvidence": ("the sentence's evidence", ("Choices",), False),
    "PromptScreen": ("the prompt", ("Input",), True),
    "NoteEditor": ("the note editor", ("TextArea",), True),
    "SplitEditor": ("the split editor", ("TextArea",), False),  # read-only: types nothing
    "ConfirmScreen": ("the yes-or-no question", (), False),
    "ArticleInfoForm": ("the article details", ("Input", "VerticalScroll"), True),
    "ClaimantForm": ("the claimant form", ("Input",), True),
    "SearchAllScreen": ("the search across articles", ("Input", "Choices"), True),
}


FIELDS = ("Input", "TextArea")  # text fields: they run their screen's keys first


def own_classes(package: str, base: type) -> list[type]:
    """The subclasses of ``base`` defined in the modules of ``package`` (imported here)."""
    import importlib
    import pkgutil

    found: list[type] = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, base)
            and value.__module__ == module.__name__  # defined there, not imported
        ]  # fmt: skip
    return found


def app_bindings(app: App) -> list[Bound]:
    """Every binding of every screen of ``app``, with its widgets' and the app's own."""
    from textual.binding import Binding
    from textual.containers import VerticalScroll
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Input, OptionList, Select, SelectionList, TextArea

    app_own = class_bindings(type(app))
    if app.ENABLE_COMMAND_PALETTE and not any(
        b.action in ("command_palette", "app.command_palette") for b in app_own
    ):  # Textual adds it when the app starts
        app_own.append(Binding(app.COMMAND_PALETTE_BINDING, "command_palette", priority=True))
    ours = own_classes("workbench.tui.widgets", Widget)
    widgets = {w.__name__: w for w in (Input, OptionList, Select, SelectionList, TextArea,
                                       VerticalScroll, *ours)}  # fmt: skip
    placed = {name for _, names, _ in PLACES.values() for name in names}
    places = [
        (*PLACES.get(cls.__name__, (f"the {cls.__name__}", (), False)), cls)
        for cls in own_classes("workbench.tui.screens", Screen)
    ]
    places += [(f"the {w.__name__}", (), False, w) for w in ours if w.__name__ not in placed]
    found: list[Bound] = []
    for screen, names, typing, cls in places:
        # (where a text field types, the screen's keys come before its field's own)
        layers = [(1 if typing and name in FIELDS else 0, name, class_bindings(widgets[name]))
                  for name in names]  # fmt: skip
        layers += [(0 if typing else 1, "the screen", class_bindings(cls)), (2, "the app", app_own)]
        bound = [
            Bound(screen, b.id or "", (b.key,), -1 if b.priority else depth,
                  "" if b.id else f"{owner}'s {b.action}")
            for depth, owner, bindings in layers for b in bindings
        ]  # fmt: skip
        if any(b.binding_id for b in bound):  # else the keymap can't touch this place
            found += bound
            if typing:
                found.append(Bound(screen, "", (TYPING,), -1, "its text field"))
    return found


def class_bindings(cls: type) -> list[Binding]:
    """A class's bindings with those it inherits, as Textual merges them (a key's last wins)."""
    from textual.binding import Binding

    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if not getattr(base, "_inherit_bindings", True):
            keys.clear()
        own: dict[str, list[Binding]] = {}
        for b in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            own.setdefault(b.key, []).append(b)
        keys.update(own)
    return [b for bindings in keys.values() for b in bindings]


def textual_keys(value: str) -> tuple[str, ...]:
    """A keymap value as Textual reads it: ``"?, ctrl+k"`` -> ``("question_mark", "ctrl+k")``."""
    from textual.binding import Binding

    keys = ",".join(split_keys(value))  # ValueError first: Textual's own error is less clear
    return tuple(b.key for b in Binding.make_bindings([Binding(keys, "")]))


def types_a_character(key: str) -> bool:
    """Whether ``key`` types a printable character (a focused text field takes it)."""
    from textual.keys import key_to_character

    character = key_to_character(key)
    return character is not None and character.isprintable()


def settings_problems(app: App, keymap: Mapping[str, str]) -> list[str]:
    """``keymap_problems`` for ``app``'s real screens and widgets."""
    return keymap_problems(
        app_bindings(app), keymap, keys_of=textual_keys, printable=types_a_character
    )
