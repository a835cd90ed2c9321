"""The marks every list, pane and report shows come from model.py alone."""

from __future__ import annotations

from workbench.model import UNREVIEWED_SYMBOL, CrossRef, Sentence, Verdict, XrefStatus, badge


def test_a_badge_is_the_verdict_s_symbol_and_word() -> None:
    assert [badge(v) for v in (*Verdict, None)] == [
        "✔ verified", "✘ disputed", "◆ opinion", "· unreviewed"]  # fmt: skip
    assert badge(Verdict.DISPUTED, capital=True) == "✘ Disputed"
    assert badge(None, capital=True) == f"{UNREVIEWED_SYMBOL} Unreviewed"
    assert len({v.symbol for v in Verdict} | {UNREVIEWED_SYMBOL}) == 4  # told apart without colour


def test_match_marks() -> None:
    assert [s.mark for s in XrefStatus] == ["≈", "≡", "×"]
    s = Sentence(1, 1, 1, 1, 0, 4, "k", "Text")
    assert s.xref_mark == ""
    assert Sentence(1, 1, 1, 1, 0, 4, "k", "Text", xref_count=2).xref_mark == "≈"
    strong = Sentence(1, 1, 1, 1, 0, 4, "k", "Text", xref_count=1, strong_xref=True)
    assert strong.xref_mark == XrefStatus.CONFIRMED.mark


def test_a_strong_match_shows_the_mark_its_sentence_s_row_shows() -> None:
    def ref(status: XrefStatus, strong: bool, under: bool = False) -> CrossRef:
        return CrossRef(1, 1, "sentence", 2, 90.0, "m", status, strong, "T", "S", None,
                        under_suggest=under)  # fmt: skip

    row = Sentence(1, 1, 1, 1, 0, 4, "k", "Text", xref_count=1, strong_xref=True)
    strong = ref(XrefStatus.SUGGESTED, True)
    assert strong.glyph == row.xref_mark == "≡"
    assert strong.label == "≡ strong suggested"
    assert ref(XrefStatus.SUGGESTED, False).label == "≈ suggested"
    assert ref(XrefStatus.SUGGESTED, False, under=True).label == "· possible"
    assert ref(XrefStatus.REJECTED, True).label == "× rejected"
    assert ref(XrefStatus.CONFIRMED, False).label == "≡ confirmed"
