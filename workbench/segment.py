"""Article text -> sentences with paragraph numbers, exact offsets and stable keys.

Cut points come from ``sentencex`` (a maintained segmenter that runs at tens of
MB/s), asked about the article with its quote marks blanked out: on its own it
never splits inside a quotation, and readers do (each sentence of a quoted
passage is a claim of its own).  The rules named in ``RULES`` then correct what
it returns: quote marks go to the sentence they open or close, list items start
sentences, known wrong cuts are undone and known missed ones added.  Each rule
is a few lines below; ``bench/segmentation.py --rules`` shows what each changes
on real news, and the tests hold a made-up case for each.  The reviewer can
always join or split what is left.

Sentences partition each paragraph: the text between two cut points,
stripped of whitespace, so ``text[start:end] == sentence.text`` always holds
and only whitespace lies between sentences.  A sentence's key is the hash of
its normalised text and which occurrence of that text it is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import accumulate, chain, count, repeat
from operator import add

from sentencex import get_sentence_boundaries
from sentencex import segment as sentencex_segment

from workbench.model import Segment

# Each rule by name, with what it does.  All are on by default; ``segment(text,
# rules=...)`` runs with some off (bench/segmentation.py --rules does, to show
# what each one changes on real news).
RULES: dict[str, str] = {
    "quotations": "sentencex is asked with the quote marks blanked: it splits inside quotations",
    "quote-sides": "a quote mark goes with the sentence it opens or closes",
    "quote-continues": 'no cut before a lower-case word after a quote ("Why?" he asked) or a comma',
    "lists": "a list item (1. 2) b. (c) • ⁃, or - * at a line start) starts a sentence",
    "word-ends": "a cut after may, me, no, ok, art, etc., MS, LA before a capital",
    "bracket-ends": "a cut after a sentence in brackets, before a capital: (It was late.) Then",
    "clock": "no cut in 10 a.m. Friday or 5 p.m. on Monday",
    "before-number": "no cut in Vol. 3, No. 10, Jan. 29, Approx. 100",
    "titles": "no cut between a title and a name: Dr. Who, Brig. Gen. Lee, Ft. Hood",
    "leading-punctuation": "no sentence begins with . ) ] ! ? (they end the one before) or , ; :",
    "no-letters": "a piece with no letter or digit (an ellipsis, emoji) joins the sentence before",
    "attribution": "a short signature after a dash (- Name) stays with the sentence it signs",
    "four-dots": "compounds. | . . . The: a four-dot ellipsis's first dot ends the sentence",
}
ALL_RULES = frozenset(RULES)

# A paragraph ends at a blank line; text without blank lines has one per line.
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")

# Words that begin most sentences: after one of them a dot is a real end.
STARTERS = frozenset(
    "a an the he she it they we i you his her its their our this that these those there "
    "but and or so yet however meanwhile instead still also then now in on at by for from "
    "as if when while after before since although though".split()
)
# Never end a sentence when a name follows: "Dr. Who", "Brig. Gen. Lee".  Only
# in title case: "MS." is a disease, "Ms." a title.
TITLES = frozenset(
    "mr mrs ms mx dr prof sen rep gov gen brig lt col capt cpt sgt maj adm cmdr cdr rev hon "
    "pres supt insp det fr st mt ft".split()
)
# Followed by a number: "Vol. 3", "No. 10", "Jan. 29", "pp. 4-5", "Approx. 100".
BEFORE_NUMBERS = frozenset(
    "vol vols no nos fig figs p pp art sec ch chap para approx ca est ed eds op "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "10 a.m. Friday", "5 p.m. on Monday": the day, month or a lower-case word continues.
CLOCK = frozenset({"a.m.", "p.m.", "am.", "pm."})
CONTINUES_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec et est edt gmt utc cet pt ct mt bst".split()
)
# Ordinary words that sentencex reads as abbreviations, so that it never ends a
# sentence after them ("…called for 5 May. Labour has…", "…placed in me. I…").
# (The capital first, then the words' last letters: the dots most often fail there.)
_WORD_END = re.compile(
    r"\.(?=[ \t]+[\"'“‘(]?[A-Z])(?<=[yeokKtcSA]\.)(?:(?<=[Mm]ay\.)|(?<=me\.)|(?<=no\.)"
    r"|(?<=ok\.)|(?<=OK\.)|(?<=art\.)|(?<=etc\.)|(?<=MS\.)|(?<=LA\.))"
)
_WORD_ENDS = frozenset("May may me no ok OK art etc MS LA".split())
# A sentence in brackets ends where its bracket closes: "(It was late.) Then…"
_BRACKET_END = re.compile(r"\)(?<=[.!?]\))(?=[ \t]+[\"'“‘(]?[A-Z])")
# Words before a dot that a correction rule looks at (lower case), and the last
# three characters of each in any case (a quick first look), with the end of a
# spaced ellipsis (". . . .").
_SUSPECTS = frozenset({f"{t}." for t in TITLES} | CLOCK)
_TAILS = frozenset({w[-3:] for s in _SUSPECTS for w in (s, s.title(), s.upper())} | {". .", "..."})

# Quote marks.  Double ones are always quotes; a single one is an apostrophe
# when it has a letter or digit on both sides ("don't", "Dorian's").
_DOUBLE = '"“”„‟«»'
_SINGLE = "'‘’‚‛‹›"
_QUOTES = _DOUBLE + _SINGLE
_OPENING = frozenset("“„‟«‘‚‛‹")
_CLOSING = frozenset("”»’›")
_QUOTE_SET = frozenset(_QUOTES)
_GAP = frozenset(_QUOTES + " \t\n\r\f\v\xa0\u2009\u200a\u202f\u3000")
_LEADING = _QUOTES + "([{"  # skipped to find a sentence's first letter
_ALNUM = re.compile(r"[^\W_]")
# The whitespace that ``str.split`` splits at, besides the space and the line break.
_ASCII_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_SPACES = _ASCII_SPACES + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
_SPACES += "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

# List items.  A bullet starts one anywhere after a space; - * – at the start
# of a line.  A number or a lower-case letter with "." ")" ".)" or in brackets
# starts one when it follows the item before it ("1. … 2. …", "a) … b) …");
# the first item of a list is a 1 or an a after a colon or end punctuation, or
# any number or letter at the start of a line.
_BULLETS = "•⁃‣◦▪●"
_BULLET = re.compile(rf"[{_BULLETS}](?<=\s.)")
_DASH_ITEM = re.compile(r"(?<=\n)[ \t]*[-*–](?=[ \t])")
_ITEM = re.compile(  # (searched in " " + the paragraph: the pattern opens with a class)
    rf"[\s{_BULLETS}](?:\((\d{{1,2}}|[a-z])\)|(\d{{1,2}}|[a-z])(\.\)|[.)]))(?=\s)"
)
_MARKER_ONLY = re.compile(rf"[{_BULLETS}*–-]?\s*(?:\(?(?:\d{{1,2}}|[a-z])(?:\.\)|[.)]))?")
_MARKER_AT = re.compile(rf"[{_BULLETS} \t]*(\()?(?:\d{{1,2}}|[a-z])\.?(\))?")
_ITEM_START = frozenset("0123456789(abcdefghijklmnopqrstuvwxyz" + _BULLETS)
# Where a list may begin: "1." "a)" "(1)" "a.)" after a space, a colon or a
# bracket (each pattern opens with a literal, which the regex engine finds fast).
_LIST_HINTS = (
    re.compile(r"\. (?<=[\s:(][1a]\. )"),
    re.compile(r"\)\s(?:(?<=[\s:(][1a]\)\s)|(?<=[\s:(][1a]\.\)\s)|(?<=\([1a]\)\s))"),
)
_OPENS_LIST = frozenset(':.!?;"”’)')
_DASHES = "—–-"
_GIVES_BACK = ".)]!?"  # a piece that starts with these gives them to the sentence before
_JOINS = ",;:"  # a piece that starts with these continues the sentence before

# "compounds. . . . The practice": the first dot ends the sentence, the
# ellipsis opens the next one.
_FOUR_DOTS = re.compile(r"(?<=[^\s.])\.(?= \. \. \.$)")


def key_form(text: str) -> str:
    """The form a sentence is keyed by: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


DIGEST_CHARS = 16  # of the SHA-256's hex a key keeps


def _digest(norm: str) -> str:
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def _key(norm: str, occurrence: int) -> str:
    return f"{_digest(norm)}:{occurrence}"


def sentence_digest(text: str) -> str:
    """The hash part of a sentence's key: the same for every occurrence of the text."""
    return _digest(key_form(text))


def sentence_key(text: str, occurrence: int) -> str:
    """A key that survives edits elsewhere in the article (hash + which occurrence)."""
    return _key(key_form(text), occurrence)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, past the whitespace at both ends.

    The text between two blank lines (or, in a text without one, two line breaks),
    narrowed: finding the few separators and stepping past a character or two of
    whitespace costs less than a regex that matches every character of the text."""
    separators = (_BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK).finditer(text)
    n = len(text)
    spans: list[tuple[int, int]] = []
    append = spans.append
    start = 0
    for sep_start, sep_end in chain(map(re.Match.span, separators), ((n, n),)):
        start, end = strip_span(text, start, sep_start)
        if start < end:
            append((start, end))
        start = sep_end
    return spans


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past the whitespace at both ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def character_start(text: str, at: int) -> int:
    """``at``, moved back to the start of the character the reader sees there: never
    between a letter and its combining accent, inside an emoji sequence joined by a
    zero-width joiner, or before a variation selector or a skin tone."""
    while 0 < at < len(text) and (
        unicodedata.category(text[at]) in ("Mn", "Mc", "Me")
        or text[at] in "\u200d\ufe0e\ufe0f"
        or "\U0001f3fb" <= text[at] <= "\U0001f3ff"
        or text[at - 1] == "\u200d"
    ):
        at -= 1
    return at


def wrong_split(before: str, after: str, rules: frozenset[str] = ALL_RULES) -> bool:
    """True when a cut between ``before`` and ``after`` (at a dot) should not be there."""
    parts = before.rsplit(None, 1)
    last = parts[-1] if parts else ""
    parts = after.split(None, 1)
    if not last.endswith(".") or not parts:
        return False
    head = parts[0].lstrip(_LEADING)
    first = head[:1]
    if last.casefold() in CLOCK:
        return "clock" in rules and (
            first.islower()
            or first.isdigit()
            or head.rstrip(".,;:!?").casefold() in CONTINUES_CLOCK
        )
    stem = last[:-1].lstrip(_LEADING)
    if first.isdigit():
        return "before-number" in rules and stem.casefold() in BEFORE_NUMBERS
    return (
        "titles" in rules
        and first.isupper()
        and stem.istitle()
        and stem.casefold() in TITLES
        and head.rstrip(".,;:!?").casefold() not in STARTERS
    )


def _masked(text: str) -> str:
    """``text`` with its quote marks (not its apostrophes) turned into spaces."""
    plain = text.isascii()
    for q in '"' if plain else _DOUBLE:
        if q in text:
            text = text.replace(q, " ")
    spots = []
    n = len(text)
    for q in "'" if plain else _SINGLE:
        i = text.find(q)
        while i >= 0:
            if not (0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()):
                spots.append(i)
            i = text.find(q, i + 1)
    return _blanked(text, spots) if spots else text


def _blanked(text: str, spots: list[int]) -> str:
    """``text`` with a space at each of ``spots``."""
    pieces, pos = [], 0
    for i in sorted(set(spots)):
        pieces.append(text[pos:i])
        pos = i + 1
    pieces.append(text[pos:])
    return " ".join(pieces)


def _closes(text: str, start: int, pos: int, run: str, left: bool, right: bool) -> bool:
    """Does the run of quote marks at ``pos`` close the sentence before it?  (``left``,
    ``right``: is it attached to the text before, after; ``start``: the paragraph's.)"""
    if left != right:  # attached to one side only: it belongs there
        return left
    if all(c in _CLOSING for c in run):
        return True
    if all(c in _OPENING for c in run):
        return False
    # A straight quote with space on both sides: an odd number of double quotes
    # before it in the paragraph means a quotation is open and this one closes it.
    return text.count('"', start, pos) % 2 == 1


def _place(text: str, cut: int, start: int, end: int) -> int:
    """The cut moved inside the spaces and quote marks around it (within the
    paragraph ``start``-``end``) so that each quote mark stays with the sentence
    it opens or closes."""
    if (
        text[cut] not in _GAP
        and text[cut - 1] not in _QUOTE_SET
        and (text[cut - 1] not in _GAP or text[cut - 2] not in _QUOTE_SET)
    ):
        return cut  # no quote mark next to the cut
    lo = cut
    while lo > start and text[lo - 1] in _GAP:
        lo -= 1
    hi = cut
    while hi < end and text[hi] in _GAP:
        hi += 1
    gap = text[lo:hi]
    if lo == start or hi == end or gap.isspace():
        return cut
    place = lo  # just after the last mark that closes the sentence before
    for m in re.finditer(r"\S+", gap):
        a, b = lo + m.start(), lo + m.end()
        if a == lo and b == hi:  # no space at all: `."Next`, `.”“Next`
            for i in range(a, b):
                c = text[i]
                if c in _OPENING or (c == '"' and text.count('"', start, i) % 2 == 0):
                    return i
            return b
        if _closes(text, start, a, m.group(), a == lo, b == hi):
            place = b
    return place


def _list_paragraphs(text: str, starts: list[int]) -> set[int]:
    """Indexes (into ``starts``, the paragraph starts) of the paragraphs that may hold a
    list, besides those that open with a number, a bracket or a bullet, or hold a line break."""
    hits = [m.start() for m in _LIST_HINTS[0].finditer(text)]
    if ")" in text:
        hits.extend(m.start() for m in _LIST_HINTS[1].finditer(text))
    if not text.isascii():
        for b in _BULLETS:
            i = text.find(b)
            while i >= 0:
                hits.append(i)
                i = text.find(b, i + 1)
    return {bisect_right(starts, i) - 1 for i in hits}


def _items(para: str) -> list[int]:
    """Offsets where a list item begins (its bullet or marker)."""
    starts = []
    if not para.isascii():
        starts = [m.start() for m in _BULLET.finditer(para)]
    if "\n" in para:
        starts.extend(m.start() for m in _DASH_ITEM.finditer(para))
    prev: tuple[str, int] | None = None  # the style and number of the last item
    for m in _ITEM.finditer(" " + para):
        s = m.start()  # (the marker's offset in the paragraph)
        raw = m.group(1) or m.group(2)
        value = int(raw) if raw.isdigit() else ord(raw) - ord("a") + 1
        style = ("()" if m.group(1) else m.group(3)) + ("1" if raw.isdigit() else "a")
        before = para[:s].rstrip(" \t" + _BULLETS)
        line_start = not before or before[-1] == "\n"
        if prev == (style, value - 1) or line_start or (value == 1 and before[-1] in _OPENS_LIST):
            prev = (style, value)
            j = s
            while j and para[j - 1] in " \t" + _BULLETS:
                j -= 1
            if any(c in _BULLETS for c in para[j:s]):
                s = j  # the bullet before the number begins the item
            starts.append(s)
    return starts


def _signs(text: str, cut: int, after: str) -> bool:
    """Is ``after`` a short signature ("- Matthew Ingram") on the same line as the text before?"""
    return (
        after[1:2].isspace()
        and len(after.split()) <= 5
        and after.rstrip()[-1] not in ".!?"
        and "\n" not in text[max(0, cut - 3) : cut]
    )


def _judge(
    text: str,
    start: int,
    cut: int,
    nxt: int,
    first_piece: bool,
    listed: bool,
    rules: frozenset[str],
) -> int | None:
    """The cut between ``text[start:cut]`` and ``text[cut:nxt]`` as the rules have it
    (perhaps moved), or None when there is no sentence boundary there."""
    before = text[start:cut].rstrip()
    after = text[cut:nxt].lstrip()
    if not after:
        return None
    last, first = before[-1], after[0]
    if (first in _JOINS or first in _GIVES_BACK) and "leading-punctuation" in rules:
        if first in _JOINS and after[1:2] not in ")(":
            return None
        if not after.startswith((". .", "..")):
            run = len(after) - len(after.lstrip(_GIVES_BACK + _JOINS + _QUOTES))
            cut = text.index(first, cut) + run
            before = text[start:cut].rstrip()
            after = text[cut:nxt].lstrip()
            if not after:
                return None
            last, first = before[-1], after[0]
    if last == ".":
        if wrong_split(before[-24:], after[:24], rules):
            return None
    elif last in _JOINS and "quote-continues" in rules and first.islower():
        return None
    elif last in _QUOTE_SET and "quote-continues" in rules and after.lstrip(_LEADING)[:1].islower():
        return None  # "Why?" he asked.
    if listed and len(before) < 8 and _MARKER_ONLY.fullmatch(before.lstrip()):
        return None  # an item's marker stays with its item
    if not first.isalnum() and "no-letters" in rules:
        if not _ALNUM.search(after):
            return None  # joins the sentence before
        if first in _DASHES and "attribution" in rules and _signs(text, cut, after):
            return None
    if first_piece and "no-letters" in rules and not _ALNUM.search(before):
        return None  # a paragraph that opens with "…" or "—": it joins what follows
    if last == "." and "four-dots" in rules and before.endswith(" . . ."):
        m = _FOUR_DOTS.search(before)
        if m:
            return start + m.end()
    return cut


def _cut_points(text: str) -> list[int]:
    """sentencex's cut points: where each of its sentences ends.

    Its ``segment`` returns the sentences as slices of the text, twice as fast as
    ``get_sentence_boundaries`` builds the same offsets; it sometimes leaves out
    the blank lines between paragraphs, so the slices are found in the text in
    turn (past any whitespace), and should one not be there the offsets are
    asked for instead.

    It is asked with any whitespace beyond ASCII as a plain space (one character
    for one: the offsets hold): sentencex 1.0.32 stops with a panic of its Rust code
    on a capital, such a space and a dot ("U.S\u00a0. Next").  Should it stop on
    something else, the text has no cut points from it (the paragraphs and the
    rules still cut it): an article is never refused for its punctuation."""
    if not text.isascii():
        for space in _SPACES[len(_ASCII_SPACES) :]:
            if space in text:
                text = text.replace(space, " ")
    try:
        pieces = sentencex_segment("en", text)
        if "".join(pieces) == text:
            return list(accumulate(map(len, pieces)))
        cuts: list[int] = []
        pos = 0
        find = text.find
        for piece in pieces:
            i = find(piece, pos)
            if i < 0 or (i > pos and not text[pos:i].isspace()):
                return [b["end_index"] for b in get_sentence_boundaries("en", text)]
            pos = i + len(piece)
            cuts.append(pos)
        return cuts
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # (pyo3's PanicException: a BaseException, as KeyboardInterrupt)
        return []


def segment(text: str, *, rules: frozenset[str] = ALL_RULES) -> list[Segment]:
    """Split an article into sentences, in order, with offsets into ``text``.

    One pass over the article: sentencex's cut points for the whole text (its
    quote marks blanked), moved or joined by the cuts the rules add (list items,
    word ends) and the paragraph ends; then each cut judged in order.  The common
    cut (end punctuation after an ordinary word, a capital next) is kept at once,
    the others go to ``_judge``.
    """
    spans = paragraphs(text)
    if not spans:
        return []
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    added = ends[:]
    listing: set[int] = set()  # paragraphs with list items
    item_cuts: set[int] = set()  # where their items begin
    brackets: list[int] = []  # the brackets of their markers: "1)", "(a)"
    # Line breaks inside paragraphs (a blank-line text's paragraphs may have some).
    inner_breaks = text.count("\n", starts[0], ends[-1]) > sum(
        map(text.count, repeat("\n"), ends, starts[1:])
    )
    if "lists" in rules:
        maybe = _list_paragraphs(text, starts)
        maybe.update(p for p, a in enumerate(starts) if text[a] in _ITEM_START)
        if inner_breaks:
            maybe.update(p for p, (a, b) in enumerate(spans) if text.find("\n", a, b) > 0)
        for p in maybe:
            p_start, p_end = spans[p]
            starts = [p_start + c for c in _items(text[p_start:p_end])]
            if starts:
                listing.add(p)
                added.extend(c for c in starts if c != p_start)
                item_cuts.update(starts)
                for c in starts:
                    m = _MARKER_AT.match(text, c)
                    brackets.extend(m.start(g) for g in (1, 2) if m and m.start(g) >= 0)
    masked = _masked(text) if "quotations" in rules or "quote-sides" in rules else text
    asked = masked if "quotations" in rules else text
    if brackets:  # sentencex takes a marker's bracket for one that a later one closes
        asked = _blanked(asked, brackets)
    cuts = _cut_points(asked)
    if masked is not text and "quote-sides" in rules:
        # Paragraphs with quote marks: their cuts go to the right side of each mark.
        for p_start, p_end in spans:
            if masked[p_start:p_end] != text[p_start:p_end]:
                j, k = bisect_right(cuts, p_start), bisect_left(cuts, p_end)
                cuts[j:k] = [_place(text, c, p_start, p_end) for c in cuts[j:k]]
    if "word-ends" in rules:
        for m in _WORD_END.finditer(text):
            j = s = m.start()
            while j and text[j - 1].isalpha():
                j -= 1
            if text[j:s] in _WORD_ENDS:  # whole words only: "me." but not "time."
                added.append(m.end())
    if "bracket-ends" in rules and ")" in text:
        added.extend(m.end() for m in _BRACKET_END.finditer(text))
    cuts.extend(added)
    cuts.sort()  # (then each once: a paragraph's end is most often sentencex's cut too)
    cuts = list(dict.fromkeys(cuts))

    # The loop gathers each sentence's fields; the key forms, the keys and the
    # Segments are then made a column at a time (in C where they can be).
    rows: list[tuple[int, int, str]] = []  # (start, paragraph number, text)
    add_row = rows.append
    p = 0
    p_start, p_end = spans[0]
    items = 0 in listing
    start = p_start
    last_p = len(spans) - 1
    for cut in cuts:
        if not start < cut <= p_end:  # (past, or in the space between two paragraphs)
            continue
        before = text[start:cut].rstrip()
        if not before:
            continue
        if cut != p_end:
            last = before[-1]
            if not (
                last in ".!?"
                and text[cut].isupper()
                and not items
                and (start != p_start or before[0].isalnum())
                and (
                    before[-3:] not in _TAILS
                    or (
                        before[-10:].rsplit(None, 1)[-1].lstrip(_LEADING).lower() not in _SUSPECTS
                        and not before.endswith(" . . .")
                    )
                )
            ):
                n = bisect_right(cuts, cut)  # (the cut after this one)
                nxt = cuts[n] if n < len(cuts) else p_end
                moved = (
                    cut  # a list item starts a sentence
                    if cut in item_cuts
                    else _judge(text, start, cut, nxt, start == p_start, items, rules)
                )
                if moved is None:
                    continue
                if moved != cut:
                    cut = moved
                    before = text[start:cut].rstrip()
        a = start
        if before[0].isspace():
            sentence = before.lstrip()
            a += len(before) - len(sentence)
        else:
            sentence = before
        add_row((a, p + 1, sentence))
        if cut == p_end and p < last_p:
            p += 1
            p_start, p_end = spans[p]
            items = p in listing
            start = p_start
        else:
            start = cut
    if not rows:
        return []
    firsts, numbers, sentences = zip(*rows, strict=True)
    lasts = list(map(add, firsts, map(len, sentences)))
    return list(
        map(
            tuple.__new__,  # a Segment straight from its fields' tuple
            repeat(Segment),
            zip(
                count(1),
                numbers,
                firsts,
                lasts,
                sentences,
                _keys(_key_forms(text, firsts, lasts, sentences, inner_breaks)),
            ),
        )
    )


def _key_forms(
    text: str, starts: Sequence[int], ends: Sequence[int], sentences: Sequence[str], breaks: bool
) -> list[bytes]:
    """Each sentence's ``key_form`` in UTF-8 (``breaks``: may a sentence hold a line break?).

    Where the text has no whitespace but spaces (single) and line breaks (between
    paragraphs), the form of an ASCII sentence is its lower case (in a text all ASCII,
    a slice of the text's), and of an NFKC one its case folding."""
    plain = text.isascii()
    doubled = "  " in text  # else no sentence has two spaces running
    clean = not any(map(text.__contains__, _ASCII_SPACES if plain else _SPACES))
    if clean and plain and not doubled and not breaks:
        folded = text.lower().encode()  # (ASCII: its offsets are the text's)
        return list(map(folded.__getitem__, map(slice, starts, ends)))
    is_nfkc = partial(unicodedata.is_normalized, "NFKC")
    forms: list[bytes] = []
    add = forms.append
    for sentence in sentences:
        if not clean or (doubled and "  " in sentence) or (breaks and "\n" in sentence):
            add(key_form(sentence).encode())
        elif sentence.isascii():
            add(sentence.lower().encode())
        elif is_nfkc(sentence):  # key_form's other steps change nothing here
            add(sentence.casefold().encode())
        else:
            add(key_form(sentence).encode())
    return forms


def _keys(norms: list[bytes]) -> list[str]:
    """Each sentence's key (``_key``) from its key form in UTF-8, made a column at a time."""
    hashes = map(hashlib.sha256, norms)
    if len(set(norms)) == len(norms):  # each text once: the common case
        return [h.hexdigest()[:DIGEST_CHARS] + ":1" for h in hashes]
    seen: dict[bytes, int] = {}
    keys = []
    for norm, h in zip(norms, hashes, strict=True):
        occurrence = seen[norm] = seen.get(norm, 0) + 1
        keys.append(f"{h.hexdigest()[:DIGEST_CHARS]}:{occurrence}")
    return keys


def from_spans(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Sentences of ``text`` at these (start, end, paragraph), in order, keyed as ``segment``
    keys them (``_keys``: a sentence's text and which occurrence of it it is)."""
    spans = list(spans)
    pieces = [text[start:end] for start, end, _ in spans]
    keys = _keys([key_form(piece).encode() for piece in pieces])
    return [
        Segment(n, paragraph, start, end, piece, key)
        for n, ((start, end, paragraph), piece, key) in enumerate(
            zip(spans, pieces, keys, strict=True), 1
        )
    ]
