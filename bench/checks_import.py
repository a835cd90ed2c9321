"""A large ``workbench checks import``: time and peak memory, as the command runs it.

    python bench/checks_import.py [--rows 1000000] [--articles 10]

Writes a CSV of N generated fact-checks (claims of 8-25 words drawn with real
claims' word frequencies, as bench/xref_scale.py makes them), imports the
sample and a few generated articles, then runs the installed command
``workbench checks import`` on the file in a process of its own and reports
its wall time and peak resident memory (the target: a million rows in under
2 minutes, in memory that does not grow with the file).  The import limit is raised
to the file's size for the run (``WORKBENCH_MAX_MB``): a million rows are 184 MB.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import sentences
from bench.xref_scale import DATA, corpus

BIN = Path(sys.executable).parent / "workbench"


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak resident memory in MB, stdout) of one command in a process of its
    own.  The peak is the process's own high-water mark after it started (/proc), read as it
    runs: a fork's rusage would count this script's memory too."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            peak = max(peak, next(int(x.split()[1]) for x in status.splitlines()
                                  if x.startswith("VmHWM")))  # fmt: skip
        except (OSError, StopIteration):
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()}")
    return wall, peak / 1024, out.decode()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "WORKBENCH_DB": f"{tmp}/checks.db", "WORKBENCH_CONFIG": f"{tmp}/none",
               "XDG_CACHE_HOME": f"{tmp}/cache"}  # fmt: skip
        path = Path(tmp) / "checks.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(
                f, fieldnames=["claim", "title", "rating", "url", "publisher", "date"]
            )
            writer.writeheader()
            for start in range(0, args.rows, 100_000):
                rows = corpus(
                    min(100_000, args.rows - start), DATA / "verified_claims.tsv", seed=start
                )
                for i, row in enumerate(rows):
                    row["url"] = f"https://checks.example/{start + i}"
                writer.writerows(rows)
        size = path.stat().st_size / 1024 / 1024
        env["WORKBENCH_MAX_MB"] = str(int(size) + 1)  # the file is far past the default limit
        run(
            [
                str(BIN),
                "import",
                str(Path(__file__).parent.parent / "seeds" / "us-troops-syria-withdrawal.txt"),
            ],
            env,
        )
        for n in range(args.articles):
            article = Path(tmp) / f"article{n}.txt"
            article.write_text(
                "\n\n".join(" ".join(sentences(4, seed=100 * n + k)) for k in range(10))
            )
            run([str(BIN), "import", str(article)], env)
        wall, rss, out = run([str(BIN), "checks", "import", str(path)], env)
        print(
            f"{args.rows:,} fact-checks ({size:.0f} MB of CSV), {args.articles + 1} articles stored"
        )
        print(f"workbench checks import: {wall:.1f} s, peak memory {rss:.0f} MB")
        print(f"  it said: {out.strip()}")


if __name__ == "__main__":
    main()
