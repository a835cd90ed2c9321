"""What the editing forms share: the article's details, the claimant, the evidence, the note.

A form stores what it holds itself, through ``save`` (a store verb) given the
version the form opened on, and closes only once it is stored.  When the write
fails, the form stays open with what was typed and says why.  When someone else
changed the same record since the form opened (``ConflictError``), theirs is
shown: ``ctrl+s`` again saves the reviewer's over it, ``ctrl+o`` takes theirs
into the form.  Escape with unsaved text asks first.

Each form states its fields (``values``, ``fill``) and what it stores
(``draft``); the rest is here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Label, Static

from workbench.errors import ConflictError, WorkbenchError
from workbench.tui.screens.dialog import Dialog, ResultType
from workbench.tui.widgets.text import visible

Save = Callable[[Any, Any], Any]  # (draft, the version expected) -> what was stored
CONFLICT_HINT = "ctrl+s save yours over theirs · ctrl+o take theirs · escape keep theirs"


def form_bindings(group: str, save: str, theirs: str) -> list[BindingType]:
    """A form's keys, with the ids the keymap moves them by: ``<group>.save``,
    ``<group>.theirs``, ``<group>.cancel``; ``save`` and ``theirs`` are their tooltips."""
    # None of them is a priority binding (acted on as its key arrives, ahead of the text
    # typed before it): the field runs them as each key reaches it, in turn with the text
    # (``widgets/fields.py``), so that a tab moves on after the text typed before it and
    # an enter on the last field saves it.
    return [
        Binding(
            "tab",
            "app.focus_next",
            "Next field",
            show=False,
            id=f"{group}.next",
            tooltip="The next field",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            id=f"{group}.previous",
            tooltip="The field before",
        ),
        # Enter in a one-line field (in a note, enter is a line break)
        Binding(
            "enter",
            "next_field",
            "Next field or save",
            show=False,
            id=f"{group}.enter",
            tooltip="The next field; on the last one, save",
        ),
        Binding("ctrl+s", "save", "Save", id=f"{group}.save", tooltip=save),
        Binding("ctrl+o", "take_theirs", "Take theirs", id=f"{group}.theirs", tooltip=theirs),
        Binding("escape", "cancel", "Cancel", id=f"{group}.cancel", tooltip="Close without saving"),
    ]


def heading(lead: str, quoted: str) -> Label:
    """The form's first line: what it edits, then the record's own words in italics."""
    return Label(Text(lead) + Text(visible(quoted), style="italic"))


class Form(Dialog[ResultType]):
    """A dialog that stores its fields through ``save``; returns what was stored, or None
    when closed with nothing stored."""

    TAKES_TEXT = True
    DEFAULT_CSS = """
    Form Label.field { margin-top: 1; color: $text-muted; }
    Form .theirs { display: none; border-left: thick $warning; padding: 0 1; }
    Form.-conflict .theirs { display: block; }
    """
    GROUP: ClassVar[str] = "form"  # the ids of its parts: #<GROUP>-problem, -theirs, -hint
    HINT: ClassVar[str] = "tab next field · ctrl+s save · escape cancel"
    QUESTION: ClassVar[str] = "Close the form without saving what you typed?"
    LABELS: ClassVar[dict[str, str]] = {}  # a field's name as theirs are shown, if not its own

    def __init__(self, save: Save, expected: Any, initial: dict[str, str]) -> None:
        super().__init__()
        self._save = save
        self.expected = expected  # the version the form opened on (theirs, once seen)
        self.initial = initial  # the fields as stored: what escape and quitting compare with
        self.theirs: dict[str, str] | None = None  # shown after a conflict, until taken

    # -- what each form states -------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What the fields hold now, by name."""
        raise NotImplementedError

    def fill(self, values: dict[str, str]) -> None:
        """Put ``values`` in the fields."""
        raise NotImplementedError

    def draft(self) -> Any:
        """What to store, checked; None when it is refused (the form has said why)."""
        raise NotImplementedError

    def unchanged(self, draft: Any) -> bool:
        """Storing ``draft`` would change nothing: the form closes, no empty undo step."""
        return False

    def result(self, draft: Any, stored: Any) -> ResultType:
        """What the form returns once ``draft`` is stored (``stored``: what ``save`` gave)."""
        return stored

    def theirs_of(self, current: Any) -> tuple[Any, dict[str, str]]:
        """From the record as someone else left it: the version to save over, its fields."""
        raise NotImplementedError

    def shown_theirs(self, theirs: dict[str, str]) -> Text | str:
        """Theirs, as shown under the form."""
        shown = Text("Theirs:\n", style="bold")
        for name, value in theirs.items():
            label = self.LABELS.get(name, name)
            shown += Text(f"{label}: ", style="dim") + Text(visible(value) or "—") + "\n"
        return shown

    # -- the rest ----------------------------------------------------------------------

    def ending(self, theirs: bool = True) -> ComposeResult:
        """The form's last lines: the problem, theirs (unless the problem names it), the keys."""
        yield Label("", id=f"{self.GROUP}-problem", classes="problem", markup=False)
        if theirs:
            yield Static("", id=f"{self.GROUP}-theirs", classes="theirs", markup=False)
        yield Label(self.HINT, id=f"{self.GROUP}-hint", classes="hint")

    def unsaved(self) -> bool:
        if not self.is_mounted:  # (asked as it opens: ctrl+q typed with the key opening it)
            return False
        now = self.values()
        return any(now[name].strip() != value.strip() for name, value in self.initial.items())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":  # in a one-line field only: elsewhere enter is theirs
            return isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def action_next_field(self) -> None:
        if self.focused is self.query(Input).last():
            self.action_save()
        else:
            self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # (enter is Submitted only when the keymap moved ``<group>.enter`` elsewhere)
        if event.input is self.focused:
            self.action_next_field()

    def action_save(self) -> None:
        if self.closing:  # (a second enter or ctrl+s, typed before the form was gone)
            return
        draft = self.draft()
        if draft is None:
            return
        if self.unchanged(draft):
            self.dismiss(None)
            return
        try:
            stored = self._save(draft, self.expected)
        except ConflictError as exc:
            self.conflict(exc)
            return
        except WorkbenchError as exc:
            self.show_problem(f"Not saved: {exc.message}. What you typed is still here.")
            return
        self.initial = self.values()
        self.dismiss(self.result(draft, stored))

    def conflict(self, exc: ConflictError) -> None:
        """Someone else changed the record: show theirs; saving again goes over it."""
        self.expected, self.theirs = self.theirs_of(exc.current)
        boxes = list(self.query(f"#{self.GROUP}-theirs").results(Static))
        for box in boxes:
            box.update(self.shown_theirs(self.theirs))
        below = " Theirs is below." if boxes else ""
        self.show_problem(f"Not saved: {exc.message}.{below}")
        self.query_one(f"#{self.GROUP}-hint", Label).update(CONFLICT_HINT)
        self.add_class("-conflict")

    def action_take_theirs(self) -> None:
        if self.theirs is None:
            return
        self.fill(self.theirs)
        self.initial, self.theirs = self.theirs, None
        self.remove_class("-conflict")
        self.show_problem("")
        self.query_one(f"#{self.GROUP}-hint", Label).update(self.HINT)

    def action_cancel(self) -> None:
        self.close_unless_unsaved(self.QUESTION)
