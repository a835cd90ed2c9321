"""Exporting a review in every format, as ``workbench export ARTICLE -o FILE`` does it.

Each export is the whole path a user runs: the report snapshot read from the
store, rendered piece by piece and written to a file.  The review has a
verdict on every sentence (each a second after the one before), a note on every
third, evidence on every tenth.
Sizes: 15, 10,000 and 100,000 sentences by default (``--sentences``); the
figures are the median of ``--runs`` runs, in CPU time (what the export
costs, whatever else the machine runs) beside wall time, with the ratio of
the two largest sizes (10 for 10,000 and 100,000 is linear growth).  Each
export runs in a process of its own, as ``workbench export`` does; beside it
the whole command's CPU time (start-up, imports, opening the database).
Target: every export of 100,000 sentences under 1 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import article
from workbench.collection import collection_paused
from workbench.model import Document
from workbench.report import EXTENSIONS, FORMATS, ReportOptions, pieces, write_report
from workbench.segment import segment
from workbench.store import Store

BIN = Path(sys.executable).parent / "workbench"


def build(store: Store, n: int) -> int:
    """The review, written in one transaction straight into the tables (set-up, not measured:
    through the Store's one-change-at-a-time API, 100,000 verdicts take minutes)."""
    text = article(n)
    a = store.import_article(Document(f"bench {n}", text, f"bench-{n}"), segment(text)).article
    verdicts = ["verified", "disputed", "opinion"]
    at = "2026-01-02T03:04:05+00:00"
    start = datetime.fromisoformat(at)
    ids = [s.id for s in store.sentences_of(a.id)]
    with store.conn:
        store.conn.executemany(  # each verdict given a second after the one before
            "INSERT INTO reviews (sentence_id, verdict, note, flagged, reviewer, reviewed_at)"
            " VALUES (?, ?, ?, 0, 'bench', ?)",
            [(sid, verdicts[i % 3], f"Checked against source {i}." if i % 3 == 0 else "",
              (start + timedelta(seconds=i)).isoformat()) for i, sid in enumerate(ids)],
        )  # fmt: skip
        for i, sid in enumerate(ids[::10]):
            eid = store.conn.execute(
                "INSERT INTO evidence (url, title, quote, stance, note, reviewer, created_at)"
                " VALUES (?, ?, 'a quoted line', 'supports', '', 'bench', ?)",
                [f"https://example.org/{i * 10}", f"Source {i * 10}", at],
            ).lastrowid
            store.conn.execute(
                "INSERT INTO evidence_links (evidence_id, sentence_id, reviewer, linked_at)"
                " VALUES (?, ?, 'bench', ?)",
                [eid, sid, at],
            )
    return a.id


def export(db: Path, article_id: int, fmt: str, path: Path, repeat: int = 1) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one export to a file, snapshot included, in a process
    of its own, as ``workbench export`` runs it (a process that also built the review is
    slower to read it back: its heap is large and scattered); with ``repeat``, the best of
    that many exports in the process (what a busy spell of the machine disturbs least)."""
    out = subprocess.run(
        [sys.executable, __file__, "--export-once", str(db), str(article_id), fmt, str(path),
         "--repeat", str(repeat)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    cpu, wall = json.loads(out)
    return cpu, wall


def export_once(db: Path, article_id: int, fmt: str, path: Path, repeat: int) -> None:
    store = Store(db, reviewer="bench")
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        with collection_paused():  # as `workbench export` writes a file
            write_report(pieces(store.report(article_id), fmt, ReportOptions()), path)
        best = min(best, (time.process_time() - c0, time.perf_counter() - w0))
    print(json.dumps(best))
    store.close()


def command(db: Path, article_id: int, fmt: str, path: Path) -> float:
    """CPU seconds of the whole command, ``workbench export N -f FMT -o FILE``: start-up,
    imports, opening the database, the export."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [str(BIN), "--db", str(db), "export", str(article_id), "-f", fmt, "-o", str(path)],
        check=True, capture_output=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def snapshot_once(db: Path, article_id: int) -> None:
    store = Store(db, reviewer="bench")
    c0 = time.process_time()
    store.report(article_id)
    print(json.dumps(time.process_time() - c0))
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, nargs="+", default=[15, 10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=1,
                    help="exports in each process, the best kept (default 1: the first)")  # fmt: skip
    ap.add_argument("--best", action="store_true",
                    help="the best of the runs instead of their median")  # fmt: skip
    ap.add_argument("--export-once", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--snapshot-once", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.export_once:
        db, aid, fmt, path = args.export_once
        export_once(Path(db), int(aid), fmt, Path(path), args.repeat)
        return
    if args.snapshot_once:
        snapshot_once(Path(args.snapshot_once[0]), int(args.snapshot_once[1]))
        return
    sizes = sorted(args.sentences)
    pick = min if args.best else statistics.median
    cpu: dict[tuple[str, int], float] = {}
    wall: dict[tuple[str, int], float] = {}
    whole: dict[tuple[str, int], float] = {}
    mb: dict[tuple[str, int], float] = {}
    snap: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store(db, reviewer="bench")
        ids = {n: build(store, n) for n in sizes}
        store.close()
        for n in sizes:
            aid = ids[n]
            snap[n] = pick(
                json.loads(subprocess.run(
                    [sys.executable, __file__, "--snapshot-once", str(db), str(aid)],
                    check=True, capture_output=True, text=True,
                ).stdout)
                for _ in range(args.runs)
            )  # fmt: skip
            for fmt in FORMATS:
                path = Path(tmp) / f"out{EXTENSIONS[fmt]}"
                runs = [export(db, aid, fmt, path, args.repeat) for _ in range(args.runs)]
                cpu[fmt, n] = pick(r[0] for r in runs)
                wall[fmt, n] = pick(r[1] for r in runs)
                mb[fmt, n] = path.stat().st_size / 1e6
                whole[fmt, n] = pick(command(db, aid, fmt, path) for _ in range(args.runs))
    low = sizes[-2] if len(sizes) > 1 else sizes[0]  # the ratio of the two largest: 10 is linear
    best = f" (each the best of {args.repeat} in the process)" if args.repeat > 1 else ""
    kind = "best" if args.best else "median"
    print(f"{kind} of {args.runs} runs, each in a process of its own{best}; CPU seconds of the"
          " export (wall), the report written to a file; [the whole command's CPU seconds]")  # fmt: skip
    print(f"{'format':<13}" + "".join(f"{f'{n:,} sentences':>34}" for n in sizes)
          + f"{'ratio ' + f'{sizes[-1]:,}/{low:,}':>22}")  # fmt: skip
    print(f"{'(snapshot)':<13}" + "".join(f"{snap[n]:>34.3f}" for n in sizes))
    for fmt in FORMATS:
        cells = "".join(
            f"{f'{cpu[fmt, n]:.3f} ({wall[fmt, n]:.3f}) [{whole[fmt, n]:.2f}] {mb[fmt, n]:.1f} MB':>34}"
            for n in sizes
        )
        print(f"{fmt:<13}{cells}{cpu[fmt, sizes[-1]] / max(cpu[fmt, low], 1e-9):>22.1f}")


if __name__ == "__main__":
    main()
