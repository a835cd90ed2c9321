"""Hypothesis: any sequence of changes undoes back to the start and redoes to the end."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import Document, Verdict
from workbench.segment import segment
from workbench.store import Store

TEXT = "One claim is here. Two claims are there. Three claims stand. Four is the last one."

OPS = st.lists(
    st.tuples(
        st.sampled_from(["verdict", "note", "flag", "evidence", "join", "split"]),
        st.integers(1, 4),
        st.sampled_from([None, *Verdict]),
    ),
    max_size=12,
)


def state(store: Store, aid: int) -> list[tuple]:
    return [
        (s.text, s.verdict, s.note, s.flagged, tuple(e.id for e in store.evidence_of(s.id)))
        for s in store.sentences_of(aid)
    ]


@settings(max_examples=40, deadline=None)
@given(OPS)
def test_undo_all_then_redo_all(ops: list) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "u.db") as store:
        aid = store.import_article(Document("T", TEXT, "/t.txt"), segment(TEXT)).article.id
        start = state(store, aid)
        done = 0
        for op, position, verdict in ops:
            ss = store.sentences_of(aid)
            s = ss[min(position, len(ss)) - 1]
            before = len(store.history(aid, limit=10_000))
            try:
                if op == "verdict":
                    store.set_verdict(s.id, verdict)
                elif op == "note":
                    store.set_note(s.id, f"note {position}")
                elif op == "flag":
                    store.toggle_flag(s.id)
                elif op == "evidence":
                    store.add_evidence(s.id, url=f"https://e.example/{position}", title="E")
                elif op == "join":
                    store.join_sentences(s.id)
                else:
                    store.split_sentence(s.id, len(s.text) // 2)
            except Exception as exc:  # refused edits (last sentence, empty part) change nothing
                assert type(exc).__name__ == "ValidationError"
            if len(store.history(aid, limit=10_000)) > before:
                done += 1
        end = state(store, aid)
        for _ in range(done):
            assert store.undo(aid) is not None
        assert store.undo(aid) is None
        assert state(store, aid) == start
        for _ in range(done):
            assert store.redo(aid) is not None
        assert state(store, aid) == end
