"""The installed ``workbench`` command in a real terminal (tmux): keys, quit, relaunch, undo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

BIN = Path(sys.executable).parent


def workbench_command() -> str:
    found = shutil.which("workbench", path=str(BIN))
    if found is None:
        pytest.skip("the workbench console script is not installed")
    return found


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it)")
    t = Tmux(f"wb-e2e-{os.getpid()}-{time.monotonic_ns()}")  # one per test, per process
    try:
        yield t
    finally:
        t.kill()
        shutil.rmtree(t.folder, ignore_errors=True)  # its socket with it


class Tmux:
    """A detached tmux session of a fixed size running one command, on a tmux server of its
    own (its socket in a folder of its own, no configuration file): another tmux user's
    options or environment (a COLUMNS=80 in the server's, say) cannot reach it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.folder = Path(tempfile.mkdtemp(prefix="wb-tmux-"))  # short: a socket's path is
        self.tmux = ["tmux", "-S", str(self.folder / "s"), "-f", "/dev/null"]  # ≤ 107 bytes

    def start(self, command: list[str], env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex_quote(v)}" for k, v in env.items())
        line = (f"env -u COLUMNS -u LINES {exports} TERM=xterm-256color "
                + " ".join(shlex_quote(c) for c in command))  # fmt: skip
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", line],
            check=True,
        )

    def screen(self) -> str:
        out = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def wait_until(self, ready: Callable[[str], bool], what: str, seconds: float = 30) -> str:
        """The screen once ``ready(screen)`` holds (polled; generous, as the machine may be
        busy): never a fixed sleep."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if ready(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{what}, never; the screen was:\n{self.screen()}")

    def wait_for(self, text: str, seconds: float = 30) -> str:
        """The screen once it shows ``text``."""
        return self.wait_until(lambda screen: text in screen, f"{text!r} shown", seconds)

    def wait_until_gone(self, text: str, seconds: float = 30) -> str:
        """The screen once it no longer shows ``text`` (a dialog closed, say)."""
        return self.wait_until(lambda screen: text not in screen, f"{text!r} gone", seconds)

    def wait_gone(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            alive = subprocess.run([*self.tmux, "has-session", "-t", self.name],
                                   capture_output=True)  # fmt: skip
            if alive.returncode != 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"workbench did not quit; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Press keys (tmux names: ``C-s``, ``Enter``), in order.  No pause between them: a
        test waits on the screen for what a key does before it relies on it.  (The terminal
        reads ``Escape`` and a key right after it as alt+key; workbench reads an alt+key
        that nothing binds as escape, then the key.)"""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str, shown: str | None = None) -> str:
        """Type ``text`` as it is; returns the screen once it shows ``shown`` (the text)."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)
        return self.wait_for(text if shown is None else shown)

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def listed(screen: str) -> str:
    """The sentence list: the screen above the rule over the detail pane."""
    return screen.split("─" * 20, 1)[0]


def shlex_quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


def environment(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fresh database and settings of its own for one run."""
    db = tmp_path / "e2e.db"
    env = {
        "WORKBENCH_DB": str(db),
        "WORKBENCH_REVIEWER": "e2e",
        "WORKBENCH_CONFIG": str(tmp_path / "none.toml"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    return db, env


def cli(command: str, db: Path, *args: str, reviewer: str = "bob") -> str:
    """The installed command as another process (another reviewer) runs it."""
    out = subprocess.run([command, "--db", str(db), "--reviewer", reviewer, *args],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return out.stdout


def exported(command: str, db: Path, article: str = "1") -> dict:
    """The JSON report of an article (the first), through the installed command."""
    out = subprocess.run(
        [command, "--db", str(db), "export", article, "-f", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_review_quit_relaunch_undo(tmux: Tmux, tmp_path: Path) -> None:
    command = workbench_command()
    db, env = environment(tmp_path)
    tmux.start([command], env)
    tmux.wait_for("withdrawing nearly 1,000")
    tmux.keys("v", "d", "o")
    tmux.wait_for("3/15")
    tmux.keys("q")
    tmux.wait_gone()

    tmux.start([command], env)
    screen = tmux.wait_for("3/15")
    for badge in ("✔ verified", "✘ disputed", "◆ opinion"):
        assert badge in screen
    tmux.keys("u")
    tmux.wait_for("2/15")
    tmux.keys("q")
    tmux.wait_gone()

    verdicts = [s["verdict"] for s in exported(command, db)["sentences"][:4]]
    assert verdicts == ["verified", "disputed", None, None]


def save_and_quit(tmux: Tmux, dialog: str) -> None:
    """ctrl+s in the dialog that shows ``dialog``; once it is gone, quit."""
    tmux.keys("C-s")
    tmux.wait_until_gone(dialog)
    tmux.keys("q")
    tmux.wait_gone()


def on_the_sample(tmux: Tmux, tmp_path: Path) -> tuple[str, Path]:
    """The sample open on a new database: the command and the database."""
    command = workbench_command()
    db, env = environment(tmp_path)
    tmux.start([command], env)
    tmux.wait_for("withdrawing nearly 1,000")
    return command, db


def evidence_form(tmux: Tmux, tmp_path: Path) -> tuple[str, Path]:
    """The sample open on a new database, the evidence form open on its first sentence:
    the command and the database."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("e")
    tmux.wait_for("URL (http or https)")
    return command, db


def test_evidence_through_the_form(tmux: Tmux, tmp_path: Path) -> None:
    command, db = evidence_form(tmux, tmp_path)
    # ctrl+u clears whatever the clipboard pre-filled, once the URL field is seen to take
    # keys.
    tmux.type("typed:")
    tmux.keys("C-u")
    tmux.wait_until_gone("typed:")
    # The URL, tab and the title in one burst, as a paste or a fast typist sends them: the
    # tab moves the focus as it arrives, so the title lands in its own field.
    tmux.keys("https://www.wsj.com/syria", "Tab", "WSJ report")
    tmux.wait_for("WSJ report")
    tmux.keys("C-s")
    tmux.wait_for("§1")
    tmux.wait_until_gone("URL (http or https)")
    tmux.keys("q")
    tmux.wait_gone()
    (evidence,) = exported(command, db)["sentences"][0]["evidence"]
    assert (evidence["url"], evidence["title"]) == ("https://www.wsj.com/syria", "WSJ report")


def test_a_quote_typed_in_one_burst_leaves_the_form_whole(tmux: Tmux, tmp_path: Path) -> None:
    """The sentences a quote also supports are listed as it comes, then none as it goes on;
    the list stays in the form (emptied while a highlight's message was on its way, it
    dropped out: the save then failed and the app closed, the form's text lost)."""
    command, db = evidence_form(tmux, tmp_path)
    tmux.keys("Tab", "Tab")
    tmux.type("abcde fghij")
    save_and_quit(tmux, "URL (http or https)")
    (evidence,) = exported(command, db)["sentences"][0]["evidence"]
    assert evidence["quote"] == "abcde fghij"


def test_a_claim_met_before_is_confirmed_in_the_other_article(tmux: Tmux, tmp_path: Path) -> None:
    command = workbench_command()
    db, env = environment(tmp_path)
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Officials said on Friday that the United States is pulling almost 1,000 "
                     "soldiers out of northern Syria. The decision surprised allies.\n")  # fmt: skip
    second.write_text("Nearly 1,000 US troops are being withdrawn from northern Syria, officials "
                      "said Friday. Critics called it a betrayal.\n")  # fmt: skip
    for path in (first, second):
        subprocess.run([command, "--db", str(db), "import", str(path)], check=True,
                       capture_output=True)  # fmt: skip

    tmux.start([command, "open", "2"], env)  # an article id, as `workbench list` shows it
    tmux.wait_for("Nearly 1,000 US troops")
    tmux.keys("x")
    tmux.wait_for("≈ suggested  sentence 1 · First")
    tmux.keys("c")
    tmux.wait_for("≡ confirmed")
    tmux.keys("Escape")
    tmux.wait_until_gone("Matches of sentence 1")
    tmux.keys("q")
    tmux.wait_gone()

    out = subprocess.run([command, "--db", str(db), "export", "2", "-f", "json"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    (ref,) = json.loads(out.stdout)["sentences"][0]["crossrefs"]
    assert ref["status"] == "confirmed" and ref["source"] == "First"


def test_two_processes_the_screen_follows_and_never_overwrites(tmux: Tmux, tmp_path: Path) -> None:
    """The TUI open while another process (the CLI, as another reviewer) changes sentence 1."""
    command = workbench_command()
    db, env = environment(tmp_path)
    tmux.start([command], env)
    tmux.wait_for("withdrawing nearly 1,000")
    tmux.keys("v")
    tmux.wait_for("1/15")
    tmux.keys("k")  # back on sentence 1: the detail pane shows it
    tmux.wait_for("Sentence 1 · paragraph 1")

    cli(command, db, "tag", "1", "1", "disputed", "--note", "bob says no")
    tmux.wait_for("changed elsewhere")  # shown within a second, the cursor where it was
    screen = tmux.wait_for("✘ disputed")
    assert "bob says no" in screen

    tmux.keys("u")  # e2e's verdict is under bob's newer change: refused, and said why
    tmux.wait_for("changed by bob")
    assert exported(command, db)["sentences"][0]["verdict"] == "disputed"

    tmux.keys("n")  # the note editor opens on bob's note ...
    tmux.wait_for("Note on sentence 1")
    cli(command, db, "tag", "1", "1", "disputed", "--note", "bob, again")  # ... then he changes it
    tmux.type(" (e2e adds)")
    tmux.keys("C-s")
    tmux.wait_for("Not saved")  # not saved over his: both texts shown
    tmux.wait_for("changed by bob")
    assert exported(command, db)["sentences"][0]["note"] == "bob, again"
    tmux.keys("C-o")  # take his into the editor, add to it, save
    tmux.wait_until_gone("ctrl+o take theirs")  # his text in the editor
    tmux.type("; e2e agrees", shown="bob, again; e2e agrees")
    tmux.keys("C-s")
    tmux.wait_until_gone("Note on sentence 1")
    tmux.wait_for("Note: bob, again; e2e agrees")  # saved: the detail pane shows it
    tmux.keys("q")
    tmux.wait_gone()
    first = exported(command, db)["sentences"][0]
    assert (first["verdict"], first["note"]) == ("disputed", "bob, again; e2e agrees")
    # bob's own last change is now under e2e's note: his undo is refused in turn, and says why
    out = subprocess.run([command, "--db", str(db), "--reviewer", "bob", "undo", "1"],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 1 and "sentence 1 was changed by e2e at" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_possible_match_is_listed_apart_and_confirmed(tmux: Tmux, tmp_path: Path) -> None:
    """A sentence that only possibly states a claim of the sample: no mark on its row, listed
    in x under the line that says what it is; c confirms it, and the row shows ≡."""
    command = workbench_command()
    db, env = environment(tmp_path)
    loose = tmp_path / "loose.txt"
    loose.write_text("CENTCOM said the move would continue for months.\n")
    cli(command, db, "import", str(SAMPLE))
    cli(command, db, "import", str(loose))
    tmux.start([command, "open", "2"], env)
    screen = tmux.wait_for("CENTCOM said the move")
    assert "≈" not in listed(screen) and "≡" not in listed(screen)
    tmux.keys("x")
    tmux.wait_for("Possible matches, under 19%")
    tmux.wait_for("· possible  sentence 3")
    tmux.keys("c")
    tmux.wait_for("≡ confirmed")
    tmux.keys("Escape")
    tmux.wait_until_gone("Matches of sentence 1")
    screen = tmux.wait_until(lambda s: "≡" in listed(s), "≡ on the row")
    tmux.keys("q")
    tmux.wait_gone()
    (ref,) = exported(command, db, "2")["sentences"][0]["crossrefs"]
    assert (ref["status"], ref["possible"]) == ("confirmed", False)


def test_keys_typed_with_n_reach_the_note(tmux: Tmux, tmp_path: Path) -> None:
    """A fast typist (or a paste): the note's first letters arrive with the n that opens it."""
    command = workbench_command()
    db, env = environment(tmp_path)
    tmux.start([command], env)
    tmux.wait_for("withdrawing nearly 1,000")
    tmux.type("nQuick note", shown="Quick note")
    tmux.keys("C-s")
    tmux.wait_for("✎")
    tmux.wait_until_gone("Note on sentence 1")
    tmux.keys("q")
    tmux.wait_gone()
    first = exported(command, db)["sentences"][0]
    assert (first["note"], first["verdict"]) == ("Quick note", None)


def test_the_filter_in_the_header_and_back_from_a_match(tmux: Tmux, tmp_path: Path) -> None:
    """The header names the filter; a jump to a match in another article, and ctrl+o back
    to the article, the sentence and the filter the reviewer left."""
    command = workbench_command()
    db, env = environment(tmp_path)
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Officials said on Friday that the United States is pulling almost 1,000 "
                     "soldiers out of northern Syria. The decision surprised allies.\n")  # fmt: skip
    second.write_text("Nearly 1,000 US troops are being withdrawn from northern Syria, officials "
                      "said Friday. Critics called it a betrayal.\n")  # fmt: skip
    for path in (first, second):
        subprocess.run([command, "--db", str(db), "import", str(path)], check=True,
                       capture_output=True)  # fmt: skip

    tmux.start([command, "open", "2"], env)
    tmux.wait_for("Nearly 1,000 US troops")
    tmux.keys("v")
    tmux.wait_for("1/2")
    tmux.keys("f", "f")  # unreviewed, then verified: sentence 1 alone
    tmux.wait_for("filter: verified 1/1")  # the header (the status line says "1 of 2 shown")
    tmux.keys("x")
    tmux.wait_for("≈ suggested  sentence 1 · First")
    tmux.keys("Enter")
    tmux.wait_until_gone("Matches of sentence 1")
    # the other article, its view afresh
    screen = tmux.wait_until(lambda s: "Officials said on Friday" in listed(s), "First listed")
    assert "filter: verified" not in screen and "filter: all" in screen
    tmux.keys("C-o")
    screen = tmux.wait_until(lambda s: "Nearly 1,000 US troops" in listed(s), "Second listed")
    assert "filter: verified 1/1" in screen and "Officials said on Friday" not in listed(screen)
    assert "2 · unreviewed" not in listed(screen)  # the filter is back: sentence 2 is not listed
    tmux.keys("q")
    tmux.wait_gone()


def test_an_escape_in_a_note_is_shown_not_obeyed_on_a_real_terminal(
    tmux: Tmux, tmp_path: Path
) -> None:
    """A note holding an escape sequence (set by another process): the note editor shows it
    as ␛ on a real terminal, which therefore never obeys it, and saves it as it was."""
    command = workbench_command()
    db, env = environment(tmp_path)
    tmux.start([command], env)
    tmux.wait_for("withdrawing nearly 1,000")
    cli(command, db, "tag", "1", "1", "opinion", "--note", "red \x1b[41mALERT\x1b[0m note")
    tmux.wait_for("changed elsewhere")
    tmux.keys("n")
    screen = tmux.wait_for("Note on sentence 1")
    screen = tmux.wait_until(lambda s: "red ALERT" in s or s.count("red ␛[41mALERT") == 2,
                             "the note in its editor")  # fmt: skip
    assert "red ALERT" not in screen  # (an obeyed escape: the terminal turned ALERT red)
    assert screen.count("red ␛[41mALERT␛[0m note") == 2  # the editor and the detail pane
    save_and_quit(tmux, "Note on sentence 1")
    assert exported(command, db)["sentences"][0]["note"] == "red \x1b[41mALERT\x1b[0m note"


def test_opening_an_edited_file_says_what_became_of_the_reviews(tmux: Tmux, tmp_path: Path) -> None:
    """`workbench open FILE` re-imports an edited file: the screen says so, a review gone
    and a split not kept included, and so does the terminal once the screen is closed."""
    command = workbench_command()
    db, env = environment(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text("The bridge opened in May. The vote was 7 to 2.\n\nNobody objected.\n")
    cli(command, db, "import", str(story))
    cli(command, db, "tag", "1", "2", "disputed")
    story.write_text("The bridge opened in May.\n\nNobody objected at all.\n")
    line = f"{shlex_quote(command)} open {shlex_quote(str(story))}; echo EXIT=$?; sleep 60"
    tmux.start(["sh", "-c", line], env)
    tmux.wait_until(  # (a notification, its lines wrapped)
        lambda s: (
            "1 reviewed sentence gone from the new text" in " ".join(s.replace("▌", " ").split())
        ),
        "the re-import's notification",
    )
    tmux.keys("q")
    screen = " ".join(tmux.wait_for("EXIT=0").split())
    assert "workbench: warning: “Story” updated:" in screen
    assert "1 reviewed sentence gone from the new text" in screen


def test_enter_twice_in_a_dialog_closes_it_once(tmux: Tmux, tmp_path: Path) -> None:
    """A second enter arrives before the dialog is gone (a fast typist, a key's repeat): it
    closed the review screen under the dialog, and the app failed (status 1)."""
    command = workbench_command()
    db, env = environment(tmp_path)
    line = f"{shlex_quote(command)}; echo EXIT=$?; sleep 60"
    tmux.start(["sh", "-c", line], env)
    tmux.wait_for("withdrawing nearly 1,000")
    for opener, title in (("a", "Articles (1)"), ("w", "Who made the claim")):
        tmux.keys(opener)
        tmux.wait_for(title)
        tmux.keys("Enter", "Enter")
        tmux.wait_until(lambda s, t=title: t not in s or "EXIT=" in s, f"{title} closed")
        assert "EXIT=" not in tmux.screen(), opener
    tmux.keys("v")
    tmux.wait_for("1/15")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    assert exported(command, db)["sentences"][0]["verdict"] == "verified"


def test_keys_typed_right_after_e_reach_the_first_field(tmux: Tmux, tmp_path: Path) -> None:
    """Sent with the key that opens the form, before it is drawn: the form's scroll
    container took the focus first, and the keys were lost."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("e")
    tmux.keys("https://example.org/fastxx")  # (another write: it comes as the form opens)
    tmux.wait_for("https://example.org/fastxx")
    # backspace, enter, then the next field's text, at once: each key acts where it was
    # typed (enter, taken at once, left the backspaces to the next field, and the text
    # after it went to the field it left)
    tmux.keys("BSpace", "BSpace", "Enter", "Fast title", "Enter", "a quote")
    tmux.wait_for("a quote")
    save_and_quit(tmux, "URL (http or https)")
    (evidence,) = exported(command, db)["sentences"][0]["evidence"]
    assert (evidence["url"], evidence["title"], evidence["quote"]) == (
        "https://example.org/fast", "Fast title", "a quote",
    )  # fmt: skip


def test_arrows_typed_with_enter_in_the_split_editor_move_the_split(
    tmux: Tmux, tmp_path: Path
) -> None:
    """Enter waits behind the arrows sent with it (it was taken at once: the split went
    where the cursor had been)."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("S")
    tmux.wait_for("put the cursor where the second starts")
    tmux.keys(*["Left"] * 10, "Enter")
    tmux.wait_for("Split sentence 1 in two.")
    tmux.keys("q")
    tmux.wait_gone()
    first = exported(command, db)["sentences"][0]["text"]
    assert first.endswith("of its tr")


def test_editing_keys_typed_with_n_act_in_the_note(tmux: Tmux, tmp_path: Path) -> None:
    """Backspaces sent with the n that opens the note come before the editor has the focus:
    they were lost (only text was kept for it), and the note saved was not the one typed."""
    command = workbench_command()
    db, env = environment(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text("The bridge opened in May. Nobody objected.\n")
    cli(command, db, "import", str(story))
    cli(command, db, "tag", "1", "1", "verified", "--note", "Old note")
    tmux.start([command, "open", "1"], env)
    tmux.wait_for("The bridge opened in May.")
    tmux.keys("n", "x", *["BSpace"] * 5, "text", *["Left"] * 4, "good ")
    tmux.wait_for("Old good text")
    save_and_quit(tmux, "Note on sentence 1")
    assert exported(command, db)["sentences"][0]["note"] == "Old good text"


def test_text_typed_with_i_replaces_the_title_as_typing_after_it_does(
    tmux: Tmux, tmp_path: Path
) -> None:
    """A field selects its text when it takes the focus, and a key typed then replaces it;
    keys sent with the i that opens the form were added to the title instead."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("i", "A new title")
    tmux.wait_for("A new title")
    save_and_quit(tmux, "Details of article 1")
    assert exported(command, db)["article"]["title"] == "A new title"


def test_a_burst_with_enter_saves_the_form_and_its_last_key_acts_on_the_review(
    tmux: Tmux, tmp_path: Path
) -> None:
    """w, a claimant, enter and v in one burst: the enter was dropped (it came before the
    form's field had the focus) and the claimant stored was "Reutersv"."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("w", "Reuters", "Enter", "v")
    tmux.wait_for("1 verified")
    tmux.keys("q")
    tmux.wait_gone()
    first = exported(command, db)["sentences"][0]
    assert (first["claimant"], first["verdict"]) == ("Reuters", "verified")


def test_a_burst_in_the_note_editor_acts_key_by_key(tmux: Tmux, tmp_path: Path) -> None:
    """Backspaces and arrows in a burst acted after the text typed later in it (they were
    Textual's bindings for the editor)."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("n")
    tmux.wait_for("Note on sentence 1")
    tmux.keys("lazy dog", "BSpace", "BSpace", "Left", "Y", "Right", "!")
    tmux.wait_for("lazy Yd!")
    save_and_quit(tmux, "Note on sentence 1")
    assert exported(command, db)["sentences"][0]["note"] == "lazy Yd!"


def test_a_tab_sent_with_i_moves_to_the_url(tmux: Tmux, tmp_path: Path) -> None:
    command, db = on_the_sample(tmux, tmp_path)
    title = exported(command, db)["article"]["title"]
    tmux.keys("i", "Tab", "https://ex.com/a", "C-s")
    tmux.wait_for("Article details saved")
    tmux.keys("q")
    tmux.wait_gone()
    article = exported(command, db)["article"]
    assert (article["title"], article["url"]) == (title, "https://ex.com/a")


def test_ctrl_q_sent_with_a_note_asks_first(tmux: Tmux, tmp_path: Path) -> None:
    """It quit at once: the note had not yet reached the editor."""
    on_the_sample(tmux, tmp_path)
    tmux.keys("n", "abc", "C-q")
    tmux.wait_for("Quit and lose the text you have not saved?")
    tmux.keys("n")
    tmux.wait_until_gone("Quit and lose")
    assert "abc" in tmux.wait_for("Note on sentence 1")


def test_a_burst_split_in_two_after_a_tab_keeps_the_field_whole(tmux: Tmux, tmp_path: Path) -> None:
    """``e``, a tab and the title, the title's end in a second write (as a terminal may
    split a burst): the end reached the field ahead of the start, or replaced it."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("e", "Tab", "A tit")
    tmux.keys("le", "C-s")
    tmux.wait_for("§1")
    tmux.keys("q")
    tmux.wait_gone()
    (evidence,) = exported(command, db)["sentences"][0]["evidence"]
    assert evidence["title"] == "A title"


def test_text_typed_after_tabbing_off_the_stance_reaches_the_note(
    tmux: Tmux, tmp_path: Path
) -> None:
    """The tab leaving the stance's list acted once it had gone up to the app: the text
    after it had reached the list by then, and was lost."""
    command, db = evidence_form(tmux, tmp_path)
    tmux.keys("https://ex.com/x", "Tab", "T", "Tab", "Q", "Tab", "Tab", "my note", "C-s")
    tmux.wait_until_gone("URL (http or https)")
    tmux.keys("q")
    tmux.wait_gone()
    (evidence,) = exported(command, db)["sentences"][0]["evidence"]
    assert (evidence["url"], evidence["title"], evidence["note"]) == (
        "https://ex.com/x",
        "T",
        "my note",
    )


def test_escape_and_a_letter_in_one_burst_close_the_dialog_then_act(
    tmux: Tmux, tmp_path: Path
) -> None:
    """The terminal read escape and the v right after it as alt+v: the matches stayed open
    and both keys were lost.  Nothing binds alt+v: it is escape, then v."""
    command, db = on_the_sample(tmux, tmp_path)
    tmux.keys("x")
    tmux.wait_for("Matches of sentence 1")
    tmux.keys("Escape", "v")
    tmux.wait_for("1 verified")
    tmux.wait_until_gone("Matches of sentence 1")
    tmux.keys("q")
    tmux.wait_gone()
    assert exported(command, db)["sentences"][0]["verdict"] == "verified"
