"""The review record on real SQLite files: nothing lost, moved or overwritten by a stale copy."""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, FixedClock
from workbench.config import Settings
from workbench.errors import ConflictError, DatabaseError
from workbench.importer import import_document, import_source
from workbench.model import Document, ReportEntry, Verdict
from workbench.report import render
from workbench.segment import segment, sentence_key
from workbench.store import Store


def add(store: Store, text: str, source: str, title: str = "T") -> int:
    return store.import_article(Document(title, text, source), segment(text)).article.id


def texts(store: Store, aid: int) -> list[str]:
    return [s.text for s in store.sentences_of(aid)]


def consistent(store: Store) -> None:
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- identities that never move --------------------------------------------------


def test_undo_of_a_join_after_another_import_stays_in_its_article(db_path: Path) -> None:
    """The reported path: split, join, quit, import another article, tag it, undo."""
    store = Store(db_path, reviewer="ana")
    first = add(store, "Alpha claim one is here. Beta claim two is there.\n", "/a.txt")
    s1 = store.sentence_at(first, 1)
    store.split_sentence(s1.id, len("Alpha claim"))
    store.join_sentences(s1.id)
    store.close()

    store = Store(db_path, reviewer="ana")
    other = add(store, "Gamma is another article. Delta ends it.\n", "/b.txt")
    g = store.sentence_at(other, 1)
    store.set_verdict(g.id, Verdict.DISPUTED, note="wrong figure")
    assert store.undo(first) is not None  # the join
    assert store.undo(first) is not None  # the split
    assert texts(store, first) == ["Alpha claim one is here.", "Beta claim two is there."]
    g = store.sentence(g.id)
    assert (g.article_id, g.position, g.verdict, g.note) == (other, 1, Verdict.DISPUTED,
                                                             "wrong figure")  # fmt: skip
    assert texts(store, other) == ["Gamma is another article.", "Delta ends it."]
    consistent(store)
    store.close()


def test_ids_are_never_given_again(store: Store) -> None:
    aid = add(store, "One claim is here. Two claims are there. Three claims stand.\n", "/t.txt")
    s1 = store.sentence_at(aid, 1)
    _, new = store.split_sentence(s1.id, len("One claim"))
    store.undo(aid)  # the new part is deleted
    other = add(store, "A later import of sentences. With two of them.\n", "/u.txt")
    assert new not in {s.id for s in store.sentences_of(other)}
    ev = store.add_evidence(s1.id, url="https://e.example/1", title="E")
    store.undo(aid)
    again = store.add_evidence(s1.id, url="https://e.example/2", title="F")
    assert again.id != ev.id


def test_join_and_split_touch_a_handful_of_rows_whatever_the_length(store: Store) -> None:
    body = " ".join(f"Sentence number {i} says something." for i in range(1, 2001))
    aid = add(store, body + "\n", "/long.txt")
    s1 = store.sentence_at(aid, 1)
    before = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    store.join_sentences(s1.id)
    store.split_sentence(s1.id, len("Sentence number 1 says something. "))
    logged = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] - before
    assert logged <= 6  # not one per later sentence
    last = store.sentence_at(aid, 2000)
    assert last.text == "Sentence number 2000 says something."
    store.undo(aid)
    store.undo(aid)
    assert store.sentence_at(aid, 2000).id == last.id


# -- undo that is yours, refused over anyone's newer change ------------------------


def test_undo_never_touches_another_reviewer_s_newer_change(db_path: Path) -> None:
    ana = Store(db_path, reviewer="ana", clock=FixedClock())
    aid = add(ana, "One claim is here. Two claims are there.\n", "/t.txt")
    s1, s2 = ana.sentences_of(aid)
    ana.set_verdict(s1.id, Verdict.VERIFIED)
    bob = Store(db_path, reviewer="bob")
    bob.set_note(s1.id, "bob's reason")
    with pytest.raises(ConflictError, match=r"sentence 1 was changed by bob at .*: not undone"):
        ana.undo(aid)
    assert (bob.sentence(s1.id).verdict, bob.sentence(s1.id).note) == (Verdict.VERIFIED,
                                                                       "bob's reason")  # fmt: skip
    assert bob.undo(aid) is not None  # bob's own, newest: fine
    assert ana.undo(aid) is not None  # now nothing of bob's stands over it
    assert ana.sentence(s1.id).verdict is None
    # another reviewer's change on another sentence does not block
    ana.set_verdict(s1.id, Verdict.OPINION)
    bob.set_verdict(s2.id, Verdict.DISPUTED)
    ana.undo(aid)
    assert ana.sentence(s2.id).verdict is Verdict.DISPUTED
    ana.close()
    bob.close()


def test_redo_is_refused_over_a_newer_change(db_path: Path) -> None:
    ana = Store(db_path, reviewer="ana")
    aid = add(ana, "One claim is here. Two claims are there.\n", "/t.txt")
    s1 = ana.sentence_at(aid, 1)
    ana.set_verdict(s1.id, Verdict.VERIFIED)
    ana.undo(aid)
    bob = Store(db_path, reviewer="bob")
    bob.set_verdict(s1.id, Verdict.DISPUTED)
    with pytest.raises(ConflictError, match="changed by bob.*not redone"):
        ana.redo(aid)
    assert ana.sentence(s1.id).verdict is Verdict.DISPUTED


def test_undo_appends_to_the_log(store: Store) -> None:
    aid = add(store, "One claim is here.\n", "/t.txt")
    s1 = store.sentence_at(aid, 1)
    store.set_verdict(s1.id, Verdict.VERIFIED)
    events = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    store.undo(aid)
    store.redo(aid)
    assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events + 2
    assert [h["action"] for h in store.history(aid)] == ["redo verdict", "undo verdict", "verdict"]


def test_an_editor_save_over_a_newer_note_is_refused_with_the_newer_text(db_path: Path) -> None:
    ana = Store(db_path, reviewer="ana")
    aid = add(ana, "One claim is here.\n", "/t.txt")
    s1 = ana.sentence_at(aid, 1)
    opened = ana.sentence(s1.id).note  # what ana's editor saw
    bob = Store(db_path, reviewer="bob")
    bob.set_note(s1.id, "bob wrote first")
    with pytest.raises(ConflictError, match="note of sentence 1 was changed by bob") as err:
        ana.set_note(s1.id, "ana's text", expected=opened)
    assert err.value.current.note == "bob wrote first"
    assert ana.sentence(s1.id).note == "bob wrote first"
    # choosing to keep hers, over the note she has now seen
    ana.set_note(s1.id, "ana's text", expected=err.value.current.note)
    assert bob.sentence(s1.id).note == "ana's text"


def test_a_note_saved_after_a_change_to_the_rest_of_the_review_is_no_conflict(
    tmp_path: Path, settings: Settings
) -> None:
    """A flag set meanwhile, or a re-import that changed the sentence's text (marking the
    review), leaves the note as the editor opened it: saving it is no conflict."""
    ana = Store(tmp_path / "w.db", reviewer="ana")
    path = tmp_path / "story.txt"
    path.write_text("The vote was 7 to 2. It passed.\n", encoding="utf-8")
    aid = import_source(ana, str(path), settings).article.id
    vote = ana.sentence_at(aid, 1)
    ana.set_verdict(vote.id, Verdict.DISPUTED)
    opened = ana.sentence(vote.id).note
    bob = Store(tmp_path / "w.db", reviewer="bob")
    bob.toggle_flag(vote.id)
    path.write_text("The vote was 8 to 1. It passed.\n", encoding="utf-8")
    import_source(bob, str(path), settings)
    assert ana.sentence(vote.id).text_changed
    ana.set_note(vote.id, "the minutes say 7 to 2", expected=opened)
    s = bob.sentence(vote.id)
    assert (s.note, s.flagged, s.text_changed) == ("the minutes say 7 to 2", True, True)


def test_an_evidence_edit_over_a_newer_edit_is_refused(db_path: Path) -> None:
    ana = Store(db_path, reviewer="ana")
    aid = add(ana, "One claim is here.\n", "/t.txt")
    s1 = ana.sentence_at(aid, 1)
    ev = ana.add_evidence(s1.id, url="https://e.example/a", title="Source")
    bob = Store(db_path, reviewer="bob")
    bob.update_evidence(ev.id, s1.id, quote="bob's quote")
    with pytest.raises(ConflictError, match="changed by bob") as err:
        ana.update_evidence(ev.id, s1.id, expected=ev.version, quote="ana's quote")
    assert err.value.current.quote == "bob's quote"


# -- re-import of an edited file ------------------------------------------------------

ORIGINAL = (
    "The army left the base on Monday. Officials counted 1,000 troops.\n\n"
    "The mayor called it a betrayal. Nobody else commented.\n\n"
    "A carrier is heading to the region.\n"
)
EDITED = (
    "A new opening sentence was added. The army left the base on Monday.\n"
    "Officials counted nearly 1,000 troops.\n\n"
    "Nobody else commented.\n\n"
    "A carrier is heading to the region.\n"
)


def test_reimport_keeps_every_review_and_one_undo_brings_back_the_rest(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    aid = import_source(store, str(path), settings).article.id
    army, troops, mayor, _nobody, carrier = store.sentences_of(aid)
    store.set_verdict(troops.id, Verdict.DISPUTED, note="it was 900")
    store.set_verdict(mayor.id, Verdict.OPINION, note="a quote")
    store.add_evidence(troops.id, url="https://e.example/count", title="Count")
    store.toggle_flag(carrier.id)
    before = render(store.report(aid, exported_at="x"), "json")

    path.write_text(EDITED, encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.article.id, result.status, result.gone) == (aid, "updated", 1)
    assert result.changed == (3,)  # "Officials counted nearly 1,000 troops." is now third
    assert result.describe().startswith(
        "updated: the reviews of the sentences still in the text kept"
    )
    assert "1 reviewed sentence gone from the new text" in result.describe()
    now = store.sentences_of(aid)
    assert [s.text for s in now] == [
        "A new opening sentence was added.", "The army left the base on Monday.",
        "Officials counted nearly 1,000 troops.", "Nobody else commented.",
        "A carrier is heading to the region.",
    ]  # fmt: skip
    moved = now[2]
    assert (moved.id, moved.verdict, moved.note, moved.evidence_count) == (
        troops.id, Verdict.DISPUTED, "it was 900", 1)  # fmt: skip
    assert moved.reviewed_text == "Officials counted 1,000 troops."
    assert now[4].flagged and now[1].id == army.id
    assert mayor.id not in {s.id for s in now}
    doc = json.loads(render(store.report(aid), "json"))
    assert doc["sentences"][2]["text_changed"] is True
    assert doc["sentences"][2]["reviewed_text"] == "Officials counted 1,000 troops."

    change = store.undo(aid)  # the whole re-import, one step
    assert change is not None and change.action == "re-import" and change.structural
    assert render(store.report(aid, exported_at="x"), "json") == before
    assert store.redo(aid) is not None
    assert store.sentence(troops.id).reviewed_text == "Officials counted 1,000 troops."
    consistent(store)
    assert store.undo(aid) is not None  # and undo goes on working (no foreign-key failure)
    assert store.undo(aid) is not None  # the flag


def test_a_text_changed_mark_goes_through_a_restore_and_goes_when_the_text_comes_back(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """A review marked Δ (its sentence's text changed by a re-import) keeps its mark and the
    text it was made on in a restore; restoring the report from before the edit brings the
    text back, says so, and the mark goes (the text is again the one reviewed)."""
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    aid = import_source(store, str(path), settings).article.id
    troops = store.sentence_at(aid, 2)
    store.set_verdict(troops.id, Verdict.DISPUTED, note="it was 900")
    before = tmp_path / "before.json"
    before.write_text(render(store.report(aid), "json"), encoding="utf-8")
    path.write_text(EDITED, encoding="utf-8")
    import_source(store, str(path), settings)
    assert store.sentence(troops.id).reviewed_text == "Officials counted 1,000 troops."
    after = tmp_path / "after.json"
    after.write_text(render(store.report(aid), "json"), encoding="utf-8")

    elsewhere = Store(tmp_path / "b.db", reviewer="bob")
    restored = import_source(elsewhere, str(after), settings)
    moved = next(s for s in elsewhere.sentences_of(restored.article.id) if s.note)
    assert (moved.text, moved.reviewed_text) == (
        "Officials counted nearly 1,000 troops.",
        "Officials counted 1,000 troops.",
    )

    back = import_source(store, str(before), settings)
    assert "the article's text is now the report's" in back.describe()
    again = store.sentence(troops.id)
    assert (again.text, again.reviewed_text, again.text_changed) == (
        "Officials counted 1,000 troops.",
        None,
        False,
    )
    consistent(store)


def test_replace_leaves_a_sentence_the_report_has_unreviewed_with_no_reviewer(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    aid = import_source(store, str(SAMPLE), settings).article.id
    report = tmp_path / "plain.json"
    report.write_text(render(store.report(aid), "json"), encoding="utf-8")
    sixth = store.sentence_at(aid, 6)
    store.set_verdict(sixth.id, Verdict.DISPUTED)
    import_source(store, str(report), settings, replace=True)
    s = store.sentence(sixth.id)
    assert (s.verdict, s.reviewer, s.reviewed_at) == (None, None, None)


def test_reimport_with_an_added_sentence_only(tmp_path: Path, store: Store, settings) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    aid = import_source(store, str(path), settings).article.id
    for s in store.sentences_of(aid):
        store.set_verdict(s.id, Verdict.VERIFIED)
    path.write_text(ORIGINAL + "\nOne more sentence at the end.\n", encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.status, result.changed, result.gone) == ("updated", (), 0)
    verdicts = [s.verdict for s in store.sentences_of(aid)]
    assert verdicts == [Verdict.VERIFIED] * 5 + [None]
    assert result.describe() == "updated: every review kept"


# -- restoring a report onto a stored article --------------------------------------------


def test_restore_merges_newer_wins_and_never_duplicates_evidence(
    tmp_path: Path, settings: Settings
) -> None:
    older = Store(tmp_path / "a.db", reviewer="ana", clock=FixedClock())
    aid = import_source(older, str(SAMPLE), settings).article.id
    s = older.sentences_of(aid)
    older.set_verdict(s[0].id, Verdict.VERIFIED, note="from the report")
    older.set_verdict(s[1].id, Verdict.DISPUTED, note="report only")
    older.add_evidence(s[0].id, title="Briefing", quote="no URL on this one")
    report = tmp_path / "old.json"
    report.write_text(render(older.report(aid), "json"), encoding="utf-8")

    here = Store(tmp_path / "b.db", reviewer="bob")  # its clock is later than the report's
    hid = import_source(here, str(SAMPLE), settings).article.id
    h = here.sentences_of(hid)
    here.set_verdict(h[0].id, Verdict.DISPUTED, note="newer here")
    first = import_source(here, str(report), settings)
    assert first.restored is not None
    assert (first.restored.taken, first.restored.kept) == (1, 1)
    assert first.describe() == "restored: 1 taken from the report, 1 newer here kept"
    h = here.sentences_of(hid)
    assert (h[0].verdict, h[0].note) == (Verdict.DISPUTED, "newer here")
    assert (h[1].verdict, h[1].note, h[1].reviewer) == (Verdict.DISPUTED, "report only", "ana")
    second = import_source(here, str(report), settings)
    assert second.restored is not None and second.restored.taken == 0
    assert here.conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 1
    assert len(here.evidence_of(h[0].id)) == 1

    replaced = import_source(here, str(report), settings, replace=True)
    assert replaced.restored is not None and replaced.restored.taken == 1
    assert here.sentence(h[0].id).note == "from the report"
    assert here.undo(hid) is not None  # the replace, one step
    assert here.sentence(h[0].id).note == "newer here"


def test_restore_of_a_newer_report_takes_it(tmp_path: Path, settings: Settings) -> None:
    here = Store(tmp_path / "b.db", reviewer="bob", clock=FixedClock())
    hid = import_source(here, str(SAMPLE), settings).article.id
    here.set_verdict(here.sentence_at(hid, 1).id, Verdict.DISPUTED, note="older here")
    later = Store(tmp_path / "a.db", reviewer="ana")  # real clock: years after FixedClock's
    aid = import_source(later, str(SAMPLE), settings).article.id
    later.set_verdict(later.sentence_at(aid, 1).id, Verdict.VERIFIED, note="newer there")
    report = tmp_path / "new.json"
    report.write_text(render(later.report(aid), "json"), encoding="utf-8")
    for _ in range(2):
        result = import_source(here, str(report), settings)
    assert result.restored is not None and result.restored.same == 1
    s = here.sentence_at(hid, 1)
    assert (s.verdict, s.note, s.reviewer) == (Verdict.VERIFIED, "newer there", "ana")


JOINED = (
    "The council met on Monday. It voted to close the bridge. Repairs start in May.\n\n"
    "Residents were angry. One said the detour adds an hour to her commute, and the"
    " buses are already full. The mayor said the bridge was unsafe.\n"
)


def test_a_note_added_to_anothers_verdict_is_the_newer_review_in_a_restore(
    tmp_path: Path, settings: Settings
) -> None:
    """Bob's note on ana's verdict keeps the verdict ana's and makes the review newer: a
    report of it restored where the review is as ana left it takes bob's note."""
    there = Store(tmp_path / "a.db", reviewer="ana", clock=FixedClock())
    aid = import_source(there, str(SAMPLE), settings).article.id
    first = there.sentence_at(aid, 1).id
    there.set_verdict(first, Verdict.VERIFIED, note="ana's reason")
    before = tmp_path / "before.json"
    before.write_text(render(there.report(aid), "json"), encoding="utf-8")
    there.reviewer = "bob"
    there.set_note(first, "bob's better reason")
    after = tmp_path / "after.json"
    after.write_text(render(there.report(aid), "json"), encoding="utf-8")

    here = Store(tmp_path / "b.db", reviewer="cy")
    import_source(here, str(before), settings)
    result = import_source(here, str(after), settings)
    assert result.restored is not None and result.restored.taken == 1
    s = here.sentence_at(result.article.id, 1)
    assert (s.verdict, s.note, s.reviewer) == (Verdict.VERIFIED, "bob's better reason", "ana")


def reviewed_after_join_and_split(store: Store, settings: Settings, source: Path) -> int:
    """A made-up article imported, sentences 2 and 3 joined, sentence 5 split, and every
    sentence then given a verdict and a note of its own."""
    aid = import_source(store, str(source), settings).article.id
    assert len(store.sentences_of(aid)) == 6
    store.join_sentences(store.sentence_at(aid, 2).id)
    fifth = store.sentence_at(aid, 4)  # (the 5th, one up after the join)
    store.split_sentence(fifth.id, fifth.text.index(", and") + 5)
    for position, s in enumerate(store.sentences_of(aid), 1):
        store.set_verdict(s.id, Verdict.OPINION, note=f"note {position}")
    return aid


def joined_report(tmp_path: Path, settings: Settings) -> tuple[Store, int, Path, Path]:
    """Ana's store with the made-up article reviewed after a join and a split, the
    article's file, and the JSON report of that review."""
    article = tmp_path / "council.txt"
    article.write_text(JOINED, encoding="utf-8")
    there = Store(tmp_path / "a.db", reviewer="ana", clock=FixedClock())
    aid = reviewed_after_join_and_split(there, settings, article)
    report = tmp_path / "joined.json"
    report.write_text(render(there.report(aid), "json"), encoding="utf-8")
    return there, aid, article, report


def test_restore_keeps_the_reports_joins_and_splits(tmp_path: Path, settings: Settings) -> None:
    """A report of an article with joined and split sentences restores into a new database
    with the same sentences, each with its review: none dropped."""
    there, aid, _, report = joined_report(tmp_path, settings)
    here = Store(tmp_path / "b.db", reviewer="bob")
    result = import_source(here, str(report), settings)
    assert result.restored is not None
    theirs, ours = there.sentences_of(aid), here.sentences_of(result.article.id)
    assert [(s.text, s.start, s.end, s.paragraph) for s in ours] == [
        (s.text, s.start, s.end, s.paragraph) for s in theirs
    ]
    assert [(s.verdict, s.note, s.reviewer) for s in ours] == [
        (Verdict.OPINION, f"note {n}", "ana") for n in range(1, len(theirs) + 1)
    ]
    assert (result.restored.taken, result.restored.unplaced) == (len(theirs), ())
    assert here.article_text(result.article.id) == there.article_text(aid)
    # keyed as a first import keys them: a sentence's key is its text's (each text once)
    assert [s.key for s in ours] == [sentence_key(s.text, 1) for s in ours]
    consistent(here)


def test_restore_keeps_each_review_on_its_own_sentence_when_a_text_repeats(
    tmp_path: Path, settings: Settings
) -> None:
    """A split leaves a piece whose text another sentence repeats ("yes indeed." and "Yes
    indeed.": one key form, its occurrences numbered as the split left them): restored
    into a new database, each review stays on its own sentence."""
    source = tmp_path / "yes.txt"
    source.write_text("Well then yes indeed.\n\nThe sky is blue today.\n\nYes indeed.\n")
    there = Store(tmp_path / "a.db", reviewer="ana", clock=FixedClock())
    aid = import_source(there, str(source), settings).article.id
    there.split_sentence(there.sentence_at(aid, 1).id, len("Well then "))
    there.set_verdict(there.sentence_at(aid, 2).id, Verdict.VERIFIED, note="on the piece")
    there.set_verdict(there.sentence_at(aid, 4).id, Verdict.DISPUTED, note="on the last")
    report = tmp_path / "yes.json"
    report.write_text(render(there.report(aid), "json"), encoding="utf-8")

    here = Store(tmp_path / "b.db", reviewer="bob")
    result = import_source(here, str(report), settings)
    got = [(s.text, s.verdict, s.note) for s in here.sentences_of(result.article.id)]
    assert got == [(s.text, s.verdict, s.note) for s in there.sentences_of(aid)]
    assert [s.key for s in here.sentences_of(result.article.id)] == [
        s.key for s in there.sentences_of(aid)
    ]  # the report's keys: a second report of either restores onto them
    again = import_source(here, str(report), settings)
    assert again.restored is not None and again.restored.taken == 0


def test_restore_names_the_reviews_no_sentence_here_takes(
    tmp_path: Path, settings: Settings
) -> None:
    """Onto the article stored here as first imported, the joined and split sentences'
    reviews have no sentence to go to: they are named, in the result and its warning,
    and everything else is restored."""
    there, aid, article, report = joined_report(tmp_path, settings)
    here = Store(tmp_path / "b.db", reviewer="bob")
    hid = import_source(here, str(article), settings).article.id
    result = import_source(here, str(report), settings)
    assert result.restored is not None and result.article.id == hid
    assert result.restored.unplaced == (2, 4, 5)  # the joined one, the two parts
    assert result.restored.taken == len(there.sentences_of(aid)) - 3
    assert "3 not restored" in result.describe()
    (warning,) = result.warnings
    assert "report sentences 2, 4, 5 not restored" in warning
    assert "join or split them as the report has them" in warning


@pytest.mark.parametrize(
    "change",
    [
        {"start": 5},  # overlaps the sentence before
        {"end": 10_000},  # past the text's end
        {"text": "Not what the offsets hold."},
        {"paragraph": 0},  # a paragraph before the one before it
        {"start": None},  # a report that doesn't say
        {"position": 9},  # not the next position
    ],
)
def test_a_reports_cut_is_taken_only_when_its_offsets_are_sound(change: dict) -> None:
    """Offsets that do not cut the text into the report's sentences, in order with only
    whitespace between, are not taken: the text is then cut as a first import cuts it."""
    from dataclasses import replace

    from workbench.restore import report_segments

    text = "One sentence here. Two more words.\n\nA new paragraph."
    cut = segment(text)
    entries = [
        ReportEntry(s.position, s.key, s.text, None, paragraph=s.paragraph, start=s.start,
                    end=s.end)
        for s in cut
    ]  # fmt: skip
    assert report_segments(text, entries) == cut
    entries[2] = replace(entries[2], **change)
    assert report_segments(text, entries) is None


# -- damaged databases, failed writes ---------------------------------------------------------


def damage(path: Path, table: str | None = None, *, page: int | None = None) -> bytes:
    """Overwrite two pages in the middle of the file, or of ``table``'s pages, or from page
    number ``page`` on (the header stays valid)."""
    size = 4096
    middle = (path.stat().st_size // size // 2) * size
    if table is not None:
        with closing(sqlite3.connect(path)) as conn:
            pages = [n for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", [table])]  # fmt: skip
        middle = (pages[len(pages) // 2] - 1) * size
    if page is not None:
        middle = (page - 1) * size
    data = bytearray(path.read_bytes())
    data[middle + 8 : middle + 2 * size] = b"\xa5" * (2 * size - 8)
    path.write_bytes(bytes(data))
    return bytes(data)


def thirty_articles(path: Path, settings: Settings) -> list[int]:
    """A file of 30 articles (1,200 sentences), closed, its log checkpointed into it."""
    store = Store(path)
    ids = []
    for n in range(30):
        text = f"Article {n} has its first claim here. It has a second claim there.\n" * 20
        ids.append(import_document(store, Document(f"A{n}", text, f"/a{n}.txt"), settings)
                   .article.id)  # fmt: skip
    store.close()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return ids


def rows_by_page(path: Path, table: str) -> dict[int, list[int]]:
    """The row ids on each leaf page of ``table``, by page number."""
    with closing(sqlite3.connect(path)) as conn:
        leaves = conn.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf'"
            " ORDER BY path",  # the b-tree's order, which is the row ids' order
            [table],
        ).fetchall()
        ids = [i for (i,) in conn.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
    out, at = {}, 0
    for pageno, cells in leaves:
        out[pageno], at = ids[at : at + cells], at + cells
    assert at == len(ids)
    return out


def test_a_database_damaged_in_its_middle_is_refused_untouched(db_path: Path, settings) -> None:
    store = Store(db_path)
    for n in range(30):
        text = f"Article {n} has its first claim here. It has a second claim there.\n" * 20
        import_document(store, Document(f"A{n}", text, f"/a{n}.txt"), settings)
    store.close()
    sqlite3.connect(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    damaged = damage(db_path)
    with pytest.raises(DatabaseError, match=r"is damaged .*left untouched: `workbench recover"):
        Store(db_path)
    assert db_path.read_bytes() == damaged


def test_no_command_writes_into_a_damaged_database(db_path: Path, settings) -> None:
    from click.testing import CliRunner

    from workbench.cli import cli

    store = Store(db_path)
    for n in range(30):
        text = f"Article {n} has its first claim here. It has a second claim there.\n" * 20
        import_document(store, Document(f"A{n}", text, f"/a{n}.txt"), settings)
    store.close()
    sqlite3.connect(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    damaged = damage(db_path)
    for args in (["list"], ["tag", "1", "1", "verified"], ["import", str(SAMPLE)]):
        result = CliRunner().invoke(cli, ["--db", str(db_path), *args])
        assert result.exit_code == 1, args
        (line,) = result.output.strip().splitlines()
        assert line.startswith(f"workbench: error: database {db_path} is damaged")
        assert db_path.read_bytes() == damaged


def test_a_sound_file_is_checked_once_until_it_changes(db_path: Path, monkeypatch) -> None:
    from workbench.store import checked

    Store(db_path).close()
    known = []
    real = checked.is_known_good
    monkeypatch.setattr(checked, "is_known_good", lambda p: known.append(real(p)) or known[-1])
    Store(db_path).close()  # unchanged since it was last checked: no check
    with sqlite3.connect(db_path) as conn:  # changed by another program
        conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    Store(db_path).close()  # checked again
    Store(db_path).close()
    assert known == [True, False, True]


def test_only_a_connection_that_checked_the_file_remembers_it_sound(db_path: Path) -> None:
    """A second connection opened without the check (a worker's) must not mark as sound a
    file the first one found damaged: the next open checks it again."""
    from workbench.store import checked

    Store(db_path).close()
    assert checked.is_known_good(str(db_path))
    checked.forget(str(db_path))  # as a Store meeting damage does
    with Store(db_path, check=False, repair=False) as reader:
        reader.sentence_ids(1)
    assert not checked.is_known_good(str(db_path))


def test_damage_met_after_the_open_check_is_one_line_and_nothing_is_written(
    db_path: Path, settings
) -> None:
    """The file was sound when the Store opened it; a page of sentences is damaged since."""
    thirty_articles(db_path, settings)
    pages = rows_by_page(db_path, "sentences")
    victim = sorted(pages)[len(pages) // 2]
    hit, sound = pages[victim][0], pages[min(pages)][0]
    with closing(sqlite3.connect(db_path)) as conn:
        (aid,) = conn.execute("SELECT article_id FROM sentences WHERE id = ?", [hit]).fetchone()
    store = Store(db_path, reviewer="ana")  # passes its quick_check
    damaged = damage(db_path, page=victim)  # pages it has not read since: none in its cache
    one_line = (
        f"database {db_path} is damaged (database disk image is malformed); nothing was"
        f" changed: `workbench recover {db_path} NEW.db` copies what can still be read (README)"
    )
    with pytest.raises(DatabaseError) as caught:
        store.set_verdict(hit, Verdict.VERIFIED, note="met the damage")
    assert caught.value.message == one_line
    assert not isinstance(caught.value, sqlite3.Error) and caught.value.__suppress_context__
    with pytest.raises(DatabaseError, match="is damaged"):
        store.sentences_of(aid)  # a read meets it the same way
    # One step of two verdicts: the first is written, the second meets the damage: the
    # whole step is rolled back, the first verdict with it, and the log has neither.
    logged = len(store.history())
    for grouped in (store.step, store._change):  # public, and as every verb groups
        with pytest.raises(DatabaseError) as caught, grouped("two verdicts", article_id=None):
            store.set_verdict(sound, Verdict.DISPUTED)
            store.set_verdict(hit, Verdict.DISPUTED)
        assert caught.value.message == one_line
        assert store.sentence(sound).verdict is None
    assert len(store.history()) == logged
    store.close()
    assert db_path.read_bytes() == damaged  # nothing written, not even a partial step
    with pytest.raises(DatabaseError, match="left untouched"):
        Store(db_path)  # no longer taken for sound: the next open checks, and refuses


@pytest.mark.parametrize("where", ["a sentence's page", "the sentences' index"])
def test_a_command_meeting_damage_the_open_check_missed_says_one_line(
    db_path: Path, settings, where: str
) -> None:
    """A failing disk changes pages without changing the file's size or time: the file is
    still known to be sound, so a command meets the damage only when it reads it."""
    from click.testing import CliRunner

    from workbench.cli import cli

    thirty_articles(db_path, settings)
    pages = rows_by_page(db_path, "sentences")
    victim = sorted(pages)[len(pages) // 2]
    store = Store(db_path)
    hit = store.sentence(pages[victim][0])
    store.close()  # checked, and remembered as sound
    stat = db_path.stat()
    if where == "a sentence's page":
        damaged = damage(db_path, page=victim)
        first = ["tag", str(hit.article_id), str(hit.position), "verified", "--note", "x"]
    else:
        damaged = damage(db_path, "sentences_article_start")
        first = ["import", str(SAMPLE)]  # stores its sentences: their index is damaged
    os.utime(db_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # The first command meets the damage in the middle of its work.  It forgets that the
    # file was sound, so the next is refused as it opens the file, before anything is read.
    for args, detail in ((first, "nothing was changed"), (["list"], "it was left untouched")):
        result = CliRunner().invoke(cli, ["--db", str(db_path), *args])
        assert result.exit_code == 1, result.output
        (line,) = result.output.strip().splitlines()
        assert line.startswith(f"workbench: error: database {db_path} is damaged"), line
        assert detail in line and f"`workbench recover {db_path} NEW.db`" in line
        assert db_path.read_bytes() == damaged


def test_a_damaged_claim_index_is_named_damage(db_path: Path, settings) -> None:
    """FTS5 says only "vtable constructor failed" of a damaged index: its result code says
    damage, and the line does too."""
    thirty_articles(db_path, settings)
    first = min(rows_by_page(db_path, "claim_index_data"))  # the index's structure record
    store = Store(db_path)
    victim = store.sentence_at(1, 1)
    damaged = damage(db_path, page=first)
    with pytest.raises(DatabaseError, match=r"is damaged \(vtable constructor failed: claim_"):
        store.split_sentence(victim.id, 7)
    assert store.sentence(victim.id).text == victim.text
    store.close()
    assert db_path.read_bytes() == damaged


def test_an_error_finishing_a_step_is_one_line_and_undoes_the_step(
    store: Store, monkeypatch
) -> None:
    """``Store.step`` keeps the claim index in step and commits after its body: SQLite's
    errors there are turned into one line too, and the step is rolled back."""
    from workbench.store import claims

    aid = add(store, "One claim is here. Another claim is there.\n", "/t.txt")
    s1 = store.sentence_at(aid, 1)

    def damaged(*_: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(claims, "index_sentences", damaged)
    refused = pytest.raises(DatabaseError, match=f"database {store.path} is damaged")
    with refused, store.step("split and tag", article_id=aid):
        store.split_sentence(s1.id, 4)
        store.set_verdict(s1.id, Verdict.VERIFIED)
    assert texts(store, aid) == ["One claim is here.", "Another claim is there."]
    assert store.sentence(s1.id).verdict is None


def test_a_full_disk_during_a_note_save_changes_nothing(store: Store) -> None:
    aid = add(store, "One claim is here.\n", "/t.txt")
    s1 = store.sentence_at(aid, 1)
    store.set_note(s1.id, "short")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    with pytest.raises(DatabaseError, match="disk is full; nothing was changed"):
        store.set_note(s1.id, "a long note " * 2000)
    assert store.sentence(s1.id).note == "short"
    assert [h["action"] for h in store.history(aid)] == ["note"]


def readable(path: Path, table: str) -> set[int]:
    """The ids of ``table``'s rows that can be read one at a time, by id."""
    found = set()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        for rowid in range(1, 100_000):
            try:
                if conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", [rowid]).fetchone():
                    found.add(rowid)
            except sqlite3.DatabaseError:
                pass
    return found


@pytest.mark.parametrize("where", [1 / 2, 1 / 3, 3 / 4])
def test_recover_copies_every_readable_row_into_a_new_file(
    db_path: Path, tmp_path, settings, where: float
):
    from click.testing import CliRunner

    from workbench.cli import cli

    store = Store(db_path, reviewer="ana")
    ids = []
    for n in range(30):
        text = f"Article {n} has its first claim here. It has a second claim there.\n" * 20
        ids.append(import_document(store, Document(f"A{n}", text, f"/a{n}.txt"), settings)
                   .article.id)  # fmt: skip
        store.set_verdict(store.sentence_at(ids[-1], 1).id, Verdict.VERIFIED, note=f"n{n}")
    store.close()
    sqlite3.connect(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    with closing(sqlite3.connect(db_path)) as conn:
        pages = [n for (n,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sentences' ORDER BY pageno")]  # fmt: skip
    damaged = damage(db_path, page=pages[int(len(pages) * where)])

    target = tmp_path / "recovered.db"
    result = CliRunner().invoke(cli, ["recover", str(db_path), str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"recovered into {target}: 30 articles, ")
    assert "sentences: 1 damaged stretch skipped" in result.output  # (two pages, side by side)
    assert db_path.read_bytes() == damaged  # only read
    copy = Store(target, reviewer="ana")
    consistent(copy)
    kept = [s for a in ids for s in copy.sentences_of(a)]
    assert 1000 < len(kept) <= 1200  # the damaged pages' rows are gone, the rest is there
    assert {s.id for s in kept} == readable(db_path, "sentences")  # every one that reads
    reviewed = [s for s in kept if s.verdict is Verdict.VERIFIED]
    assert len(reviewed) >= 25 and all(s.note == f"n{ids.index(s.article_id)}" for s in reviewed)
    last = ids[-1]
    if copy.sentence_at(last, 1).verdict is Verdict.VERIFIED:
        assert copy.undo(last) is not None  # the log came along: undo still works
    again = CliRunner().invoke(cli, ["recover", str(db_path), str(target)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_a_sentence_removed_meanwhile_is_named_as_such_not_by_its_id(store: Store) -> None:
    from workbench.errors import NotFoundError

    aid = add(store, "One claim. Another claim.\n", "/t.txt")
    second = store.sentence_at(aid, 2)
    store.join_sentences(store.sentence_at(aid, 1).id)
    for act in (lambda: store.set_verdict(second.id, Verdict.OPINION),
                lambda: store.set_note(second.id, "why"),
                lambda: store.split_sentence(second.id, 3)):  # fmt: skip
        with pytest.raises(NotFoundError, match="no longer in the article") as err:
            act()
        assert str(second.id) not in err.value.message
