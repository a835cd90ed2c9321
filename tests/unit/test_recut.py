"""A re-import keeps the reviewer's joins and splits where the text they cut is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from workbench.config import Settings
from workbench.importer import import_source
from workbench.model import Verdict
from workbench.recut import corrections, recut
from workbench.report import render
from workbench.segment import segment
from workbench.store import Store

STORY = (
    "We doubt the plan works. Officials said so.\n\n"
    "He said. Then he left. Nobody knew why it happened and nobody asked.\n\n"
    "The mayor spoke first and the governor spoke second.\n\n"
    "He said. The end came soon.\n"
)


def reviewed(store: Store, aid: int) -> list[tuple[str, str | None, str]]:
    return [
        (s.text, s.verdict.value if s.verdict else None, s.note) for s in store.sentences_of(aid)
    ]


def positions_hold(store: Store, aid: int) -> None:
    text = store.article_text(aid)
    ss = store.sentences_of(aid)
    assert all(text[s.start : s.end] == s.text for s in ss)
    assert len({s.key for s in ss}) == len(ss)
    assert [s.key for s in ss] == [s.key for s in _keyed_again(text, ss)]


def _keyed_again(text: str, ss):
    from workbench.segment import from_spans

    return from_spans(text, [(s.start, s.end, s.paragraph) for s in ss])


def start(tmp_path: Path, store: Store, settings: Settings, text: str) -> tuple[Path, int]:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return path, import_source(store, str(path), settings).article.id


def at(store: Store, aid: int, text: str, n: int = 0) -> int:
    return [s.id for s in store.sentences_of(aid) if s.text == text][n]


# -- where two cuttings of a text differ ----------------------------------------------------


def test_corrections_name_each_stretch_cut_otherwise() -> None:
    segmented = [(0, 5), (6, 10), (11, 20), (21, 30)]
    # the first two joined; the third split in two
    stored = [(0, 10), (11, 14), (15, 20), (21, 30)]
    assert list(corrections(stored, segmented)) == [((0, 0), (0, 1)), ((1, 2), (2, 2))]
    assert list(corrections(segmented, segmented)) == []


@given(st.lists(st.integers(1, 6), min_size=1, max_size=30), st.data())
@hsettings(max_examples=80, deadline=None)
def test_corrections_cover_what_differs_and_nothing_else(lengths: list[int], data) -> None:
    """Two cuttings of one run of words: each stretch named is cut otherwise, and the
    sentences outside every stretch are the same in both."""
    ends, pos = [], 0
    for n in lengths:
        pos += n
        ends.append(pos)
    words = [(e - n, e - 1) for e, n in zip(ends, lengths, strict=True)]  # (start, end)

    def cutting(keep: list[bool]) -> list[tuple[int, int]]:
        spans, first = [], 0
        for i, (_, end) in enumerate(words):
            if i == len(words) - 1 or keep[i]:
                spans.append((words[first][0], end))
                first = i + 1
        return spans

    flags = st.lists(st.booleans(), min_size=len(words), max_size=len(words))
    a, b = cutting(data.draw(flags)), cutting(data.draw(flags))
    found = list(corrections(a, b))
    inside_a = {i for (i, i2), _ in found for i in range(i, i2 + 1)}
    inside_b = {j for _, (j, j2) in found for j in range(j, j2 + 1)}
    assert [s for i, s in enumerate(a) if i not in inside_a] == [
        s for j, s in enumerate(b) if j not in inside_b
    ]
    for (i, i2), (j, j2) in found:
        assert a[i][0] == b[j][0] and a[i2][1] == b[j2][1]
        assert a[i : i2 + 1] != b[j : j2 + 1]


def test_recut_is_none_when_the_stored_sentences_are_the_segmenters() -> None:
    old = segment(STORY)
    new_text = "A first line.\n\n" + STORY
    found = recut(STORY, [(s.start, s.end) for s in old], new_text, segment(new_text))
    assert (found.segments, found.lost) == (None, 0)


# -- through a re-import ----------------------------------------------------------------------


def test_a_reimport_keeps_joins_and_splits_with_their_reviews(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    path, aid = start(tmp_path, store, settings, STORY)
    nobody = store.sentence(at(store, aid, "Nobody knew why it happened and nobody asked."))
    first, second = store.split_sentence(nobody.id, nobody.text.index("and nobody"))
    store.set_verdict(first, Verdict.VERIFIED, note="first half")
    store.set_verdict(second, Verdict.DISPUTED, note="second half")
    last_said = at(store, aid, "He said.", 1)
    store.set_verdict(last_said, Verdict.OPINION, note="the last one")
    store.join_sentences(last_said)
    before = reviewed(store, aid)

    edited = "An added sentence. He said. " + STORY.replace("said so.", "said so, again.")
    path.write_text(edited, encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.status, result.gone, result.changed) == ("updated", 0, ())
    assert result.describe() == "updated: every review kept"
    after = reviewed(store, aid)
    assert after[:2] == [("An added sentence.", None, ""), ("He said.", None, "")]
    assert after[3] == ("Officials said so, again.", None, "")
    assert after[2:3] + after[4:] == before[:1] + before[2:]
    assert store.sentence(first).text == "Nobody knew why it happened"
    assert store.sentence(second).text == "and nobody asked."
    assert store.sentence(last_said).text == "He said. The end came soon."
    positions_hold(store, aid)

    store.undo(aid)  # the whole re-import, one step
    assert reviewed(store, aid) == before


def test_the_same_text_split_twice_keeps_each_review_on_its_own_sentence(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """Two sentences of one text, each split (the second first), reviewed apart; a sentence
    of the same text added before both takes neither review."""
    text = (
        "Yes, we will go there tomorrow morning.\n\nThe mayor agreed."
        " Yes, we will go there tomorrow morning.\n\nOk.\n"
    )
    path, aid = start(tmp_path, store, settings, text)
    whole = "Yes, we will go there tomorrow morning."
    later, _ = store.split_sentence(at(store, aid, whole, 1), 4)
    store.set_verdict(later, Verdict.DISPUTED, note="the second")
    earlier, _ = store.split_sentence(at(store, aid, whole, 0), 4)
    store.set_verdict(earlier, Verdict.VERIFIED, note="the first")

    path.write_text("Yes, indeed.\n\nYes,\n\n" + text, encoding="utf-8")
    assert import_source(store, str(path), settings).gone == 0
    assert reviewed(store, aid) == [
        ("Yes, indeed.", None, ""),
        ("Yes,", None, ""),
        ("Yes,", "verified", "the first"),
        ("we will go there tomorrow morning.", None, ""),
        ("The mayor agreed.", None, ""),
        ("Yes,", "disputed", "the second"),
        ("we will go there tomorrow morning.", None, ""),
        ("Ok.", None, ""),
    ]
    positions_hold(store, aid)


def test_a_split_of_an_edited_sentence_is_kept_where_one_side_of_the_cut_is_unchanged(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    path, aid = start(tmp_path, store, settings, STORY)
    nobody = store.sentence(at(store, aid, "Nobody knew why it happened and nobody asked."))
    first, second = store.split_sentence(nobody.id, nobody.text.index("and nobody"))
    store.set_verdict(first, Verdict.VERIFIED)
    store.set_verdict(second, Verdict.DISPUTED, note="the second part")
    before = reviewed(store, aid)

    path.write_text(STORY.replace("Nobody knew why", "Nobody knew how"), encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.gone, result.cuts_lost) == (0, 0)
    one, two = store.sentence(first), store.sentence(second)
    assert (one.text, one.reviewed_text) == (
        "Nobody knew how it happened",
        "Nobody knew why it happened",
    )
    assert (two.text, two.note, two.text_changed) == ("and nobody asked.", "the second part", False)

    # edited on both sides of the cut: where it goes is not known; the loss is said
    both = STORY.replace("Nobody knew why", "No one knew why").replace("nobody asked", "none asked")
    path.write_text(both, encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.gone, result.cuts_lost) == (1, 1)
    assert "1 reviewed sentence gone from the new text" in result.describe()
    assert store.sentence(first).text == "No one knew why it happened and none asked."
    store.undo(aid)
    store.undo(aid)
    assert reviewed(store, aid) == before


def test_a_cut_between_two_edited_sentences_is_carried_only_where_its_text_is_once(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """Both neighbours edited: the stretch is found by its text alone.  Once in each text,
    it is cut as before; a text found twice would be a guess, left to the segmenter."""
    text = "One came early. It rained and it poured. Two came late.\n"
    path, aid = start(tmp_path, store, settings, text)
    middle = store.sentence(at(store, aid, "It rained and it poured."))
    store.split_sentence(middle.id, middle.text.index("and"))
    edited = text.replace("early", "very early").replace("late", "later")
    path.write_text(edited, encoding="utf-8")
    import_source(store, str(path), settings)
    assert [s.text for s in store.sentences_of(aid)] == [
        "One came very early.",
        "It rained",
        "and it poured.",
        "Two came later.",
    ]
    path.write_text(edited + "\nIt rained and it poured.\n", encoding="utf-8")
    import_source(store, str(path), settings)  # (neighbours unchanged: still cut)
    assert len(store.sentences_of(aid)) == 5
    both = edited.replace("very early", "quite early").replace("later", "much later")
    path.write_text(both + "\nIt rained and it poured.\n", encoding="utf-8")
    import_source(store, str(path), settings)
    assert "It rained and it poured." in [s.text for s in store.sentences_of(aid)][:3]
    positions_hold(store, aid)


def test_a_restore_keeps_the_reports_cuts_not_those_stored(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """A report of an earlier text restored onto its article: the report's sentences
    stand, the stored article's own joins are not carried into them."""
    path, aid = start(tmp_path, store, settings, STORY)
    saved = tmp_path / "report.json"
    saved.write_text(render(store.report(aid), "json"), encoding="utf-8")
    path.write_text(STORY.replace("The end came soon.", "The end came."), encoding="utf-8")
    import_source(store, str(path), settings)
    store.join_sentences(at(store, aid, "We doubt the plan works."))
    assert json.loads(saved.read_text())["article"]["source"] == str(path)
    import_source(store, str(saved), settings)
    assert [s.text for s in store.sentences_of(aid)] == [s.text for s in segment(STORY)]


def test_a_sentence_added_before_another_of_its_text_does_not_take_its_review(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """No joins or splits: the reviewed sentence is paired by its neighbours, not by its
    occurrence number (which the added one takes)."""
    text = "He said. Then he left.\n\nIt ended.\n"
    path, aid = start(tmp_path, store, settings, text)
    said = at(store, aid, "He said.")
    store.set_verdict(said, Verdict.DISPUTED)
    path.write_text("He said.\n\n" + text, encoding="utf-8")
    import_source(store, str(path), settings)
    assert reviewed(store, aid)[:3] == [
        ("He said.", None, ""),
        ("He said.", "disputed", ""),
        ("Then he left.", None, ""),
    ]
    assert store.sentence(said).position == 2


@given(
    st.lists(st.sampled_from("abcdefg"), max_size=40),
    st.lists(st.sampled_from("abcdefg"), max_size=40),
)
@hsettings(max_examples=150, deadline=None)
def test_sentences_found_unchanged_pair_in_order_and_by_their_text(a, b) -> None:
    from workbench.align import unchanged

    went = unchanged(a, b)
    pairs = sorted(went.items())
    assert all(a[i] == b[j] for i, j in pairs)
    assert [j for _, j in pairs] == sorted({j for _, j in pairs})  # in order, each once
    same = a and a == b
    assert not same or went == {i: i for i in range(len(a))}


def test_the_start_and_the_end_of_the_text_are_neighbours_that_never_change(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """A split first sentence, its next one edited, and a sentence of the same text added
    at the end: the cut is still found, beside the start of the text."""
    text = "It rained and it poured. Two came late.\n"
    path, aid = start(tmp_path, store, settings, text)
    first = store.sentence(at(store, aid, "It rained and it poured."))
    store.split_sentence(first.id, first.text.index("and"))
    path.write_text("It rained and it poured. Two came later.\n\nIt rained and it poured.\n")
    import_source(store, str(path), settings)
    assert [s.text for s in store.sentences_of(aid)] == [
        "It rained",
        "and it poured.",
        "Two came later.",
        "It rained and it poured.",
    ]


def test_a_split_in_a_moved_paragraph_goes_with_it(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    first = "Alpha came first. Beta two and gamma three. Delta came last."
    second = "One. Two. Three. Four. Five."
    path, aid = start(tmp_path, store, settings, f"{first}\n\n{second}\n")
    beta = store.sentence(at(store, aid, "Beta two and gamma three."))
    a, b = store.split_sentence(beta.id, beta.text.index("and"))
    store.set_verdict(a, Verdict.VERIFIED, note="beta")
    store.set_verdict(b, Verdict.DISPUTED, note="gamma")
    path.write_text(f"{second}\n\n{first}\n", encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.gone, result.cuts_lost) == (0, 0)
    assert reviewed(store, aid)[5:9] == [
        ("Alpha came first.", None, ""),
        ("Beta two", "verified", "beta"),
        ("and gamma three.", "disputed", "gamma"),
        ("Delta came last.", None, ""),
    ]
    positions_hold(store, aid)


def test_a_rewrapped_paragraph_keeps_its_split_and_no_review_is_marked_changed(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """A hard-wrapped file, a word edited early in a paragraph: the lines after it wrap
    elsewhere, their words the same."""
    text = (
        "The council met on Monday. Officials\nsaid the budget was balanced and the\n"
        "deficit had closed. Nobody asked why.\n\nSecond paragraph here.\n"
    )
    path, aid = start(tmp_path, store, settings, text)
    officials = store.sentences_of(aid)[1]
    a, b = store.split_sentence(officials.id, officials.text.index("and"))
    store.set_verdict(a, Verdict.VERIFIED)
    store.set_verdict(b, Verdict.DISPUTED)
    edited = (
        "The council met on Tuesday evening.\nOfficials said the budget was balanced\n"
        "and the deficit had closed. Nobody asked\nwhy.\n\nSecond paragraph here.\n"
    )
    path.write_text(edited, encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert (result.gone, result.changed, result.cuts_lost) == (0, (), 0)
    assert [(s.text, s.text_changed) for s in store.sentences_of(aid)][1:3] == [
        ("Officials said the budget was balanced", False),
        ("and the deficit had closed.", False),
    ]
    positions_hold(store, aid)


def test_a_join_the_new_paragraphs_part_is_not_kept_and_the_first_part_keeps_its_review(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    text = "Alpha one is here. Delta four. Epsilon five.\n\nZeta six came.\n"
    path, aid = start(tmp_path, store, settings, text)
    delta = at(store, aid, "Delta four.")
    store.set_verdict(delta, Verdict.OPINION, note="about delta")
    store.add_evidence(delta, url="https://e.example/1", title="E")
    store.join_sentences(delta)
    path.write_text(text.replace("four. Epsilon", "four.\n\nEpsilon"), encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert result.cuts_lost == 1
    assert "1 of your joins and splits not kept where the text changed" in result.describe()
    now = [(s.paragraph, s.text, s.note, s.evidence_count) for s in store.sentences_of(aid)]
    assert now == [
        (1, "Alpha one is here.", "", 0),
        (1, "Delta four.", "about delta", 1),
        (2, "Epsilon five.", "", 0),
        (3, "Zeta six came.", "", 0),
    ]
    positions_hold(store, aid)


def test_a_joined_stretch_is_found_by_any_sentence_in_it_that_is_once_in_each_text(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    text = "He said. Then he left.\n\nOne came early. He said. Prices rose ten percent. Two came.\n"
    path, aid = start(tmp_path, store, settings, text)
    said = at(store, aid, "He said.", 1)
    store.set_verdict(said, Verdict.DISPUTED, note="joined")
    store.join_sentences(said)
    path.write_text(text.replace("early", "very early").replace("came.", "came later."))
    assert import_source(store, str(path), settings).cuts_lost == 0
    assert ("He said. Prices rose ten percent.", "disputed", "joined") in reviewed(store, aid)


def test_a_sentence_whose_only_review_is_a_claimant_is_reported_gone(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    text = "The minister said taxes would fall next year. Nobody believed it.\n"
    path, aid = start(tmp_path, store, settings, text)
    store.set_claimant(
        at(store, aid, "The minister said taxes would fall next year."), "the minister"
    )
    path.write_text("Taxes will rise instead. Nobody believed it.\n", encoding="utf-8")
    result = import_source(store, str(path), settings)
    assert result.gone == 1
    assert result.notices() == [(f"“{result.article.title}” {result.describe()}.", True)]


def test_reviews_of_repeated_sentences_go_with_their_moved_paragraph(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    mayor = "The mayor spoke first."
    x, y, z = (
        f"Rain fell hard. {mayor}",
        f"{mayor} {mayor} Nobody knew why.",
        f"{mayor} She agreed.",
    )
    path, aid = start(tmp_path, store, settings, f"{x}\n\n{y}\n\n{z}\n")
    store.set_verdict(at(store, aid, mayor, 1), Verdict.VERIFIED, note="y first")
    store.set_verdict(at(store, aid, mayor, 2), Verdict.DISPUTED, note="y second")
    path.write_text(f"{x}\n\n{z}\n\n{y}\n", encoding="utf-8")
    import_source(store, str(path), settings)
    assert [(s.paragraph, s.note) for s in store.sentences_of(aid)] == [
        (1, ""), (1, ""), (2, ""), (2, ""), (3, "y first"), (3, "y second"), (3, ""),
    ]  # fmt: skip


def test_a_reimport_keeps_the_title_and_metadata_the_reviewer_set(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    from workbench.importer import Info

    path = tmp_path / "story.txt"
    path.write_text("Budget talks stall in the capital\n\nThe talks stalled. Nobody knows why.\n")
    info = Info.checked("2026-03-01", ("Jo Reporter",), "Example News")
    aid = import_source(store, str(path), settings, title="My title", info=info).article.id
    path.write_text("Budget talks stall in the\ncapital\n\nThe talks stalled. Nobody knows why.\n")
    import_source(store, str(path), settings)
    a = store.article(aid)
    assert (a.title, a.published, a.authors, a.outlet) == (
        "My title", "2026-03-01", ("Jo Reporter",), "Example News",
    )  # fmt: skip
    path.write_text("Budget talks stall\n\nThe talks stalled. Nobody knows why at all.\n")
    import_source(store, str(path), settings, title="Another title")  # given: it is set
    assert store.article(aid).title == "Another title"


def test_a_restore_that_replaces_the_text_says_which_reviews_went_with_it(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    text = "Title\n\nThe minister said it. Economists disputed it. They ignore spending.\n"
    path, aid = start(tmp_path, store, settings, text)
    joined = at(store, aid, "Economists disputed it.")
    store.set_verdict(joined, Verdict.VERIFIED, note="the older review")
    store.join_sentences(joined)
    old = tmp_path / "old.json"
    old.write_text(render(store.report(aid), "json"), encoding="utf-8")
    path.write_text(text.replace("disputed", "questioned"), encoding="utf-8")
    import_source(store, str(path), settings)
    store.set_verdict(at(store, aid, "Economists questioned it."), Verdict.DISPUTED)
    result = import_source(store, str(old), settings)
    assert result.gone == 1 and result.restored is not None
    assert "1 reviewed sentence here gone with the text it had" in result.describe()
    from workbench.cli import _imported_dict

    said = _imported_dict(result)
    assert (said["reviewed_gone"], said["restored"]["text_replaced"]) == (1, True)


def test_a_split_past_the_sentence_is_refused_as_any_other(store: Store, tmp_path: Path) -> None:
    from workbench.errors import ValidationError

    _, aid = start(tmp_path, store, Settings(), "One claim here. Another one.\n")
    s = store.sentence_at(aid, 1)
    for at_ in (0, len(s.text), len(s.text) + 5, -3):
        with pytest.raises(ValidationError, match="both parts need some text"):
            store.split_sentence(s.id, at_)
