"""The sentences a quote also supports, in the evidence form."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList, SelectionList

from workbench.tui.widgets.fields import taken_first


class Suggestions(SelectionList[int]):
    """The sentences a quote also supports, refilled as the quote is typed: space ticks the
    highlighted one, or the first when none is.  Nothing highlights one as they are listed:
    a highlight's message arriving after the next keystroke emptied the list would name an
    option no longer there (Textual's SelectionList then fails inside its own handler, and
    the list vanishes from the form)."""

    async def _on_key(self, event: events.Key) -> None:
        await taken_first(self, event)  # (keys in turn, as a field's; else Textual's)

    def action_select(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
        super().action_select()

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index >= self.option_count:  # (the list was refilled since)
            event.prevent_default()
