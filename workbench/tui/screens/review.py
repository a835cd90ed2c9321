"""The review screen: the sentence list, the detail pane, and one key per decision.

Every action goes through the Store, which commits before returning; only
then does the screen show the change.  The dialogs it opens return what the
reviewer chose, or post it as a message, and the screen makes the Store call;
only a form that shows a conflict in place (a note, evidence, the claimant)
saves through a function the screen hands it.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Label

from workbench.errors import NotFoundError, ValidationError, WorkbenchError
from workbench.model import Article, Counts, CrossRef, Evidence, Sentence, Verdict
from workbench.store import Store
from workbench.text_search import TextSearch
from workbench.tui.guard import guarded, guarding, worker
from workbench.tui.outline import Outline, indexes
from workbench.tui.widgets.detail import DetailPane, detail_text
from workbench.tui.widgets.keybar import KeyBar
from workbench.tui.widgets.review_header import ReviewHeader, view_text
from workbench.tui.widgets.sentence_list import SentenceList, first_after
from workbench.tui.widgets.text import visible

if TYPE_CHECKING:
    from workbench.report import ReportOptions
    from workbench.tui.screens.evidence_form import EvidenceDraft, EvidenceForm
    from workbench.tui.screens.matches import CrossRefScreen
    from workbench.tui.screens.prompt import PromptScreen

# Each dialog's module (and the text fields, Textual's TextArea among them) is loaded when
# the dialog first opens: on the way to the first frame they cost 11 ms of its 220.

FILTERS = ("all", "unreviewed", "verified", "disputed", "opinion", "flagged")
POLL_SECONDS = 0.5  # how soon another process's change shows (PRAGMA data_version: cheap)
MAX_JUMPS = 100  # places kept to come back to
SEARCH_ALL_LIMIT = 200
# Past this many sentences an article's texts are read for `/` in the background after it
# opens (10,000: about 15 ms, read on the first search; 100,000: about 150 ms).
SEARCH_READ_APART = 10_000
PARAGRAPH_READ = 16  # sentences read at a time, looking for a paragraph's ends


@dataclass(frozen=True)
class Place:
    """Where the reviewer was before a jump: the article, the sentence, the view."""

    article_id: int
    sentence_id: int | None
    filter: str = "all"
    query: str = ""


def recount(c: Counts, old: Sentence, new: Sentence) -> Counts:
    """The counts after one sentence changed, without asking the database."""
    delta = {"verified": 0, "disputed": 0, "opinion": 0}
    if old.verdict:
        delta[old.verdict.value] -= 1
    if new.verdict:
        delta[new.verdict.value] += 1
    return replace(
        c,
        verified=c.verified + delta["verified"],
        disputed=c.disputed + delta["disputed"],
        opinion=c.opinion + delta["opinion"],
        flagged=c.flagged + int(new.flagged) - int(old.flagged),
    )


def clipboard_url() -> str:
    """An http(s) URL on the clipboard, to pre-fill the evidence form (else nothing)."""
    from workbench.clipboard import paste_text
    from workbench.validate import is_web_url

    try:
        text = paste_text().strip()
    except WorkbenchError:
        return ""
    return text if is_web_url(text) else ""


def B(key: str, action: str, description: str, id: str, tooltip: str, show: bool = True) -> Binding:
    return Binding(key, action, description, show=show, id=id, tooltip=tooltip)


class ReviewScreen(Screen[None]):
    """One article, sentence by sentence."""

    BINDINGS = [
        B("v", "verdict('verified')", "Verified", "verdict.verified", "Mark verified and move on"),
        B("d", "verdict('disputed')", "Disputed", "verdict.disputed", "Mark disputed and move on"),
        B("o", "verdict('opinion')", "Opinion", "verdict.opinion", "Mark opinion and move on"),
        B("backspace", "verdict('none')", "Clear", "verdict.clear", "Clear the verdict", False),
        B("u", "undo", "Undo", "edit.undo", "Undo the last change (even after a restart)"),
        B("ctrl+r", "redo", "Redo", "edit.redo", "Redo what was undone", False),
        B("n", "note", "Note", "edit.note", "Write or edit the note on why"),
        B("m", "flag", "Flag", "edit.flag", "Flag or unflag for follow-up", False),
        B("right_square_bracket", "next_open", "Next open", "move.next-unreviewed",
          "Next unreviewed sentence", False),
        B("left_square_bracket", "previous_open", "Prev open", "move.previous-unreviewed",
          "Previous unreviewed sentence", False),
        B("slash", "search", "Search", "view.search", "Search the sentences (empty: show all)"),
        B("f", "cycle_filter", "Filter", "view.filter",
          "Cycle the filter: all, unreviewed, verified, disputed, opinion, flagged"),
        B("e", "add_evidence", "Evidence", "evidence.add",
          "Add evidence: URL, title, quote, stance, note (URL from the clipboard)"),
        B("l", "link_evidence", "Link", "evidence.link",
          "Link evidence from the library (fuzzy search)", False),
        B("E", "sentence_evidence", "Edit evidence", "evidence.list",
          "Edit or unlink this sentence's evidence", False),
        B("J", "join", "Join", "segment.join", "Join this sentence with the next one", False),
        B("S", "split", "Split", "segment.split", "Split this sentence at a chosen point", False),
        B("a", "library", "Articles", "articles.library",
          "Article library: open, import, paste, delete", False),
        B("x", "crossrefs", "Matches", "xref.open",
          "Cross-references: confirm, reject, adopt the verdict, jump to the match"),
        B("ctrl+o", "back", "Back", "move.back",
          "Go back to where you were before the last jump (a match, a search, the library)",
          False),
        B("F", "search_all", "Search all", "view.search-all",
          "Search every article; enter jumps to the sentence (ctrl+o comes back)", False),
        B("w", "claimant", "Claimant", "edit.claimant",
          "Who made the claim: a person or an organisation (suggested from the sentence)",
          False),
        B("i", "article_info", "Article info", "edit.article-info",
          "Edit the article's title, URL, publication date, authors and outlet", False),
        B("c", "copy_sentence", "Copy", "copy.sentence",
          "Copy the sentence with its verdict, note and evidence as a citation", False),
        B("C", "copy_report", "Copy report", "copy.report",
          "Copy the whole review as a Markdown report", False),
        B("ctrl+e", "export", "Export", "export.dialog", "Export the report to a file", False),
        B("question_mark", "help", "Help", "app.help", "List every key"),
        B("q", "app.quit", "Quit", "app.quit", "Quit (every change is already saved)"),
    ]  # fmt: skip

    def __init__(self, store: Store, article_id: int) -> None:
        super().__init__()
        self.store = store
        self.article_id = article_id
        self.filter = "all"
        self.query_text = ""
        self.counts = Counts()
        self.title_text = ""
        self.article: Article | None = None
        self.jumps: list[Place] = []  # where to come back to, the latest last
        self.search_all_query = ""
        self._seen = 0  # the database's data_version when last read
        self._outline: Outline | None = None  # every sentence's review, as shown
        self._search: TextSearch | None = None  # the texts for `/`, folded (per load)
        self._search_prompt: PromptScreen | None = None  # `/`'s prompt, once opened
        self._loads = 0  # how many times the article was read: a search read is for one
        self.elsewhere = ""  # what changed elsewhere last, and when: kept in the status line
        self.own_work = 0  # this window's work on a connection of its own (an import) under way

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        yield SentenceList(self.store.sentences_by_id, id="sentences")
        yield DetailPane(id="detail")
        yield Label(id="status", markup=False)
        yield KeyBar(id="keys")

    AUTO_FOCUS = "SentenceList"

    def on_mount(self) -> None:
        self.load()
        self._seen = self.store.data_version()
        self.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Show changes another process (a second window, the CLI) has committed."""
        try:
            version = self.store.data_version()
        except WorkbenchError:
            return
        if version != self._seen:
            self._seen = version
            self.refresh_from_store()

    def sync_seen(self) -> None:
        """Take the database as read: the poll shows only what changes after this."""
        with suppress(WorkbenchError):
            self._seen = self.store.data_version()

    def refresh_from_store(self) -> None:
        """Read the article again; redraw what changed, the cursor on the same sentence.

        What changed: the sentences' order or text (the ids, the article's hash), any
        review (each sentence's review version), and whatever else on screen (read again).
        """
        try:
            article = self.store.article(self.article_id)
        except NotFoundError:
            self.notify("This article was deleted elsewhere (a opens another).",
                        severity="warning", timeout=8)  # fmt: skip
            return
        lst = self.sentence_list
        ids = self.store.sentence_ids(self.article_id)
        same_text = self.article is not None and self.article.sha256 == article.sha256
        self.article, self.title_text, self.counts = article, article.title, article.counts
        at = datetime.now().strftime("%H:%M:%S")
        ours = self.own_work > 0  # (this window's import: its new matches, not news)
        if ids != lst.ids or not same_text:
            self.elsewhere = "" if ours else f"article changed elsewhere at {at}"
            old = lst.current
            keep = None  # the cursor's sentence, else the one that took its text (a join)
            if old is not None and old.id not in ids:
                keep = self.store.sentence_covering(self.article_id, old.start)
            self.load(ids, keep=keep)
            self.retitle_notes(ids)
            if not ours:
                self.notify("The article was changed elsewhere: shown as it is now.", timeout=4)
            return
        was, self._outline = self._outline, Outline(*self.store.review_marks(self.article_id))
        changed = {i + 1 for i in self._outline.changed_since(was)} if was else set()
        for sentence in lst.reread():  # on screen: evidence and matches too
            lst.update_sentence(sentence)
            changed.add(sentence.position)
        if changed and not ours:
            positions = sorted(changed)
            where = ", ".join(str(p) for p in positions[:6])
            more = "…" if len(positions) > 6 else ""
            word = "sentence" if len(positions) == 1 else "sentences"
            self.elsewhere = f"{word} {where}{more} changed elsewhere at {at}"
            self.notify(f"Changed elsewhere: {word} {where}{more}.", timeout=4)
        self.show_header()
        self.show_detail(lst.current)  # its evidence or matches may have changed too

    def retitle_notes(self, ids: list[int]) -> None:
        """An open note editor says its sentence's position as it is now (``ids``: the
        article's sentences, in order), or that the sentence is gone."""
        if len(self.app.screen_stack) == 1:
            return  # no dialog open: none of them is a note editor (nor loaded, maybe)
        from workbench.tui.screens.prompt import NoteEditor

        for screen in self.app.screen_stack:
            if isinstance(screen, NoteEditor) and screen.sentence_id is not None:
                try:
                    screen.retitle(f"Note on sentence {ids.index(screen.sentence_id) + 1}")
                except ValueError:
                    screen.retitle(
                        "Note on a sentence no longer in the article (changed elsewhere)"
                    )

    def show_article(self, article_id: int, sentence_id: int | None = None) -> None:
        """Review another article (its filter, search and status line start afresh)."""
        self.article_id, self.filter, self.query_text = article_id, "all", ""
        self.elsewhere = ""  # (what changed elsewhere was the other article's)
        self.sentence_list.cursor = -1
        self.load()
        if sentence_id is not None:
            self.sentence_list.move_to_sentence(sentence_id)
        else:
            self.sentence_list.move_to(0)

    def load(self, ids: list[int] | None = None, *, keep: int | None = None) -> None:
        """Read the article from the store (on open, or after a structural change): its
        counts and its sentence ids; the list reads the sentences it shows.  The cursor
        stays on its sentence, or goes to ``keep``'s."""
        article = self.store.article(self.article_id)
        self.article, self.title_text, self.counts = article, article.title, article.counts
        if ids is None:
            ids = self.store.sentence_ids(self.article_id)
        self._outline = self._search = None
        self._loads += 1
        self.sentence_list.set_sentences(ids, self.kept(), keep)
        self.show_header()
        self.call_after_refresh(self.outline)  # after the first frame: not in its way
        if len(ids) > SEARCH_READ_APART:
            self.call_after_refresh(self.prepare_search, self._loads, self.article_id, ids)

    @worker("Reading the article for search", thread=True, exclusive=True, group="search")
    def prepare_search(self, load: int, article_id: int, ids: list[int]) -> None:
        """Read and fold a long article's texts for `/` off the UI thread, with a connection
        of its own, so that the first search costs what the others do."""
        with Store(self.store.path, reviewer=self.store.reviewer, check=False,
                   repair=False) as store:  # fmt: skip
            read, texts = store.sentence_texts(article_id)
        if read == ids and self.is_attached:
            search = TextSearch(texts)
            with suppress(RuntimeError):  # the app closed meanwhile: nothing to give it to
                self.app.call_from_thread(self._search_ready, load, search)

    def _search_ready(self, load: int, search: TextSearch) -> None:
        # Read for the article as last loaded (a later load's read may still be under way:
        # a re-import elsewhere can change the texts and keep every id).
        if self.is_attached and self._search is None and load == self._loads:
            self._search = search
            if self._search_prompt is not None and self.app.screen is self._search_prompt:
                self._search_prompt.show_preview()  # it said nothing while they were read

    @property
    def search_ready(self) -> bool:
        """The texts `/` searches are read (a long article's, in the background)."""
        return self._search is not None

    def matching(self, query: str) -> list[int]:
        """Where the sentences holding every word of ``query`` are among those listed."""
        if self._search is not None:
            return self._search.matching(query)
        ids, texts = self.store.sentence_texts(self.article_id)  # not ready yet: read now
        search = TextSearch(texts)
        listed = self.sentence_list.ids
        if ids == listed:
            self._search = search
            return search.matching(query)
        # changed elsewhere since the list was read (the poll will show it): by id
        where = {sid: i for i, sid in enumerate(listed)}
        return sorted(where[ids[i]] for i in search.matching(query) if ids[i] in where)

    def outline(self) -> Outline:
        """Every sentence's review (read once per load, then kept in step)."""
        if self._outline is None or len(self._outline) != self.sentence_list.total:
            self._outline = Outline(*self.store.review_marks(self.article_id))
        return self._outline

    @property
    def sentence_list(self) -> SentenceList:
        return self.query_one(SentenceList)

    def show_header(self) -> None:
        lst = self.sentence_list
        view = view_text(self.filter, self.query_text, lst.cursor, len(lst.rows))
        self.query_one(ReviewHeader).show_review(self.article, self.title_text, self.counts, view)
        status = f"filter: {self.filter}"
        if self.query_text:
            status += f" · search: {self.query_text}"
        shown, total = len(lst.rows), lst.total
        status += f" · {shown} of {total} shown"
        if self.elsewhere:
            status += f" · {self.elsewhere}"
        self.query_one("#status", Label).update(status, layout=False)  # one line, always

    # -- showing the current sentence -----------------------------------------

    def on_sentence_list_highlighted(self, event: SentenceList.Highlighted) -> None:
        then, now = event.sentence, event.sentence_list.current_id
        if then is not None and then.id != now:
            return  # the cursor has moved on (a verdict, then the next sentence): its own follows
        if then is None and now is not None:  # it could not be read then (the database busy)
            then = event.sentence_list.current
        self.show_detail(then)
        if self.filter != "all" or self.query_text:
            self.show_header()  # "3/7": where the cursor is among those shown

    def show_detail(self, s: Sentence | None) -> None:
        pane = self.query_one(DetailPane)
        if s is None:
            from rich.text import Text

            pane.show(Text("No sentence matches the filter (f cycles it).", style="dim"))
            return
        start, end = self.paragraph_bounds(s)
        pane.show(
            detail_text(
                s,
                self.store.text_between(self.article_id, start, end),
                start,
                self.store.evidence_of(s.id),
                self.store.crossrefs_of(s.id),
            )
        )

    def paragraph_bounds(self, s: Sentence) -> tuple[int, int]:
        """Where the sentence's paragraph starts and ends in the article text (its
        neighbours read a few at a time: a paragraph is a few sentences)."""
        lst = self.sentence_list
        index = lst.index_of(s.id, s.position - 1)
        if index is None:
            return s.start, s.end
        first = last = s
        for step in (-1, 1):
            i = index
            while 0 <= i + step < lst.total:
                near = i + step * PARAGRAPH_READ
                chunk = lst.sentences(range(i + step, near, step))
                same = list(takewhile(lambda t: t.paragraph == s.paragraph, chunk))
                if same:
                    first, last = (same[-1], last) if step < 0 else (first, same[-1])
                if len(same) < len(chunk) or not chunk:
                    break
                i = near - step
        return first.start, last.end

    def changed(self, *sentences: Sentence) -> None:
        """Show sentences the store has just changed."""
        lst = self.sentence_list
        unknown = False  # a sentence the list has not read lately: the store counts
        for new in sentences:
            index = lst.index_of(new.id, new.position - 1)
            if index is None:
                continue
            old = lst.cached(new.id)
            if old is None:
                unknown = True
            else:
                self.counts = recount(self.counts, old, new)
            if self._outline is not None:
                self._outline.note(index, new)  # not a change from elsewhere
            lst.update_sentence(new)
        if unknown:
            self.counts = self.store.article(self.article_id).counts
        self.show_header()

    # -- actions --------------------------------------------------------------

    @guarded
    def action_verdict(self, word: str) -> None:
        s = self.sentence_list.current
        if s is None:
            return
        self.changed(self.store.set_verdict(s.id, Verdict.parse(word)))
        if word != "none":
            self.sentence_list.action_cursor_down()

    @guarded
    def action_flag(self) -> None:
        if (s := self.sentence_list.current) is not None:
            self.changed(self.store.toggle_flag(s.id))

    @guarded
    def action_note(self) -> None:
        from workbench.tui.screens.prompt import NoteEditor

        s = self.sentence_list.current
        if s is None:
            return

        def save(note: str, was: str) -> Sentence:
            return self.store.set_note(s.id, note, expected=was)

        @guarding(self)
        def saved(sentence: Sentence | None) -> None:
            if sentence is not None:
                self.changed(sentence)

        editor = NoteEditor(f"Note on sentence {s.position}", s.note, save, s.id)
        self.app.push_screen(editor, saved)

    @guarded
    def _replay(self, undo: bool) -> None:
        change = self.store.undo(self.article_id) if undo else self.store.redo(self.article_id)
        word = "undo" if undo else "redo"
        if change is None:
            self.notify(f"Nothing to {word}.", severity="warning")
            return
        lst = self.sentence_list
        if change.structural:  # sentences were joined or split: read the article again
            self.load()
        elif not change.sentence_ids:  # the article's details (i): title, byline
            self.article = self.store.article(self.article_id)
            self.title_text = self.article.title
            self.show_header()
        self.changed(*[self.store.sentence(sentence_id) for sentence_id in change.sentence_ids
                       if lst.index_of(sentence_id) is not None])  # fmt: skip
        # a step over the whole article (a re-import, a restore) has no one sentence to go
        # to: the cursor stays on its own (``load`` keeps it there)
        whole = change.whole_article
        if change.sentence_ids and not whole:
            lst.move_to_sentence(change.sentence_ids[0])
        where = ""
        if change.sentence_ids and not whole and (cur := lst.current):
            where = f" on sentence {cur.position}"
        self.notify(f"{'Undone' if undo else 'Redone'}: {change.action}{where}.")

    @guarded
    def action_undo(self) -> None:
        self._replay(undo=True)

    @guarded
    def action_redo(self) -> None:
        self._replay(undo=False)

    def _jump_open(self, step: int) -> None:
        lst = self.sentence_list
        if 0 <= lst.cursor < len(lst.rows):
            unreviewed = self.kept(unreviewed=True) or []  # never None when asked for those
            here = first_after(unreviewed, lst.rows[lst.cursor], step)
            while here is not None:
                row = lst.row_of_index(here)
                if row is not None:  # listed (a change from elsewhere may not be yet)
                    lst.move_to(row)
                    return
                here = first_after(unreviewed, here, step)
        self.notify("No unreviewed sentence that way.", severity="information")

    @guarded
    def action_next_open(self) -> None:
        self._jump_open(1)

    @guarded
    def action_previous_open(self) -> None:
        self._jump_open(-1)

    def kept(self, *, unreviewed: bool = False, query: str | None = None) -> list[int] | None:
        """Where the sentences the filter and the search (``query``, else the one shown)
        keep are in the article (None: all of them): worked out on the data (the reviews'
        outline, the store's search), never on the rows drawn."""
        query = self.query_text if query is None else query
        if self.filter == "all" and not query and not unreviewed:
            return None
        mask = self.outline().kept(self.filter, unreviewed=unreviewed)
        if not query:
            return indexes(mask) if mask is not None else None
        found = self.matching(query)
        return found if mask is None else [i for i in found if i < len(mask) and mask[i]]

    def apply_filter(self) -> None:
        self.sentence_list.set_rows(self.kept())
        self.show_header()

    @guarded
    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.apply_filter()

    @guarded
    def action_search(self) -> None:
        @guarding(self)
        def done(text: str | None) -> None:
            if text is not None:
                self.query_text = text.strip()
                self.apply_filter()
                if self.query_text and not self.sentence_list.rows:
                    self.notify(f"No sentence contains {self.query_text!r}.", severity="warning")

        prompt = self._search_prompt
        if prompt is None:
            from workbench.tui.screens.prompt import PromptScreen

            prompt = PromptScreen(
                "Search sentences (empty shows all)", self.query_text, preview=self.search_preview
            )
            self.app.install_screen(prompt, f"search-{id(self)}")  # kept: see PromptScreen.ask
            self._search_prompt = prompt
        else:
            prompt.ask(self.query_text)
        self.app.push_screen(prompt, done)

    @guarded
    def search_preview(self, text: str) -> str:
        """How many sentences enter on the search prompt would list, said as the query is
        typed (the search then finds its answer ready).  Nothing while a long article's
        texts are still being read: typing never waits for them."""
        query = text.strip()
        if not query or (self._search is None and self.sentence_list.total > SEARCH_READ_APART):
            return ""
        n = len(self.kept(query=query) or ())
        which = "" if self.filter == "all" else f"{self.filter} "
        if not n:
            return f"No {which}sentence matches"
        return f"{n:,} {which}sentence{'s match' if n > 1 else ' matches'}"

    # -- cross-references -----------------------------------------------------

    @guarded
    def action_crossrefs(self) -> None:
        from workbench.matching import settings_from
        from workbench.tui.screens.matches import CrossRefScreen

        s = self.sentence_list.current
        if s is None:
            return

        @guarding(self)
        def chosen(ref: CrossRef | None) -> None:
            if ref is not None and ref.target_article_id is not None:
                self.jump_to(ref.target_article_id, ref.target_id)

        matching = settings_from(self.app.settings)  # type: ignore[attr-defined]
        refs = self.store.crossrefs_of(s.id, rejected=True)
        self.app.push_screen(CrossRefScreen(s, refs, matching), chosen)

    @guarded
    def on_cross_ref_screen_decided(self, event: CrossRefScreen.Decided) -> None:
        """Confirm or reject a match (logged, undoable), then show the sentence again."""
        ref = event.ref
        self.store.set_crossref_status(ref.id, event.status)
        self.changed(self.store.sentence(ref.sentence_id))
        word = "Confirmed" if event.status == "confirmed" else "Rejected"
        self.notify(f"{word} the match ({ref.score:.0f}% likely).")
        event.dialog.show(self.store.crossrefs_of(ref.sentence_id, rejected=True))

    @guarded
    def on_cross_ref_screen_adopt_chosen(self, event: CrossRefScreen.AdoptChosen) -> None:
        """Give the sentence the verdict of its match and close the matches; when the match
        has none to give, say so and leave them open."""
        try:
            sentence = self.store.adopt_verdict(event.ref.id)
        except ValidationError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.changed(sentence)
        self.notify(f"Adopted {sentence.verdict} from the match.")
        if self.app.screen is event.dialog:
            event.dialog.dismiss(None)

    # -- jumping and coming back ----------------------------------------------

    def here(self) -> Place:
        """Where the reviewer is now: the article, the sentence, the filter and search."""
        current = self.sentence_list.current
        return Place(self.article_id, current.id if current else None, self.filter,
                     self.query_text)  # fmt: skip

    def remember(self, place: Place) -> None:
        """Keep a place to come back to (``ctrl+o``), the oldest forgotten past MAX_JUMPS."""
        self.jumps.append(place)
        del self.jumps[:-MAX_JUMPS]

    def jump_to(self, article_id: int, sentence_id: int) -> None:
        """Show another sentence (of any article), remembering where the reviewer was.  At
        once (the dialog that chose it is off the screen stack by now; the app closes any
        other first): the keys typed after the jump act on the sentence jumped to."""
        self.remember(self.here())
        self.app.open_article(article_id, sentence_id)  # type: ignore[attr-defined]
        back = self.key_of("back")
        if self.sentence_list.current is not None:
            where = f"sentence {self.sentence_list.current.position} of “{self.title_text}”"
            self.notify(f"Jumped to {visible(where)} ({back} comes back).", timeout=4,
                        markup=False)  # fmt: skip

    def key_of(self, action: str) -> str:
        """The key that runs ``action`` here, as the key map has set it."""
        for active in self.active_bindings.values():
            if active.binding.action == action:
                return self.app.get_key_display(active.binding)
        return action

    @guarded
    def action_back(self) -> None:
        while self.jumps:
            place = self.jumps.pop()
            try:
                self.store.article(place.article_id)
            except NotFoundError:
                self.notify("The article you came from was deleted: going further back.",
                            severity="warning")  # fmt: skip
                continue
            self.app.open_article(place.article_id, place.sentence_id)  # type: ignore[attr-defined]
            self.filter, self.query_text = place.filter, place.query
            self.apply_filter()
            lst = self.sentence_list
            if place.sentence_id is not None and not lst.move_to_sentence(place.sentence_id):
                # Its verdict changed since, or it was joined: show it rather than the view.
                self.filter, self.query_text = "all", ""
                self.apply_filter()
                lst.move_to_sentence(place.sentence_id)
            left = len(self.jumps)
            more = f" ({left} more to go back to)" if left else ""
            self.notify(f"Back to “{visible(self.title_text)}”{more}.", timeout=3, markup=False)
            return
        self.notify("Nothing to go back to: a jump (x then enter, F, the library) comes first.",
                    severity="information")  # fmt: skip

    @guarded
    def action_search_all(self) -> None:
        from workbench.tui.screens.search_all import SearchAllScreen

        def search(query: str) -> list[tuple[Sentence, str]]:
            self.search_all_query = query.strip()
            return self.store.search_all(query, limit=SEARCH_ALL_LIMIT)

        @guarding(self)
        def chosen(sentence: Sentence | None) -> None:
            if sentence is not None:
                self.jump_to(sentence.article_id, sentence.id)

        screen = SearchAllScreen(search, self.search_all_query, here=self.article_id)
        self.app.push_screen(screen, chosen)

    # -- evidence -------------------------------------------------------------

    @guarded
    def action_add_evidence(self) -> None:
        from workbench.tui.screens.evidence_form import EvidenceForm

        s = self.sentence_list.current
        if s is None:
            return

        def save(draft: EvidenceDraft, _version: int | None) -> object:
            # the evidence and every link: one undo step
            return self.store.add_evidence(
                s.id, url=draft.url, title=draft.title, quote=draft.quote,
                stance=draft.stance, note=draft.note, also_link=draft.also_link,
            )  # fmt: skip

        @guarding(self)
        def saved(draft: EvidenceDraft | None) -> None:
            if draft is None:
                return
            self.changed(*[self.store.sentence(i) for i in [s.id, *draft.also_link]])
            more = f" and {len(draft.also_link)} more" if draft.also_link else ""
            self.notify(f"Evidence linked to sentence {s.position}{more}.")

        def others() -> list[Sentence]:
            return self.store.sentences_of(self.article_id)

        form = EvidenceForm(s, others, save=save, clipboard_url=clipboard_url())
        self.app.push_screen(form, saved)

    @guarded
    def action_link_evidence(self) -> None:
        from workbench.tui.screens.evidence_library import EvidenceLibrary

        s = self.sentence_list.current
        if s is None:
            return

        @guarding(self)
        def chosen(evidence: Evidence | None) -> None:
            if evidence is None:
                return
            if self.store.link_evidence(evidence.id, s.id):
                self.changed(self.store.sentence(s.id))
                self.notify(f"Linked “{evidence.title or evidence.url}” to sentence {s.position}.")
            else:
                self.notify("That evidence is already linked here.", severity="warning")

        self.app.push_screen(EvidenceLibrary(self.store.evidence_library()), chosen)

    @guarded
    def action_sentence_evidence(self) -> None:
        from workbench.tui.screens.evidence_form import EvidenceForm
        from workbench.tui.screens.sentence_evidence import SentenceEvidence

        s = self.sentence_list.current
        if s is None:
            return

        @guarding(self)
        def edited(draft: EvidenceDraft | None) -> None:
            if draft is not None:
                self.changed(self.store.sentence(s.id))
                self.notify("Evidence updated (everywhere it is linked).")

        def editor(evidence: Evidence) -> EvidenceForm:
            def save(draft: EvidenceDraft, version: int | None) -> object:
                return self.store.update_evidence(
                    evidence.id, s.id, expected=version, url=draft.url, title=draft.title,
                    quote=draft.quote, stance=draft.stance, note=draft.note,
                )  # fmt: skip

            return EvidenceForm(s, [], save=save, existing=evidence)

        @guarding(self)
        def chosen(result: tuple[str, Evidence] | None) -> None:
            if result is None:
                return
            what, evidence = result
            if what == "unlink":
                self.store.unlink_evidence(evidence.id, s.id)
                self.changed(self.store.sentence(s.id))
                self.notify("Evidence unlinked (it stays in the library; u relinks it).")
            else:
                self.app.push_screen(editor(evidence), edited)

        self.app.push_screen(SentenceEvidence(s.position, self.store.evidence_of(s.id)), chosen)

    # -- correcting the segmentation ------------------------------------------

    @guarded
    def action_join(self) -> None:
        s = self.sentence_list.current
        if s is None:
            return
        try:
            self.store.join_sentences(s.id)
        except WorkbenchError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.load()
        self.sentence_list.move_to_sentence(s.id)
        self.notify(f"Joined sentences {s.position} and {s.position + 1}.")

    @guarded
    def action_split(self) -> None:
        from workbench.tui.screens.prompt import SplitEditor

        s = self.sentence_list.current
        if s is None:
            return

        @guarding(self)
        def at(offset: int | None) -> None:
            if offset is None:
                return
            try:
                self.store.split_sentence(s.id, offset)
            except WorkbenchError as exc:
                self.notify(exc.message, severity="warning")
                return
            self.load()
            self.sentence_list.move_to_sentence(s.id)
            self.notify(f"Split sentence {s.position} in two.")

        self.app.push_screen(SplitEditor(s.position, s.text), at)

    # -- the claimant, the article's details, the library ---------------------

    @guarded
    def action_claimant(self) -> None:
        from workbench.attribution import suggest_claimant
        from workbench.tui.screens.claimant import ClaimantForm, claimant_saver

        s = self.sentence_list.current
        if s is None:
            return
        s = self.store.sentence(s.id)  # the claimant as stored now

        @guarding(self)
        def saved(sentence: Sentence | None) -> None:
            if sentence is not None:
                self.changed(sentence)
                who = f"“{sentence.claimant}”" if sentence.claimant else "nobody"
                self.notify(f"Claimant of sentence {sentence.position}: {visible(who)}.",
                            markup=False)  # fmt: skip

        suggestion = None if s.claimant else suggest_claimant(s.text)
        self.app.push_screen(ClaimantForm(s, suggestion, claimant_saver(self.store, s)), saved)

    @guarded
    def action_article_info(self) -> None:
        from workbench.tui.screens.article_info import ArticleInfoForm, info_saver

        @guarding(self)
        def saved(article: Article | None) -> None:
            if article is not None and article.id == self.article_id:
                self.article, self.title_text = article, article.title
                self.show_header()
                self.notify("Article details saved (u undoes it).")

        article = self.store.article(self.article_id)
        form = ArticleInfoForm(article, info_saver(self.store, self.article_id))
        self.app.push_screen(form, saved)

    @guarded
    def action_library(self) -> None:
        from workbench.tui.screens.library import LibraryScreen

        @guarding(self)
        def chosen(article_id: int | None) -> None:
            ids = {a.id for a in self.store.articles()}
            if article_id is not None:
                if article_id != self.article_id:
                    self.remember(self.here())  # ctrl+o comes back
                self.app.open_article(article_id)  # type: ignore[attr-defined]
            elif self.article_id not in ids and ids:  # the open article was deleted
                self.app.open_article(max(ids))  # type: ignore[attr-defined]
            else:
                self.load()

        self.app.push_screen(LibraryScreen(self.article_id), chosen)

    # -- copying and exporting ------------------------------------------------

    def _copied(self, what: str, text: str) -> None:
        from workbench.tui.copying import copy

        how = copy(self.app, text)
        self.notify(f"Copied {what} to the {how}.")

    @guarded
    def action_copy_sentence(self) -> None:
        from workbench.citation import citation

        if (s := self.sentence_list.current) is not None:
            article = self.store.article(self.article_id)
            self._copied(
                f"sentence {s.position}", citation(article, s, self.store.evidence_of(s.id))
            )

    @guarded
    def action_copy_report(self) -> None:
        from workbench.report import render

        report = render(self.store.report(self.article_id), "md", self.report_options())
        self._copied("the Markdown report", report)

    def report_options(self) -> ReportOptions:
        from workbench.report import ReportOptions

        return ReportOptions.from_settings(self.app.settings)  # type: ignore[attr-defined]

    @guarded
    def action_export(self) -> None:
        from workbench.collection import collection_paused
        from workbench.report import pieces, write_report
        from workbench.tui.screens.export import ExportScreen

        def write(fmt: str, path: Path) -> None:
            with collection_paused():  # the report gone before it resumes (see its module)
                write_report(
                    pieces(self.store.report(self.article_id), fmt, self.report_options()), path
                )

        @guarding(self)
        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Wrote {path}")

        self.app.push_screen(ExportScreen(self.title_text, write), done)

    # -- help -----------------------------------------------------------------

    @guarded
    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
