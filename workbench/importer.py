"""Bringing articles in: source -> text -> sentences -> store -> cross-references.

The CLI and the TUI both call ``import_source``; neither knows the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace as replace_dataclass
from pathlib import Path
from typing import Any, BinaryIO

from workbench.config import Settings
from workbench.errors import InputError
from workbench.ingest import document_from_text, read_source
from workbench.model import Article, Document, Restored
from workbench.segment import segment
from workbench.store import Store
from workbench.validate import check_date, check_name, check_url

Progress = Callable[[int, int], None]  # (done, total) while cross-referencing


@dataclass(frozen=True)
class Imported:
    """One imported article and what happened to it (new, same, updated, restored)."""

    article: Article
    status: str
    matches: int = 0
    changed: tuple[int, ...] = ()  # positions of reviewed sentences whose text changed
    gone: int = 0  # reviewed sentences no longer in the text (undo brings them back)
    restored: Restored | None = None
    warnings: tuple[str, ...] = ()  # about the source (bytes that were not text, …)
    cuts_lost: int = 0  # joins and splits not carried into the new text (their text changed)

    def describe(self) -> str:
        """What happened, in words for the reviewer ("" for a plain new import)."""
        if self.restored is not None:
            r = self.restored
            parts = [f"{r.taken} taken from the report"]
            if r.kept:
                parts.append(f"{r.kept} newer here kept")
            if r.same:
                parts.append(f"{r.same} already the same")
            if r.unplaced:
                parts.append(f"{len(r.unplaced)} not restored (see the warning)")
            said = "restored: " + ", ".join(parts)
            if r.stored.status == "updated":  # the article here had another text
                said += "; the article's text is now the report's"
                if self.gone:
                    said += (
                        f", {self.gone} reviewed {_sentences(self.gone)} here gone with the"
                        " text it had"
                    )
                said += f" (u, or workbench undo {self.article.id}, brings back the one it had)"
            return said
        if self.status == "same":
            return "already imported"
        if self.status != "updated":
            return ""
        words = [
            "updated: every review kept"
            if not self.gone
            else "updated: the reviews of the sentences still in the text kept"
        ]
        if self.cuts_lost:
            words.append(
                f"{self.cuts_lost} of your joins and splits not kept where the text changed"
                " (cut there as the segmenter cuts it)"
            )
        if self.changed:
            listed = ", ".join(map(str, self.changed[:8])) + ("…" if len(self.changed) > 8 else "")
            words.append(
                f"{len(self.changed)} reviewed {_sentences(len(self.changed))} changed text"
                f" ({listed}), marked “text changed”"
            )
        if self.gone:
            words.append(
                f"{self.gone} reviewed {_sentences(self.gone)} gone from the new text"
                f" (u in the review screen, or workbench undo {self.article.id}, brings"
                f" {'it' if self.gone == 1 else 'them'} back)"
            )
        return "; ".join(words)

    def notices(self) -> list[tuple[str, bool]]:
        """What the reviewer must be told on opening the article just imported, each with
        whether it is a warning: a re-import or a restore (what became of the reviews),
        and what was not as expected about the source."""
        said: list[tuple[str, bool]] = []
        if self.status == "updated" or self.restored is not None:
            lost = self.gone or self.cuts_lost or (self.restored and self.restored.unplaced)
            said.append((f"“{self.article.title}” {self.describe()}.", bool(lost)))
        return said + [(warning, True) for warning in self.warnings]


def _sentences(n: int) -> str:
    return "sentence" if n == 1 else "sentences"


def unplaced_warning(source: str, positions: tuple[int, ...]) -> str:
    """What a restore left out, and how to bring it in."""
    listed = ", ".join(map(str, positions[:8])) + ("…" if len(positions) > 8 else "")
    return (
        f"{source}: the review of report {_sentences(len(positions))} {listed} not restored:"
        " the article here is cut into other sentences (joined or split since); join or"
        " split them as the report has them, then import the report again"
    )


def import_source(
    store: Store,
    source: str,
    settings: Settings,
    *,
    title: str | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    replace: bool = False,
    info: Info | None = None,
) -> Imported:
    """Import a file, URL, ``-`` (stdin) or a workbench JSON report.

    ``replace``: a report's reviews replace the stored ones instead of merging.
    ``info``: the publication date, authors or outlet, over what the source says.
    """
    if source != "-" and _is_json_report(source):
        from workbench.restore import restore_report

        restored, warnings = restore_report(
            store, Path(source), replace=replace, max_bytes=settings.max_import_bytes
        )
        article = restored.stored.article
        matches = 0
        if restored.stored.status != "same" or store.unmatched(article.id):
            matches = cross_reference(store, article.id, settings, progress=progress)
        if restored.unplaced:
            warnings += (unplaced_warning(source, restored.unplaced),)
        return Imported(store.article(article.id), "restored", matches,
                        restored.stored.changed, restored.stored.gone, restored,
                        warnings)  # fmt: skip
    if url is not None:
        url = check_url(url) or None
    doc = read_source(
        source, max_bytes=settings.max_import_bytes, title=title, url=url, stdin=stdin
    )
    if info is not None:
        doc = info.applied(doc)
    imported = import_document(store, doc, settings, progress=progress)
    if imported.status in ("same", "updated") and (info is not None or title or url):
        # metadata given with the same text again, or with a re-import (which keeps what is
        # stored): it is set as given
        store.set_article_info(imported.article.id, **info.fields() if info else {},
                               **({"title": title} if title else {}),
                               **({"url": url} if url else {}))  # fmt: skip
        imported = replace_dataclass(imported, article=store.article(imported.article.id))
    return imported


@dataclass(frozen=True)
class Info:
    """Metadata given on the command line: it wins over what the source says."""

    published: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None

    @classmethod
    def checked(
        cls, published: str | None, authors: tuple[str, ...], outlet: str | None
    ) -> Info | None:
        if not (published or authors or outlet):
            return None
        return cls(
            check_date(published) or None if published else None,
            tuple(a for a in (check_name(x, "an author") for x in authors) if a),
            check_name(outlet, "the outlet") or None if outlet else None,
        )

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.published:
            out["published"] = self.published
        if self.authors:
            out["authors"] = self.authors
        if self.outlet:
            out["outlet"] = self.outlet
        return out

    def applied(self, doc: Document) -> Document:
        return replace_dataclass(doc, **self.fields())


def import_text(
    store: Store,
    text: str,
    settings: Settings,
    *,
    source: str = "clipboard",
    progress: Progress | None = None,
) -> Imported:
    """Import pasted text (the clipboard) as a new article."""
    doc = document_from_text(text, source=source, max_bytes=settings.max_import_bytes)
    return import_document(store, doc, settings, progress=progress)


def import_document(
    store: Store, doc: Document, settings: Settings, *, progress: Progress | None = None
) -> Imported:
    """Segment and store a document, then cross-reference its sentences."""
    segments = segment(doc.text)
    if not segments:
        raise InputError(f"{doc.source} has no sentences to review")
    stored = store.import_article(doc, segments)
    matches = 0
    # the same content again is matched only if its first import was cut short before matching
    if stored.status != "same" or store.unmatched(stored.article.id):
        matches = cross_reference(store, stored.article.id, settings, progress=progress)
    return Imported(store.article(stored.article.id), stored.status, matches, stored.changed,
                    stored.gone, cuts_lost=stored.cuts_lost, warnings=doc.warnings)  # fmt: skip


def cross_reference(
    store: Store, article_id: int, settings: Settings, *, progress: Progress | None = None
) -> int:
    """Match an article against every other article and known fact-check."""
    from workbench import matching

    return matching.match_article(
        store, article_id, matching.settings_from(settings), progress=progress
    )


SAMPLE = "us-troops-syria-withdrawal.txt"
SAMPLE_TITLE = "US troop withdrawal from Syria"  # its file name would read "Us troops syria ..."


def sample_path() -> Path:
    """The bundled sample: inside the installed package, or ``seeds/`` in a checkout."""
    from importlib.resources import files

    packaged = Path(str(files("workbench"))) / "seeds" / SAMPLE
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds" / SAMPLE


def import_sample(store: Store, settings: Settings) -> Imported:
    """Import the bundled sample article (a new database opens on it)."""
    return import_source(store, str(sample_path()), settings, title=SAMPLE_TITLE)


def _is_json_report(source: str) -> bool:
    return source.lower().endswith(".json") and Path(source).is_file()
