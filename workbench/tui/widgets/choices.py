"""A list to choose from, whose choice its dialog acts on as enter reaches the list."""

from __future__ import annotations

from textual import events, widgets

from workbench.tui.widgets.fields import screen_handler, taken_first


class Choices(widgets.OptionList):
    """Textual's ``OptionList``; the option chosen (enter, a click) goes to the screen's
    ``on_option_list_option_selected`` (a plain method) at once.  Posted, it came after
    the keys typed after enter, which the dialog's own keys ran first: an ``x`` in the URL
    typed after ``E`` and enter unlinked the evidence it was to edit."""

    async def _on_key(self, event: events.Key) -> None:
        await taken_first(self, event)  # (if not, Textual's handling follows)

    def action_select(self) -> None:
        index = self.highlighted
        handler = screen_handler(self, "on_option_list_option_selected")
        if handler is None or index is None:
            super().action_select()
            return
        option = self.get_option_at_index(index)
        if not option.disabled:
            handler(self.OptionSelected(self, option, index))
