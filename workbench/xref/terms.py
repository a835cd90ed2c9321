"""Text as the matcher sees it: links gone, hashtags split, numbers plain, stop words out.

The index is stemmed by SQLite FTS5's ``porter`` tokenizer; the store asks that
same tokenizer for the stems of these words (``store.tokens``), so words are looked
up in the index's vocabulary, and candidates scored again with BM25, by the very
stems the index holds.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can cannot could couldn't did didn't do does doesn't
    doing don't down during each few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm
    i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not
    of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them themselves
    then there there's these they they'd they'll they're they've this those through to too under
    until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
    you're you've your yours yourself yourselves also just like get got via amp rt""".split()
)

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_TAG = re.compile(r"[#@]([A-Za-z0-9_]+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])")
# A separator between a digit and three more: "[,.]" first, so the search skips to it.
_THOUSANDS = re.compile(r"[,.](?<=\d[,.])(?=\d{3}\b)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
# Chinese, Japanese and Korean are written without spaces: runs become overlapping
# character pairs, the usual way to give such text "words" to a full-text index.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}")


def _bigrams(match: re.Match[str]) -> str:
    run = match.group(0)
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


def _split_tag(match: re.Match[str]) -> str:
    return " ".join(_CAMEL.split(match.group(1))).replace("_", " ")


def clean(text: str) -> str:
    """Links removed, hashtags and handles split into words, numbers without separators.

    Each step runs only when the text holds what it looks for (every sentence of an
    imported article goes through here).
    """
    plain = text.isascii()
    if not plain:
        text = unicodedata.normalize("NFKC", text)
    lower = text.lower()
    if "http" in lower or "www." in lower or "pic.twitter" in lower:
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _TAG.sub(lambda m: " " + _split_tag(m) + " ", text)
    if "," in text or "." in text:
        text = _THOUSANDS.sub("", text)
    if not plain:
        text = _CJK.sub(_bigrams, text)
    return " ".join(text.split())


# Between the texts ``clean_all`` searches together: a space to ``\s``, in no word, so no
# step of ``clean`` matches across it.
_SEP = "\x1e"
# "www." in any case; the search skips from one "." to the next.
_WWW = re.compile(r"\.(?<=[wW]{3}\.)")
# The matches of _THOUSANDS, found by two searches that skip to the next "," or "."
# (faster than one for "[,.]" over a long text).
_THOUSANDS_AT = (re.compile(r",(?<=\d,)(?=\d{3}\b)"), re.compile(r"\.(?<=\d\.)(?=\d{3}\b)"))
# The first byte of a character from U+3000 to U+DFFF or from U+F000 in UTF-8: a text
# without any holds no Chinese, Japanese or Korean (_CJK).
_CJK_LEADS = tuple(bytes([b]) for b in (*range(0xE3, 0xEE), 0xEF))


def _unlink(text: str) -> str:
    lower = text.lower()
    if "http" in lower or "www." in lower or "pic.twitter" in lower:
        return _URL.sub(" ", text)
    return text


def _untag(text: str) -> str:
    if "#" in text or "@" in text:
        return _TAG.sub(lambda m: " " + _split_tag(m) + " ", text)
    return text


def _cut(text: str, at: list[int]) -> str:
    """``text`` without the characters at these places (in rising order)."""
    return "".join(text[a + 1 : b] for a, b in zip([-1, *at], [*at, len(text)], strict=True))


def clean_all(texts: Sequence[str]) -> list[str]:
    """``clean`` of each text, made for the claim index: the same words in the same order,
    the spaces between them left as they come (the index's tokenizer doesn't see them).

    An article's sentences are indexed in one go: each step searches all of them at once
    (joined by _SEP) and changes only those it finds something in.
    """
    out = list(texts)
    rest = [i for i, t in enumerate(out) if not t.isascii()]
    for i in rest:
        out[i] = unicodedata.normalize("NFKC", out[i])
    joined = _SEP.join(out)
    if "/" in joined or _WWW.search(joined):  # a link holds "://", "www." or ".com/"
        out = [_unlink(t) for t in out]
        joined = _SEP.join(out)
    if "#" in joined or "@" in joined:
        out = [_untag(t) for t in out]
        joined = _SEP.join(out)
    found = sorted(m.start() for pattern in _THOUSANDS_AT for m in pattern.finditer(joined))
    if found:
        starts = list(accumulate((len(t) + 1 for t in out), initial=0))
        cuts: dict[int, list[int]] = {}
        for at in found:
            i = bisect_right(starts, at) - 1
            cuts.setdefault(i, []).append(at - starts[i])
        for i, at_i in cuts.items():
            out[i] = _cut(out[i], at_i)
    if rest:
        held = _SEP.join(out[i] for i in rest).encode("utf-8", "surrogatepass")
        if any(lead in held for lead in _CJK_LEADS):
            for i in rest:
                out[i] = _CJK.sub(_bigrams, out[i])
    return out


def _latin(char: str) -> bool:
    return char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def fold_accents(text: str) -> str:
    """Diacritics dropped from Latin letters ("président" -> "president"), as the index does.

    Other scripts keep their marks: a Japanese voicing mark changes the word.
    """
    if text.isascii():
        return text
    out: list[str] = []
    base = ""
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not _latin(base):
                out.append(char)
            continue
        base = char
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _lower(text: str) -> str:
    """Lower case as the index's tokenizer has it: "Straße" stays "straße" (casefold
    would give "strasse", a word the index never holds); apostrophes made plain."""
    return text.lower().replace("\u03c2", "\u03c3").replace("\u2019", "'")


def tokens(text: str) -> list[str]:
    """Lower-case content words of ``text``, in order, stop words removed, accents folded.

    Words are split at apostrophes as the index's tokenizer splits them, once
    contractions are known for stop words; the stray letters left ("Dorian's"
    gives "dorian" and "s") are dropped.
    """
    return list(_cached_tokens(text) if len(text) <= 2000 else _tokens(text))


@lru_cache(maxsize=20_000)  # a stored claim is a candidate for many queries in a row
def _cached_tokens(text: str) -> tuple[str, ...]:
    return _tokens(text)


def _tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in _WORD.findall(fold_accents(_lower(clean(text)))):
        if word in STOP_WORDS:
            continue
        if "'" in word:
            out += [w for w in word.split("'") if len(w) > 1 and w not in STOP_WORDS]
        else:
            out.append(word)
    return tuple(out)


def for_fuzz(text: str) -> str:
    """The string rapidfuzz compares: cleaned, lower-case, content words only."""
    return " ".join(tokens(text))


MAX_TERMS = 32


def fts_query(text: str, limit: int = MAX_TERMS, drop: frozenset[str] = frozenset()) -> str | None:
    """An FTS5 query no input can break: every term quoted, OR-ed; None if nothing is left.

    Long queries keep their ``limit`` longest words: longer words are rarer, so
    they carry the match, and each common word left out spares BM25 scoring
    thousands of documents (the cost of a query grows with the documents hit).
    """
    seen: dict[str, None] = {}
    for t in tokens(text):
        seen.setdefault(t.replace('"', ""), None)
    terms = [t for t in seen if t and t not in drop]
    if len(terms) > limit:
        keep = set(sorted(terms, key=len, reverse=True)[:limit])
        terms = [t for t in terms if t in keep][:limit]
    return " OR ".join(f'"{t}"' for t in terms) if terms else None
