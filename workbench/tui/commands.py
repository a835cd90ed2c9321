"""The command palette (ctrl+p): every action of the review screen, "group: Verb"."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("verdict: Mark verified", "verdict('verified')", "Set verified and move to the next"),
    ("verdict: Mark disputed", "verdict('disputed')", "Set disputed and move to the next"),
    ("verdict: Mark opinion", "verdict('opinion')", "Set opinion and move to the next"),
    ("verdict: Clear", "verdict('none')", "Remove the verdict"),
    ("edit: Undo", "undo", "Undo the last change"),
    ("edit: Redo", "redo", "Redo what was undone"),
    ("edit: Write note", "note", "Write or edit the note on why"),
    ("edit: Flag for follow-up", "flag", "Flag or unflag the sentence"),
    ("move: Next unreviewed", "next_open", "Jump to the next sentence without a verdict"),
    ("move: Previous unreviewed", "previous_open", "Jump back to a sentence without a verdict"),
    ("move: First sentence", "focus_list('first')", "Go to the top"),
    ("move: Last sentence", "focus_list('last')", "Go to the bottom"),
    ("view: Search", "search", "Show the sentences containing some words"),
    ("view: Cycle filter", "cycle_filter", "all, unreviewed, verified, disputed, opinion, flagged"),
    ("evidence: Add", "add_evidence", "URL, title, quote, stance and note"),
    ("evidence: Link from the library", "link_evidence", "Fuzzy search over stored evidence"),
    ("evidence: Edit or unlink", "sentence_evidence", "This sentence's evidence"),
    ("segment: Join with the next sentence", "join", "The segmenter split too early"),
    ("segment: Split this sentence", "split", "The segmenter missed a boundary"),
    ("articles: Library", "library", "Open, import, paste or delete articles"),
    ("xref: Matches of this sentence", "crossrefs", "Confirm, reject, adopt the verdict, jump"),
    ("copy: Sentence as a citation", "copy_sentence", "Text, verdict, note and evidence"),
    ("copy: Markdown report", "copy_report", "The whole review, to paste elsewhere"),
    ("export: Report to a file", "export", "Markdown, HTML, JSON, JSONL, CSV or ClaimReview"),
    ("help: Keys", "help", "List every key"),
)


class ReviewCommands(Provider):
    """Offers the review screen's actions; shown without typing, filtered when typing."""

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for title, action, help_text in COMMANDS:
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, action), help=help_text
                )
