"""WorkbenchApp: wiring only.  The store and settings come in; screens do the work."""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import cached_property
from pathlib import Path
from typing import ClassVar
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input

from workbench.collection import freeze_startup
from workbench.config import Settings
from workbench.safe_text import for_terminal
from workbench.store import Store
from workbench.tui.commands import ReviewCommands
from workbench.tui.screens.dialog import ConfirmScreen, Dialog
from workbench.tui.screens.review import ReviewScreen


def keys_meant(key: events.Key, bound: Container[str], typing: bool) -> list[events.Key]:
    """The keys an alt+``key`` stands for: escape and then the key, where the key is a
    letter or digit that nothing binds with alt (``bound``: the keys the [keys] settings
    bind; workbench binds no alt key of its own) and no text is being typed (``typing``);
    else itself.

    A terminal sends the same bytes for alt+v as for escape and then v, and reads them as
    alt+v when the v follows within 100 ms: a fast typist, keys sent over SSH in one
    packet.  Escape then v is what was meant there (`x`, escape, `v`: the matches close,
    the sentence is marked verified), where alt+v did nothing.  Not in a text field, where
    alt+b, alt+d are a reader's editing habits: read as escape, they would close the
    field's dialog and run the letter as a review key (alt+d a verdict); the letter is
    typed, as before."""
    character = key.character
    if (
        typing
        or character is None
        or len(character) != 1
        or not character.isalnum()
        or key.key in bound
    ):
        return [key]
    return [events.Key("escape", "\x1b"), events.Key(character, character)]


class WorkbenchApp(App[None]):
    """A keyboard-first fact-check workbench."""

    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses may live elsewhere
    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    # Textual's quit and command palette, with the ids the [keys] settings move them by
    # (Textual gives them none, so help listed them without one)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True,
                tooltip="Quit the app and return to the command prompt."),
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "palette", id="app.palette",
                show=False, key_display=App.COMMAND_PALETTE_DISPLAY, priority=True,
                tooltip="Open the command palette"),
    ]  # fmt: skip

    def __init__(
        self,
        store: Store,
        settings: Settings,
        article_id: int,
        *,
        freeze_heap: bool = False,
        notices: list[tuple[str, bool]] | None = None,
    ) -> None:
        """``freeze_heap``: once the first frame is shown, collect the garbage and set every
        object made so far aside from the garbage collector (``freeze_startup``).  The
        ``workbench`` command does; a test process, which runs hundreds of apps, doesn't.
        ``notices``: (message, is a warning) to show on opening (what an import did)."""
        super().__init__()
        self.store = store
        self.settings = settings
        self.article_id = article_id
        # the screen each key was typed on, as long as the key is on its way (a paste may be
        # thousands of keys: none is forgotten)
        self._typed_on: WeakKeyDictionary[events.Key, Screen[object]] = WeakKeyDictionary()
        self._freeze_heap = freeze_heap
        self._notices = notices or []

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
            self.call_after_refresh(self.check_keymap)  # after the first frame: not in its way
        theme = self.settings.theme or self.store.get_meta("theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.store.set_meta("last_article", str(self.article_id))
        for message, warning in self._notices:
            self.notify(message, severity="warning" if warning else "information", timeout=20)
        if self._freeze_heap:
            self.call_after_refresh(freeze_startup)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: titles, paths and messages carry article data,
        and none of it may be read as markup or reach the terminal as a control character."""
        del markup  # never: no notification of workbench's own needs it
        super().notify(for_terminal(message, lines=True), title=for_terminal(title),
                       severity=severity, timeout=timeout, markup=False)  # fmt: skip

    def check_keymap(self) -> None:
        """Say in one line what the [keys] settings break (the keymap stays applied as is)."""
        from workbench.tui.keycheck import settings_problems

        problems = settings_problems(self, self.settings.keymap)
        if problems:
            where = f" in {for_terminal(str(self.settings.path))}" if self.settings.path else ""
            self.notify(f"[keys]{where}: " + "; ".join(problems) + ".", title="Settings",
                        severity="warning", timeout=20, markup=False)  # fmt: skip

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            keys = [event]
            if event.key.startswith("alt+"):
                keys = keys_meant(event, self._alt_bound, self.typing())
            for key in keys:
                self._typed_on[key] = self.screen
                await super().on_event(key)
            return
        await super().on_event(event)

    @cached_property
    def _alt_bound(self) -> frozenset[str]:
        """The keys the [keys] settings bind (workbench's own bindings use no alt key)."""
        return frozenset(k.strip() for keys in self.settings.keymap.values()
                         for k in keys.split(","))  # fmt: skip

    def typing(self) -> bool:
        """Whether keys go to text now: a text field has the focus, or the dialog on top
        has one and keeps the keys typed before it has the focus."""
        screen = self.screen
        return isinstance(self.focused, Input) or (isinstance(screen, Dialog) and screen.TAKES_TEXT)

    async def _on_key(self, event: events.Key) -> None:
        """A key typed while the screen below was on top, back after a dialog opened over it
        (the note after ``n``, typed fast or pasted): it belongs to the dialog's field,
        whatever the key (it is not run as a binding of the dialog's here, ahead of the
        keys before it)."""
        screen = self.screen
        typed_on = self._typed_on.pop(event, screen)
        if typed_on is not screen and isinstance(screen, Dialog) and screen.take_early_key(event):
            event.stop()
            event.prevent_default()

    def hand_on(self, typed: list[events.Key], closed: Screen[object] | None = None) -> None:
        """Give keys that reached a widget no longer focused (a tab before them moved on)
        or a dialog no longer on top (``closed``: the key before them closed it) to what
        has the focus now, as keys typed there.  After a dialog, once the app has taken
        its answer (which may open another dialog: that one then keeps the keys)."""
        keys = [events.Key(event.key, event.character) for event in typed]

        def forward() -> None:
            for key in keys:
                self._typed_on[key] = self.screen
                (self.focused or self.screen)._forward_event(key)

        if closed is None:
            forward()
        else:  # (after the dialog's answer: Textual hands it to the app by ``call_next`` too)
            self.call_next(forward)

    def after_keys_on_their_way(self, callback: Callable[[], object], rounds: int = 3) -> None:
        """Call ``callback`` once the keys handed to the focused widget before now have been
        acted on: one step behind them at a time, from the widget up to the app (each of
        its ancestors takes its messages in turn); again from the widget focused then, if
        it is another (the keys may have opened a dialog and been handed to its field).  A
        priority binding acts as its key arrives, ahead of them (ctrl+q right after a note
        typed with ``n``)."""
        start = self.focused or self.screen
        steps = list(start.ancestors_with_self)

        def step(index: int) -> None:
            if index < len(steps):
                if not steps[index].call_later(step, index + 1):
                    step(index + 1)  # (a widget already gone takes no message: on)
            elif rounds > 1 and (self.focused or self.screen) is not start:
                self.after_keys_on_their_way(callback, rounds - 1)
            else:
                callback()

        step(0)

    async def action_quit(self) -> None:
        """Quit; but text typed in a dialog and not saved is not thrown away without asking
        (text typed just before the key counts: it is waited for)."""
        self.after_keys_on_their_way(self._quit_unless_unsaved)

    def _quit_unless_unsaved(self) -> None:
        screen = self.screen
        if not (isinstance(screen, Dialog) and (screen.keeps_text() or screen.unsaved())):
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmScreen("Quit and lose the text you have not saved?", "quit", "keep it"),
            answered,
        )

    def pop_screen(self) -> AwaitComplete:
        """Close the screen on top, never the review screen: a key typed twice in a dialog
        of Textual's own (the command palette) would close the palette, then try again."""
        if len(self.screen_stack) <= 1:
            return AwaitComplete.nothing()
        return super().pop_screen()

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen(self.store, self.article_id)

    def open_article(self, article_id: int, sentence_id: int | None = None) -> None:
        """Show another article (from the library, or a match), on a given sentence."""
        self.article_id = article_id
        self.store.set_meta("last_article", str(article_id))
        while len(self.screen_stack) > 1:  # close any dialog over the review screen
            self.pop_screen()
        review = self.screen_stack[0]
        assert isinstance(review, ReviewScreen)
        review.show_article(article_id, sentence_id)

    def own_work(self, step: int) -> None:
        """Tell the review screen that what changes in the database now is this window's
        doing, on a connection of its own (an import from the library: the open article
        may get new matches): it shows it without saying it changed elsewhere."""
        review = self.screen_stack[0]
        assert isinstance(review, ReviewScreen)
        if step < 0:  # done: read what it did before the poll takes it for news
            review.refresh_from_store()
            review.sync_seen()
        review.own_work += step

    def _remember_theme(self, theme: object) -> None:
        self.store.set_meta("theme", self.theme)
