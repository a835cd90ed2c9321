"""The ``workbench`` command: parse, call the library, print.  No logic of its own.

Exit status: 0 on success, 1 on a user error (one line on stderr), 2 on bad usage.
"""

from __future__ import annotations

import dataclasses
import errno
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from workbench import __version__
from workbench.config import Settings, default_db_path, load_settings
from workbench.errors import (
    DatabaseError,
    InputError,
    NotFoundError,
    ValidationError,
    WorkbenchError,
)
from workbench.safe_text import for_terminal, json_dumps
from workbench.validate import is_web_url

if TYPE_CHECKING:  # imported lazily at run time to keep start-up fast
    from workbench.store import Store


ID = click.IntRange(1, 2**63 - 1)  # article and sentence numbers: what SQLite can hold


class Percent(click.FloatRange):
    """A number from 0 to 100 (``nan`` is none: it compares with nothing)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number from 0 to 100.", param, ctx)
        return number


PERCENT = Percent(0, 100)


class UserError(click.ClickException):
    """A WorkbenchError on its way out: one line, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"workbench: error: {for_terminal(self.message)}", err=True)


class Group(click.Group):
    """Turns library errors into one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            raise UserError(exc.message) from None


class Context:
    """What every command needs: the settings and, lazily, the store."""

    def __init__(self, db_path: Path, settings: Settings, *, named: bool = False) -> None:
        self.db_path = db_path
        self.settings = settings
        self.named = named  # by --db or WORKBENCH_DB, not the default
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from workbench.store import Store

            if self.named:
                _check_folder(self.db_path)
            self._store = Store(self.db_path, reviewer=self.settings.reviewer)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_ctx = click.make_pass_decorator(Context)


def _check_folder(db_path: Path) -> None:
    """A database named with --db (or WORKBENCH_DB) goes in a folder that exists: a typing
    slip must not make folders and an empty database (the default folder is made)."""
    folder = db_path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise DatabaseError(f"the database's folder {folder} {what} (check --db or WORKBENCH_DB)")


@click.group(cls=Group, invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="WORKBENCH_DB",
    help="Database file (env WORKBENCH_DB; default in the user data directory).",
)
@click.option("--reviewer", envvar="WORKBENCH_REVIEWER", help="Your name on every change.")
@click.version_option(__version__, prog_name="workbench")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, reviewer: str | None) -> None:
    """A keyboard-first fact-check workbench for the terminal.

    With no command, opens the review screen (on a new database, on the
    bundled sample article).
    """
    try:
        settings = load_settings()
    except WorkbenchError as exc:
        raise UserError(exc.message) from None
    if reviewer:
        from dataclasses import replace

        settings = replace(settings, reviewer=reviewer)
    # "~" as the shell would have it: the folder checked is the one the database goes in
    named = db_path.expanduser() if db_path is not None else None
    ctx.obj = Context(named or default_db_path(), settings, named=named is not None)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        _launch(ctx.obj, None)


def _launch(
    obj: Context, article_id: int | None, notices: list[tuple[str, bool]] | None = None
) -> None:
    """Open the review screen; ``notices`` (message, is a warning) are shown on it, and on
    standard error first, where they stay once the screen is closed."""
    from workbench.tui.launch import launch

    for message, warning in notices or []:
        click.echo(f"workbench: {'warning: ' if warning else ''}{_plain(message)}", err=True)
    code = launch(obj.store, obj.settings, article_id, notices=notices)
    if code:
        sys.exit(code)  # the app ended on an error: it said so, and so does the status


@cli.command("open")
@click.argument("source", required=False)
@click.option("--paste", is_flag=True, help="Import the clipboard's text.")
@click.option("--title", help="Title for the article (default: from the text).")
@pass_ctx
def open_cmd(obj: Context, source: str | None, paste: bool, title: str | None) -> None:
    """Import SOURCE if it is new (else reuse it) and open it for review.

    SOURCE may also be the id of a stored article (see: workbench list), when
    no file has that name.
    """
    from workbench.importer import import_source, import_text

    if paste == (source is not None):
        raise click.UsageError("give a SOURCE or --paste (not both)")
    if source is not None and re.fullmatch(r"[0-9]{1,18}", source) and not Path(source).exists():
        if title is not None:
            raise click.UsageError("--title applies to a SOURCE being imported, not an article id")
        _launch(obj, obj.store.article(int(source)).id)
        return
    if paste:
        from workbench.clipboard import paste_text

        result = import_text(obj.store, paste_text(), obj.settings)
    else:
        assert source is not None  # one of the two, checked above
        result = import_source(obj.store, source, obj.settings, title=title)
    _launch(obj, result.article.id, result.notices())


@cli.command("import")
@click.argument("sources", nargs=-1)
@click.option("--paste", is_flag=True, help="Import the clipboard's text as well.")
@click.option("--title", help="Title for the article (one SOURCE only).")
@click.option("--url", help="URL where the article was published (one SOURCE only).")
@click.option("--published", help="When it was published: 2026-03-01 or 2026-03-01T09:30+01:00.")
@click.option("--author", "authors", multiple=True, help="An author (repeat for several).")
@click.option("--outlet", help="The publication: BBC News, Reuters.")
@click.option(
    "--replace",
    is_flag=True,
    help="A JSON report's reviews replace the stored ones (default: the newer wins).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def import_cmd(
    obj: Context,
    sources: tuple[str, ...],
    paste: bool,
    title: str | None,
    url: str | None,
    published: str | None,
    authors: tuple[str, ...],
    outlet: str | None,
    replace: bool,
    as_json: bool,
) -> None:
    """Import articles without opening them (files, URLs, - for stdin, JSON reports).

    The title, URL, publication date, authors and outlet given win over what the
    source says (an HTML page's metadata).
    """
    from workbench.importer import Info, import_source, import_text

    if not sources and not paste:
        raise click.UsageError("give at least one SOURCE (or --paste)")
    given = title or url or published or authors or outlet
    if given and len(sources) + paste > 1:
        raise click.UsageError(
            "--title, --url, --published, --author and --outlet apply to a single SOURCE"
        )
    info = Info.checked(published, authors, outlet)
    # Each source on its own: one that can't be imported is named on standard error and
    # the others are imported still (each its own step); the status is then 1.
    results: list[tuple[str, Any]] = []
    failed = 0
    for source, pasted in [*((s, False) for s in sources), *([("clipboard", True)] * paste)]:
        try:
            if pasted:
                from workbench.clipboard import paste_text

                imported = import_text(obj.store, paste_text(), obj.settings)
            else:
                imported = import_source(
                    obj.store, source, obj.settings, title=title, url=url,
                    stdin=sys.stdin.buffer, progress=_progress("cross-referencing"),
                    replace=replace, info=info,
                )  # fmt: skip
        except (InputError, ValidationError, NotFoundError) as exc:
            if len(sources) + paste == 1:
                raise
            failed += 1
            click.echo(f"workbench: error: {for_terminal(exc.message)}", err=True)
            continue
        results.append((source, imported))
    for _, r in results:  # on standard error, with --json too (its "warnings" say the same)
        for warning in r.warnings:
            click.echo(f"workbench: warning: {_plain(warning)}", err=True)
    if as_json:
        _echo_json([{"source": source, **_imported_dict(r)} for source, r in results])
    else:
        for _, r in results:
            what = r.describe()
            count = r.article.counts.sentences
            note = f" ({what})" if what else ""
            click.echo(f"{r.article.id}\t{_plain(r.article.title)}\t{count} sentences{note}")
    if failed:
        raise SystemExit(1)


def _imported_dict(r: Any) -> dict[str, Any]:
    out = {
        "id": r.article.id,
        "title": r.article.title,
        **_article_info(r.article),
        "sentences": r.article.counts.sentences,
        "status": r.status,
        "crossrefs": r.matches,
        "text_changed": list(r.changed),
        "reviewed_gone": r.gone,
        "cuts_not_kept": r.cuts_lost,
        "warnings": list(r.warnings),
    }
    if r.restored is not None:
        out["restored"] = {"taken": r.restored.taken, "kept": r.restored.kept,
                           "same": r.restored.same,
                           "not_restored": list(r.restored.unplaced),
                           "text_replaced": r.restored.stored.status == "updated"}  # fmt: skip
    return out


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_cmd(obj: Context, as_json: bool) -> None:
    """Articles with their sentence count and counts per verdict."""
    articles = obj.store.articles()
    if as_json:
        _echo_json(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "source": a.source,
                    **_article_info(a),
                    **a.counts.as_dict(),
                }
                for a in articles
            ]
        )
        return
    if not articles:
        click.echo("no articles yet: workbench import FILE")
        return
    click.echo("id\tsentences\tverified\tdisputed\topinion\tunreviewed\tflagged\ttitle")
    for a in articles:
        c = a.counts
        click.echo(
            f"{a.id}\t{c.sentences}\t{c.verified}\t{c.disputed}\t{c.opinion}\t"
            f"{c.unreviewed}\t{c.flagged}\t{_plain(a.title)}"
        )


@cli.command("tag")
@click.argument("article", type=ID)
@click.argument("position", type=ID)
@click.argument("verdict")
@click.option("--note", help="Why: stored with the verdict.")
@click.option("--claimant", help="Who made the claim (a person or an organisation).")
@pass_ctx
def tag_cmd(
    obj: Context, article: int, position: int, verdict: str, note: str | None,
    claimant: str | None,
) -> None:  # fmt: skip
    """Set the verdict of sentence POSITION (verified, disputed, opinion, none)."""
    from workbench.model import Verdict

    value = Verdict.parse(verdict)
    store = obj.store
    sentence = store.set_verdict(
        store.sentence_at(article, position).id, value, note=note, claimant=claimant
    )
    click.echo(f"{article}:{position}\t{sentence.verdict or 'none'}\t{_plain(sentence.text)}")


@cli.command("export")
@click.argument("article", type=ID)
@click.option("-f", "--format", "fmt", help="md, html, json, jsonl, csv or claimreview.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write.")
@click.option(
    "--base-url", help="ClaimReview: the address the reviews are published at (over the settings)."
)
@click.option(
    "--strict", is_flag=True,
    help="ClaimReview: refuse to write what could not be published (no publisher, no URL).",
)  # fmt: skip
@pass_ctx
def export_cmd(
    obj: Context, article: int, fmt: str | None, output: Path | None, base_url: str | None,
    strict: bool,
) -> None:  # fmt: skip
    """Write the review report (stdout when no -o; format from the extension)."""
    from workbench import report
    from workbench.collection import collection_paused

    if fmt is not None and fmt.lower() not in report.FORMATS:  # bad usage: status 2
        raise click.BadParameter(
            f"{fmt!r} is not a report format (choose one of: {', '.join(report.FORMATS)})",
            param_hint="'-f'",
        )
    if fmt is None:
        fmt = (report.format_for_path(output) if output else None) or "md"
        if output is not None and output.suffix and report.format_for_path(output) is None:
            raise ValidationError(
                f"no report format is named {output.suffix} ({output.name}): give -f (md,"
                " html, json, jsonl, csv or claimreview), or name the file .md, .html, .json,"
                " .jsonl, .csv or .claimreview.json"
            )
    options = report.ReportOptions.from_settings(obj.settings)
    if base_url is not None:
        if not is_web_url(base_url.strip()):
            raise ValidationError(
                "--base-url must be an http(s) address, like https://example.org/"
            )
        options = dataclasses.replace(options, base_url=base_url.strip())
    with collection_paused():  # and the report gone before it resumes (see its module)
        data = obj.store.report(article)
        if fmt.lower() == "claimreview":
            from workbench.report.claimreview import problems

            found = problems(data, options)
            if found and strict:
                raise ValidationError("not publishable as ClaimReview: " + "; ".join(found))
            for line in found[:5]:
                click.echo(f"warning: ClaimReview {for_terminal(line)}", err=True)
            if len(found) > 5:
                click.echo(f"warning: and {len(found) - 5} more", err=True)
        if output is None:  # written as it comes: any size streams
            on_terminal = sys.stdout.isatty()  # a terminal: nothing in the text may drive it
            for piece in _batched(report.stream(data, fmt, options)):
                click.echo(for_terminal(piece, lines=True) if on_terminal else piece, nl=False)
        else:
            report.write_report(report.pieces(data, fmt, options), output)
        del data
    if output is not None:
        click.echo(f"wrote {output}", err=True)


def _batched(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Small pieces gathered into writes of about ``size`` characters."""
    held: list[str] = []
    n = 0
    for chunk in chunks:
        held.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(held)
            held, n = [], 0
    if held:
        yield "".join(held)


@cli.group("checks")
def checks_group() -> None:
    """Known fact-checks: published checks a claim can be matched against."""


@checks_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def checks_import_cmd(obj: Context, file: Path, as_json: bool) -> None:
    """Import fact-checks from ClaimReview JSON-LD, or CSV/TSV with a header.

    The header names the columns claim, title, rating, url, publisher, date.
    """
    from workbench import matching
    from workbench.factchecks import FactCheckFile, import_fact_checks, reasons, settle_index

    source = FactCheckFile(file, max_bytes=obj.settings.max_import_bytes)
    for warning in source.warnings:
        click.echo(f"workbench: warning: {_plain(warning)}", err=True)
    store = obj.store
    first_id = store.next_fact_check_id()
    show = _progress("storing fact-checks", every=10_000)
    added = read = 0
    for chunk in source.chunks():
        added += len(import_fact_checks(store, chunk))
        read += len(chunk)
        if show is not None:
            show(read, source.count)
    settle_index(store, added)
    matches = 0
    if added:
        matches = matching.match_fact_checks(store, first_id, matching.settings_from(obj.settings),
                                             progress=_progress("matching articles"))  # fmt: skip
    skipped = read - added
    if as_json:
        _echo_json({"read": read, "added": added, "skipped": skipped, "crossrefs": matches,
                    "left_out": dict(source.skipped.most_common()),
                    "warnings": list(source.warnings)})  # fmt: skip
        return
    left_out = sum(source.skipped.values())
    why = f", {left_out} left out ({reasons(source.skipped)})" if left_out else ""
    click.echo(f"{added} fact-checks added, {skipped} already known{why}; {matches} matches")


@checks_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def checks_list_cmd(obj: Context, as_json: bool) -> None:
    """The known fact-checks: id, rating, publisher, claim."""
    checks = obj.store.fact_checks()
    if as_json:
        _echo_json([vars(f) for f in checks])
        return
    if not checks:
        click.echo("no fact-checks yet: workbench checks import FILE")
    for f in checks:
        click.echo(f"{f.id}\t{_plain(f.rating)}\t{_plain(f.publisher)}\t{_plain(f.claim)[:120]}")


@cli.command("search")
@click.argument("text")
@click.option("-n", "--limit", type=click.IntRange(1, 100_000), default=200,
              help="At most this many sentences.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def search_cmd(obj: Context, text: str, limit: int, as_json: bool) -> None:
    """Sentences of every article holding every word of TEXT, with their verdicts."""
    found = obj.store.search_all(text, limit=limit)
    if as_json:
        _echo_json([{"article_id": s.article_id, "article_title": title,
                     "position": s.position, "text": s.text,
                     "verdict": s.verdict.value if s.verdict else None,
                     "claimant": s.claimant} for s, title in found])  # fmt: skip
        return
    if not found:
        click.echo(f"no sentence holds {_plain(text)!r}", err=True)
    for s, title in found:
        claimant = _plain(s.claimant) if s.claimant else "-"
        click.echo(f"{s.article_id}:{s.position}\t{s.verdict or '-'}\t{claimant}"
                   f"\t{_plain(title)[:40]}\t{_plain(s.text)}")  # fmt: skip


@cli.command("xref")
@click.argument("article", type=ID, required=False)
@click.option("--min-score", type=PERCENT, default=0.0,
              help="Show only matches at least this likely (percent).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def xref_cmd(obj: Context, article: int | None, min_score: float, as_json: bool) -> None:
    """(Re)compute cross-references (of ARTICLE, or of everything) and print them."""
    from workbench import matching

    store, settings = obj.store, matching.settings_from(obj.settings)
    if article is None:
        matching.rebuild(store, settings, progress=_progress("cross-referencing articles"))
        articles = [a.id for a in store.articles()]
    else:
        store.article(article)
        matching.match_article(store, article, settings, progress=_progress("cross-referencing"))
        articles = [article]
    rows = []
    for aid in articles:
        for s in store.sentences_of(aid):
            for ref in store.crossrefs_of(s.id):
                if ref.score >= min_score:
                    rows.append((aid, s, ref))
    if as_json:
        _echo_json([
            {"article": aid, "position": s.position, "text": s.text, "score": r.score,
             "kind": r.kind, "status": r.status.value, "strong": r.strong,
             "possible": r.possible, "target_article": r.target_article_id,
             "target_position": r.target_position,
             "target_text": r.text, "source": r.source, "verdict": r.verdict, "url": r.url}
            for aid, s, r in rows
        ])  # fmt: skip
        return
    if not rows:
        click.echo("no cross-references")
    for aid, s, r in rows:
        where = (f"{r.target_article_id}:{r.target_position}" if r.kind == "sentence"
                 else f"check {r.target_id}")  # fmt: skip
        click.echo(
            f"{aid}:{s.position}\t{r.score:.0f}%\t{r.state}\t{where}\t{_plain(r.text)[:100]}"
        )


@cli.command("undo")
@click.argument("article", type=ID, required=False)
@pass_ctx
def undo_cmd(obj: Context, article: int | None) -> None:
    """Undo your last change to ARTICLE (without one: your last article deletion).

    Refused, with what changed, by whom and when, if anyone changed it since.
    """
    _replay(obj, article, undo=True)


@cli.command("redo")
@click.argument("article", type=ID, required=False)
@pass_ctx
def redo_cmd(obj: Context, article: int | None) -> None:
    """Redo the change you undid last in ARTICLE (refused like undo)."""
    _replay(obj, article, undo=False)


def _article_info(a: Any) -> dict[str, Any]:
    """The metadata ``list --json`` and ``import --json`` carry for an article."""
    return {"url": a.url, "published": a.published, "authors": list(a.authors),
            "outlet": a.outlet, "imported_at": a.imported_at}  # fmt: skip


def _replay(obj: Context, article: int | None, *, undo: bool) -> None:
    store = obj.store
    if article is not None:
        store.article(article)
    change = store.undo(article) if undo else store.redo(article)
    word = "undo" if undo else "redo"
    if change is None:
        what = f"in article {article}" if article is not None else "(an article deletion)"
        raise UserError(f"nothing of yours ({store.reviewer}) to {word} {what}")
    click.echo(f"{'undone' if undo else 'redone'}: {change.action}")


@cli.command("history")
@click.argument("article", type=ID, required=False)
@click.option("-n", "--limit", type=click.IntRange(1, 100_000), default=50,
              help="How many changes (newest first).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def history_cmd(obj: Context, article: int | None, limit: int, as_json: bool) -> None:
    """The audit log: who changed what and when, newest first (undo and redo too)."""
    rows = obj.store.history(article, limit=limit)
    if not rows and article is not None:
        obj.store.article(article)  # one that isn't there is an error, not "no changes yet"
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no changes yet")
    for r in rows:
        state = f" [{r['state']}]" if r["state"] and r["state"] != "done" else ""
        where = f"article {r['article_id']}" if r["article_id"] is not None else "library"
        if r["position"] is not None:
            where += f", sentence {r['position']}"
        click.echo(f"{r['at']}\t{_plain(r['reviewer'])}\t{where}\t{r['action']}{state}")


@cli.command("recover")
@click.argument("damaged", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
def recover_cmd(damaged: Path, new: Path) -> None:
    """Copy every row that can still be read from a DAMAGED database into a NEW one.

    The damaged file is only read.  Open the copy with: workbench --db NEW
    """
    from workbench.store.recover import recover

    salvage = recover(damaged, new)
    copied = ", ".join(f"{n} {table}" for table, n in salvage.copied.items() if n)
    click.echo(f"recovered into {new}: {copied or 'nothing'}")
    for table, n in salvage.unreadable.items():
        click.echo(f"  {table}: {n} damaged stretch{'es' if n > 1 else ''} skipped (those rows"
                   " are lost)")  # fmt: skip
    if salvage.orphans:
        click.echo(f"  {salvage.orphans} rows left out: what they belonged to was lost")
    if salvage.complete:
        click.echo("  every row could be read")


def _progress(label: str, every: int = 50):
    """A one-line progress display on stderr for long jobs (only on a terminal)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 200 and (done % every == 0 or done == total):
            end = "\n" if done == total else ""
            click.echo(f"\r{label} {done:,}/{total:,}", err=True, nl=False)
            if end:
                click.echo("", err=True)

    return show


def _echo_json(data: Any) -> None:
    click.echo(json_dumps(data, indent=2))


def _plain(text: str) -> str:
    """Text for one terminal line: controls, overrides and hidden characters made visible."""
    return for_terminal(text)


# What writing to standard output can meet: a full disk, a quota, a file too large, a pipe
# whose reader went away, a device error.
OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE, errno.EIO}


def _output_failed(exc: OSError) -> NoReturn:
    """One line for output that could not be written; what is still buffered is dropped (so
    that the interpreter's last flush does not fail again)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    if exc.errno != errno.EPIPE:  # a reader that stopped reading (| head) wants no message
        reason = exc.strerror or str(exc)
        click.echo(f"workbench: error: the output could not be written: {reason}", err=True)
    sys.exit(1)


def main() -> None:
    """Console-script entry point: every error is one line, and none of it drives the terminal."""
    for arg in sys.argv[1:]:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = for_terminal(arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
            click.echo(f"workbench: error: an argument is not valid UTF-8 text: {shown}", err=True)
            sys.exit(2)
    try:
        try:
            code = cli.main(prog_name="workbench", standalone_mode=False)
        finally:
            if sys.stdout is not None:  # (None: started with its standard output closed)
                sys.stdout.flush()  # a full disk or a closed pipe says so here, not at exit
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            raise
        _output_failed(exc)
    except click.UsageError as exc:
        hint = f"Try 'workbench {exc.ctx.info_name} --help'." if exc.ctx else ""
        if exc.ctx and exc.ctx.parent is None:
            hint = "Try 'workbench --help'."
        click.echo(f"workbench: usage error: {for_terminal(exc.format_message())} {hint}".rstrip(),
                   err=True)  # fmt: skip
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("workbench: aborted", err=True)
        sys.exit(1)
    except DatabaseError as exc:  # raised while the TUI starts, outside a command
        click.echo(f"workbench: error: {for_terminal(exc.message)}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
