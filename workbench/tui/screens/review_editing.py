"""The review screen's actions on evidence, the segmentation, the claimant and the
article's details (e, l, E, J, S, w, i, a).

A mixin of ``ReviewScreen``, kept apart so each module stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import Article, Evidence, Sentence
from workbench.tui.guard import guarded, guarding
from workbench.tui.widgets.text import visible

if TYPE_CHECKING:
    from workbench.tui.screens.evidence_form import EvidenceDraft, EvidenceForm
    from workbench.tui.screens.review import ReviewScreen


def clipboard_url() -> str:
    """An http(s) URL on the clipboard, to pre-fill the form (else nothing)."""
    from workbench.clipboard import paste_text
    from workbench.validate import is_web_url

    try:
        text = paste_text().strip()
    except WorkbenchError:
        return ""
    return text if is_web_url(text) else ""


class EditingActions:
    """Evidence (add, link, edit, unlink), join and split, the claimant, the article's
    details and the article library."""

    @guarded
    def action_add_evidence(self: ReviewScreen) -> None:
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
    def action_link_evidence(self: ReviewScreen) -> None:
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
    def action_sentence_evidence(self: ReviewScreen) -> None:
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

    @guarded
    def action_join(self: ReviewScreen) -> None:
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
    def action_split(self: ReviewScreen) -> None:
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

    @guarded
    def action_claimant(self: ReviewScreen) -> None:
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
    def action_article_info(self: ReviewScreen) -> None:
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
    def action_library(self: ReviewScreen) -> None:
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
