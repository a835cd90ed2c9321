"""Publishable fact-checks: article metadata, claimants, ClaimReview, reports that keep it all."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE
from tests.unit.report_fixtures import EXPORTED_AT, reviewed_sample
from workbench.cli import cli
from workbench.config import Settings
from workbench.importer import Info, import_source
from workbench.model import Verdict
from workbench.report import ReportOptions, render, write_report
from workbench.report.claimreview import claim_author, missing_fields, problems, reviews
from workbench.store import Store
from workbench.webpage import clean_title, html_to_text

NEWS_PAGE = """<!doctype html><html><head>
<title>US begins pulling troops out of Syria - Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example/world/syria-troops">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Example News"},
  {"@type": "NewsArticle", "headline": "US begins pulling troops out of Syria",
   "datePublished": "2026-04-02T09:30:00+01:00",
   "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Sam Poe"}],
   "publisher": {"@type": "Organization", "name": "Example News"}}]}
</script></head><body>
<nav>Home | World</nav>
<article><h1>US begins pulling troops out of Syria</h1>
<p>The US is withdrawing nearly 1,000 troops from Syria, the defence secretary said on Tuesday.</p>
<p>The move was described by officials as orderly. Critics called it a retreat.</p>
</article></body></html>"""

PUBLISHER = Settings(reviewer="tester", publisher="Check Desk",
                     publisher_url="https://checkdesk.example/")  # fmt: skip


def cli_run(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], env=env)
    return result.exit_code, result.stdout, result.stderr


# -- metadata ------------------------------------------------------------------


def test_news_article_metadata_from_json_ld_and_meta_tags() -> None:
    page, text = html_to_text(NEWS_PAGE)
    assert page.title == "US begins pulling troops out of Syria"
    assert page.published == "2026-04-02T09:30:00+01:00"
    assert page.authors == ("Jane Roe", "Sam Poe")
    assert page.outlet == "Example News"
    assert page.url == "https://news.example/world/syria-troops"
    assert "nearly 1,000 troops" in text and "Home | World" not in text


def test_meta_tags_alone() -> None:
    page, _ = html_to_text(
        '<html><head><meta property="og:title" content="Rates rise | The Daily Post">'
        '<meta name="author" content="A. Writer and B. Writer">'
        '<meta property="article:published_time" content="2026-03-01">'
        '<meta property="og:url" content="https://post.example/rates"></head>'
        "<body><p>Rates rose again.</p></body></html>"
    )
    assert (page.title, page.authors, page.published, page.url) == (
        "Rates rise", ("A. Writer", "B. Writer"), "2026-03-01", "https://post.example/rates")  # fmt: skip


def test_trafilatura_fills_what_the_page_leaves_out() -> None:
    page, _ = html_to_text(
        '<html><head><title>Rates rise</title><meta name="citation_author" content="Jo Bo">'
        '<meta name="citation_publication_date" content="2024-03-02"></head>'
        "<body><p>Rates rose again, the bank said.</p></body></html>"
    )
    assert (page.authors, page.published) == (("Jo Bo",), "2024-03-02")


def test_without_trafilatura_the_page_metadata_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)
    page, text = html_to_text(NEWS_PAGE)
    assert page.published == "2026-04-02T09:30:00+01:00" and "nearly 1,000 troops" in text


def test_a_date_that_is_not_one_is_left_out() -> None:
    page, _ = html_to_text('<meta name="date" content="last Tuesday"><p>Text here.</p>')
    assert page.published is None


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        ("Troops leave Syria - BBC News", "BBC News", "Troops leave Syria"),
        ("Troops leave Syria | Reuters", None, "Troops leave Syria"),
        ("Troops leave Syria - The Guardian", "Guardian", "Troops leave Syria"),
        ("Syria: the questions that remain", None, "Syria: the questions that remain"),
        ("Left - right", None, "Left - right"),
    ],
)
def test_titles_lose_the_outlet_suffix(title: str, outlet: str | None, expected: str) -> None:
    assert clean_title(title, outlet) == expected


def test_an_html_import_keeps_the_metadata(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    page = tmp_path / "syria.html"
    page.write_text(NEWS_PAGE, encoding="utf-8")
    article = import_source(store, str(page), settings).article
    assert article.title == "US begins pulling troops out of Syria"
    assert article.url == "https://news.example/world/syria-troops"
    assert (article.published, article.authors, article.outlet) == (
        "2026-04-02T09:30:00+01:00", ("Jane Roe", "Sam Poe"), "Example News")  # fmt: skip
    assert article.byline == "Example News · Jane Roe, Sam Poe · 2026-04-02"


def test_given_metadata_wins_and_a_second_import_updates_it(
    store: Store, settings: Settings
) -> None:
    info = Info.checked("2026-05-01", ("Ann Lee",), "Wire")
    article = import_source(store, str(SAMPLE), settings, info=info).article
    assert (article.published, article.authors, article.outlet) == (
        "2026-05-01",
        ("Ann Lee",),
        "Wire",
    )
    again = import_source(store, str(SAMPLE), settings, info=Info.checked("2026-05-02", (), None))
    assert again.status == "same" and again.article.published == "2026-05-02"
    assert again.article.outlet == "Wire"  # what was not given stays
    store.undo(article.id)
    assert store.article(article.id).published == "2026-05-01"


def test_cli_import_options_and_list_json(db_path: Path) -> None:
    code, _, _ = cli_run(db_path, "import", str(SAMPLE), "--published", "2026-05-01",
                         "--author", "Ann Lee", "--author", "Bo Chan", "--outlet", "Wire",
                         "--url", "https://wire.example/syria")  # fmt: skip
    assert code == 0
    (row,) = json.loads(cli_run(db_path, "list", "--json")[1])
    assert (row["published"], row["authors"], row["outlet"], row["url"]) == (
        "2026-05-01", ["Ann Lee", "Bo Chan"], "Wire", "https://wire.example/syria")  # fmt: skip
    code, _, err = cli_run(db_path, "import", str(SAMPLE), "--published", "last week")
    assert code == 1 and err.count("\n") == 1 and "not a date" in err


# -- the claimant ----------------------------------------------------------------


def test_claimant_is_set_cleared_and_undone(sample_store: Store) -> None:
    s = sample_store.sentence_at(1, 1)
    assert (
        sample_store.set_claimant(s.id, "  Wall Street\nJournal ").claimant == "Wall Street Journal"
    )
    assert sample_store.set_claimant(s.id, "").claimant is None
    sample_store.undo(1)
    assert sample_store.sentence(s.id).claimant == "Wall Street Journal"


def test_tag_claimant_on_the_command_line(db_path: Path) -> None:
    cli_run(db_path, "import", str(SAMPLE))
    assert cli_run(db_path, "tag", "1", "3", "disputed", "--claimant", "CENTCOM")[0] == 0
    doc = json.loads(cli_run(db_path, "export", "1", "-f", "json")[1])
    assert doc["sentences"][2]["claimant"] == "CENTCOM"
    assert doc["sentences"][2]["verdict"] == "disputed"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("CENTCOM", "Organization"), ("the Pentagon", "Organization"), ("Jane Roe", "Person"),
     ("Ministry of Defence", "Organization"), ("Wall Street Journal", "Organization")],
)  # fmt: skip
def test_a_claimant_is_a_person_or_an_organisation(name: str, kind: str) -> None:
    assert claim_author(name) == {"@type": kind, "name": name}


# -- ClaimReview -------------------------------------------------------------------


def test_an_html_article_gives_publishable_claimreview(tmp_path: Path, store: Store) -> None:
    page = tmp_path / "syria.html"
    page.write_text(NEWS_PAGE, encoding="utf-8")
    article = import_source(store, str(page), PUBLISHER).article
    first = store.sentence_at(article.id, 1)
    store.set_verdict(first.id, Verdict.VERIFIED, note="The Pentagon confirmed it.")
    store.set_claimant(first.id, "the defence secretary")
    store.set_verdict(store.sentence_at(article.id, 2).id, Verdict.DISPUTED)
    options = ReportOptions.from_settings(PUBLISHER)
    report = store.report(article.id)
    found = reviews(report, options)
    assert len(found) == 2
    for review in found:
        assert missing_fields(review) == []
        assert review["url"].startswith("https://news.example/world/syria-troops#claim-")
        item = review["itemReviewed"]
        assert item["datePublished"] == "2026-04-02"  # the article's date, not the import's
        assert item["appearance"]["url"] == "https://news.example/world/syria-troops"
        assert item["appearance"]["datePublished"] == "2026-04-02T09:30:00+01:00"
        assert review["author"] == {"@type": "Organization", "name": "Check Desk",
                                    "url": "https://checkdesk.example/"}  # fmt: skip
    assert found[0]["itemReviewed"]["author"] == {"@type": "Organization",
                                                  "name": "the defence secretary"}  # fmt: skip
    assert "author" not in found[1]["itemReviewed"]
    assert problems(report, options) == []
    assert json.loads(render(report, "claimreview", options)) == found


def test_claimreview_never_uses_the_import_date(sample_store: Store) -> None:
    sample_store.set_verdict(sample_store.sentence_at(1, 1).id, Verdict.VERIFIED)
    (review,) = reviews(sample_store.report(1), ReportOptions())
    assert "datePublished" not in review["itemReviewed"]
    assert review["url"] == "#claim-1"
    assert "url is not absolute" in missing_fields(review)
    found = problems(sample_store.report(1), ReportOptions())
    assert any("report.base_url" in p for p in found)
    assert any("report.publisher" in p for p in found)


def test_base_url_from_the_settings(sample_store: Store) -> None:
    sample_store.set_verdict(sample_store.sentence_at(1, 2).id, Verdict.DISPUTED)
    options = ReportOptions(base_url="https://checkdesk.example/syria", publisher_name="Desk")
    (review,) = reviews(sample_store.report(1), options)
    assert review["url"] == "https://checkdesk.example/syria#claim-2"
    assert problems(sample_store.report(1), options) == []


def test_export_warns_and_strict_refuses(db_path: Path, tmp_path: Path) -> None:
    cli_run(db_path, "import", str(SAMPLE))
    cli_run(db_path, "tag", "1", "1", "verified")
    out_file = tmp_path / "reviews.claimreview.json"
    code, _, err = cli_run(db_path, "export", "1", "-o", str(out_file))
    assert code == 0 and out_file.exists()
    assert "warning: ClaimReview no absolute URL" in err and "report.publisher" in err
    out_file.unlink()
    code, _, err = cli_run(db_path, "export", "1", "-o", str(out_file), "--strict")
    assert code == 1 and err.count("\n") == 1 and "error: not publishable as ClaimReview" in err
    assert "no absolute URL" in err and "report.publisher" in err  # every problem named
    assert not out_file.exists()
    config = tmp_path / "settings.toml"
    config.write_text('[report]\npublisher = "Check Desk"\n', encoding="utf-8")
    code, out, err = cli_run(db_path, "export", "1", "-f", "claimreview", "--strict",
                             "--base-url", "https://desk.example/syria",
                             env={"WORKBENCH_CONFIG": str(config)})  # fmt: skip
    assert code == 0 and "warning" not in err
    assert json.loads(out)[0]["url"] == "https://desk.example/syria#claim-1"
    code, _, err = cli_run(db_path, "export", "1", "--base-url", "ftp://x", "-f", "claimreview")
    assert code == 1 and "--base-url" in err


def test_settings_refuse_a_base_url_that_is_not_web(tmp_path: Path) -> None:
    from workbench.config import load_settings
    from workbench.errors import ConfigError

    config = tmp_path / "settings.toml"
    config.write_text('[report]\nbase_url = "javascript:alert(1)"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="report.base_url must be an http"):
        load_settings(config, env={})


# -- reports -------------------------------------------------------------------------


def test_reviewed_by_only_with_a_verdict(store: Store) -> None:
    report = reviewed_sample(store)
    md = render(report, "md")
    flagged_only = md.split("### 4.")[1].split("### 5.")[0]
    assert "⚑ flagged" in flagged_only and "Reviewed by" not in flagged_only
    assert md.count("Reviewed by") == 3  # the three sentences with a verdict
    html = render(report, "html")
    assert html.count("Reviewed by") == 3


def test_markdown_evidence_note_is_outside_the_quote(store: Store) -> None:
    md = render(reviewed_sample(store), "md")
    lines = md.splitlines()
    quote = lines.index("  > an orderly cessation")
    assert lines[quote - 1] == "  *Note:* Official"
    assert not lines[quote + 1].startswith("  ")  # nothing runs on inside the quote


def test_html_article_view_shows_flags_and_the_byline(store: Store) -> None:
    html = render(reviewed_sample(store), "html")
    view = html.split("<h2>The article</h2>")[1].split("<h2>Sentence by sentence</h2>")[0]
    assert view.count('title="flagged"') == 1 and 'id="s4"' in view.split('title="flagged"')[0]
    assert "Example News · Jane Roe, Sam Poe · published" in html
    assert '<time datetime="2026-01-01T08:00:00+00:00">' in html


def test_markdown_and_csv_carry_metadata_and_claimants(store: Store) -> None:
    report = reviewed_sample(store)
    md = render(report, "md")
    assert "- Outlet: Example News" in md and "- By: Jane Roe, Sam Poe" in md
    assert "**Claimed by:** CENTCOM" in md
    csv_text = render(report, "csv")
    assert ",claimant,article_title," in csv_text.splitlines()[0] and ",CENTCOM," in csv_text


def test_export_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_report("x\n", tmp_path / "new.md")
        assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644
        private = tmp_path / "private.md"
        private.write_text("old")
        private.chmod(0o600)
        write_report("y\n", private)  # a file replaced keeps its mode
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    finally:
        os.umask(old)


# -- the JSON report round trip ------------------------------------------------------------


def test_a_restore_keeps_import_time_metadata_claimants_and_confirmed_crossrefs(
    store: Store, tmp_path: Path, settings: Settings
) -> None:
    report = reviewed_sample(store)
    path = tmp_path / "report.json"
    path.write_text(render(report, "json"), encoding="utf-8")
    other_text = store.article_text(2)
    # the confirmed match to the other article, too
    ref = store.crossrefs_of(store.sentence_at(1, 1).id)[0]
    store.set_crossref_status(ref.id, "confirmed")
    path.write_text(render(store.report(1, exported_at=EXPORTED_AT), "json"), encoding="utf-8")

    fresh = Store(tmp_path / "fresh.db", reviewer="someone")
    try:
        import_source(fresh, str(path), settings)
        restored = fresh.article(1)
        assert restored.imported_at == report.article.imported_at
        assert (restored.published, restored.authors, restored.outlet, restored.url) == (
            "2026-01-01T08:00:00+00:00", ("Jane Roe", "Sam Poe"), "Example News",
            "https://example.org/syria")  # fmt: skip
        first, third = fresh.sentence_at(1, 1), fresh.sentence_at(1, 3)
        assert (first.claimant, third.claimant) == ("Wall Street Journal", "CENTCOM")
        (check,) = fresh.crossrefs_of(third.id)
        assert (check.kind, check.status.value, check.text, check.verdict, check.url) == (
            "factcheck", "confirmed", "The US will withdraw all troops from Syria", "False",
            "https://checks.example/1")  # fmt: skip
        assert fresh.fact_checks()[0].publisher == "Check Desk"
        # the other article is not in this database: that match has nothing to point at
        assert [r for r in fresh.crossrefs_of(first.id) if r.kind == "sentence"] == []
        # once it is, a second restore finds it and confirms the match
        fresh.import_article(*_doc("Another report", other_text))
        import_source(fresh, str(path), settings)
        (match,) = [r for r in fresh.crossrefs_of(first.id) if r.kind == "sentence"]
        assert match.status.value == "confirmed" and match.source == "Another report"
        # and the restore is one undo step: the confirmation goes with it
        fresh.undo(1)
        assert all(r.status.value != "confirmed" for r in fresh.crossrefs_of(first.id))
    finally:
        fresh.close()


def test_a_report_from_before_claimants_and_targets_still_restores(
    store: Store, tmp_path: Path, settings: Settings
) -> None:
    doc = json.loads(render(reviewed_sample(store), "json"))
    for key in ("published", "authors", "outlet"):
        del doc["article"][key]
    for s in doc["sentences"]:
        del s["claimant"]
        for ref in s["crossrefs"]:
            ref.pop("fact_check", None)
            ref.pop("target", None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    fresh = Store(tmp_path / "fresh.db", reviewer="someone")
    try:
        import_source(fresh, str(path), settings)
        assert fresh.sentence_at(1, 3).verdict is Verdict.DISPUTED
        assert fresh.article(1).published is None
    finally:
        fresh.close()


def test_a_report_with_a_bad_claimant_or_crossref_is_refused_whole(
    store: Store, tmp_path: Path, settings: Settings
) -> None:
    from workbench.errors import InputError

    doc = json.loads(render(reviewed_sample(store), "json"))
    doc["sentences"][2]["crossrefs"][0]["score"] = "high"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    fresh = Store(tmp_path / "fresh.db", reviewer="someone")
    try:
        with pytest.raises(InputError, match="crossref 1: score is not a percentage"):
            import_source(fresh, str(path), settings)
        assert fresh.articles() == []
    finally:
        fresh.close()


def _doc(title: str, text: str) -> tuple[object, object]:
    from workbench.model import Document
    from workbench.segment import segment

    return Document(title, text, "other.txt"), segment(text)


# -- known fact-checks and search ---------------------------------------------------------


def test_checks_list_and_search(db_path: Path, tmp_path: Path) -> None:
    checks = tmp_path / "checks.csv"
    checks.write_text(
        "claim,title,rating,url,publisher,date\n"
        "The US will withdraw all troops from Syria,Troops,False,https://c.example/1,Desk,2026-01-01\n",
        encoding="utf-8",
    )
    cli_run(db_path, "import", str(SAMPLE))
    assert cli_run(db_path, "checks", "import", str(checks))[0] == 0
    code, out, _ = cli_run(db_path, "checks", "list")
    assert code == 0 and "The US will withdraw all troops from Syria" in out and "False" in out
    (row,) = json.loads(cli_run(db_path, "checks", "list", "--json")[1])
    assert (row["claim"], row["rating"], row["publisher"], row["url"]) == (
        "The US will withdraw all troops from Syria", "False", "Desk", "https://c.example/1")  # fmt: skip
    code, out, _ = cli_run(db_path, "search", "WSJ", "--json")
    hits = json.loads(out)
    assert code == 0 and [h["position"] for h in hits] == [1, 4]
    assert all(h["article_id"] == 1 and "WSJ" in h["text"] for h in hits)
    cli_run(db_path, "tag", "1", "1", "verified", "--claimant", "Wall Street Journal")
    code, out, _ = cli_run(db_path, "search", "WSJ")
    first, fourth = out.splitlines()
    assert first.split("\t")[:3] == ["1:1", "verified", "Wall Street Journal"]
    assert fourth.split("\t")[:3] == ["1:4", "-", "-"]
    code, out, _ = cli_run(db_path, "search", "no such words anywhere")
    assert code == 0 and out == ""
