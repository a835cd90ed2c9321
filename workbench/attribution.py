"""Who made a claim, as the sentence itself says it: a suggestion for the claimant.

News prose attributes claims in a few set ways: "according to the Wall Street
Journal (WSJ)", "…, the minister said", "US officials said …", "said Jane
Doe", "CENTCOM described the withdrawal as …".  ``suggest_claimant`` reads
those and returns the short name a reviewer would type; the reviewer confirms
or corrects it (nothing is stored without them).  Plain rules, no model: what
they don't recognise gives None rather than a guess.
"""

from __future__ import annotations

import re

# "U.S." is one token; a word may hold apostrophes, hyphens and "&" (AT&T).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w[\w’'&-]*|[^\w\s]")

REPORTING_VERBS = frozenset(
    "said says say told tells tell claimed claims claim announced announces announce stated"
    " states reported reports added adds argued argues insisted insists warned warns noted"
    " notes explained explains confirmed confirms denied denies alleged alleges asserted"
    " asserts maintained maintains wrote writes tweeted tweets posted declared declares"
    " acknowledged acknowledges admitted admits".split()
)
_DESCRIBING = frozenset({"described", "describes", "describe", "called", "calls", "labelled",
                         "labeled", "characterised", "characterized"})  # fmt: skip
# Between the subject and its verb: "has said", "also told", "reportedly claimed".
_AUXILIARIES = frozenset(
    "has have had will would could may might did does do also already previously earlier"
    " later again then now reportedly repeatedly publicly privately".split()
)
# A verb after these is passive ("was described as"): the subject is not the speaker.
_PASSIVE = frozenset("was were is are be been being".split())
# Where a subject begins: nothing before these belongs to it.
_CLAUSE_STARTS = frozenset(
    "that which who whom whose while when where because as but however and or if though"
    " although since after before so than then instead meanwhile also yet still later".split()
)
# Inside a name only between capitalised words ("Ministry of Defence", "officials in
# Washington"); anywhere else the subject is not a speaker ("the decision to leave").
_PREPOSITIONS = frozenset("in on at by for from with to of about over into under".split())
_TIMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight"
    " january february march april june july august september october november"
    " december".split()
)
_QUANTIFIERS = frozenset(
    "two three four five six seven eight nine ten several some many multiple numerous"
    " various other".split()
)
_DETERMINERS = frozenset({"the", "a", "an"})
_NOT_CLAIMANTS = frozenset(
    "he she they it we i you this that these those there here who which what one someone"
    " something anyone nobody everyone it's".split()
)
_PUNCTUATION = frozenset(",;:()[]{}\"“”‘’'—–-!?.")
# Where a name after "according to" or "said" ends.
_PHRASE_ENDS = frozenset("citing who which that said says in on at as and".split())
_SAID_ENDS = frozenset("who that which in on at adding citing".split())
MAX_WORDS = 6


def suggest_claimant(text: str) -> str | None:
    """The person or organisation the sentence attributes its claim to, or None.

    >>> suggest_claimant("Troops are leaving, the minister said.")
    'the minister'
    >>> suggest_claimant("CENTCOM described the withdrawal as orderly.")
    'CENTCOM'
    """
    tokens = _TOKEN.findall(text)
    for find in (_according_to, _subject_of_verb, _said_after):
        name = find(tokens)
        if name:
            return name
    return None


def _according_to(tokens: list[str]) -> str | None:
    """The name after "according to": "the Wall Street Journal (WSJ) citing …" -> "Wall
    Street Journal"."""
    for i in range(len(tokens) - 1):
        if tokens[i].lower() == "according" and tokens[i + 1].lower() == "to":
            phrase = _phrase_after(tokens, i + 2)
            lowered = [w.lower() for w in phrase]
            if phrase and not _looks_like_name(phrase):
                # "according to a statement from the Pentagon": the Pentagon speaks
                for link in ("from", "by", "of"):
                    if link in lowered[1:]:
                        inner = phrase[lowered.index(link) + 1 :]
                        if _looks_like_name(inner):
                            phrase = inner
                        break
            name = _name(phrase)
            if name:
                return name
    return None


def _phrase_after(tokens: list[str], start: int) -> list[str]:
    """Words from ``start`` up to a comma, a bracket, or a word that starts a new clause."""
    phrase: list[str] = []
    for word in tokens[start:]:
        if word in _PUNCTUATION or word.lower() in _PHRASE_ENDS:
            break
        phrase.append(word)
        if len(phrase) > MAX_WORDS + 2:
            return []
    return phrase


def _subject_of_verb(tokens: list[str]) -> str | None:
    """The subject of a reporting verb: "US officials said …", "…, the minister said.",
    "CENTCOM described X as …"."""
    lowered = [t.lower() for t in tokens]
    for i, word in enumerate(lowered):
        if word in _DESCRIBING and "as" not in lowered[i + 1 :]:
            continue
        if word not in REPORTING_VERBS and word not in _DESCRIBING:
            continue
        j = i - 1
        # "has said", "also told" (but "Theresa May said": May is a name)
        while (
            j >= 0 and tokens[j].islower() and (lowered[j] in _AUXILIARIES or lowered[j] == "not")
        ):
            j -= 1
        if j >= 0 and lowered[j] in _PASSIVE:
            continue
        if j >= 0 and tokens[j] == ",":
            j = _before_apposition(tokens, lowered, j)
        name = _name(_subject_before(tokens, lowered, j))
        if name:
            return name
    return None


def _before_apposition(tokens: list[str], lowered: list[str], comma: int) -> int:
    """Where the name before an apposition ends: "Smith, a spokesman, said" (else -1)."""
    for k in range(comma - 1, max(-1, comma - MAX_WORDS - 2), -1):
        if tokens[k] == ",":
            return k - 1 if k + 1 < comma and lowered[k + 1] in _DETERMINERS else -1
    return -1


def _subject_before(tokens: list[str], lowered: list[str], j: int) -> list[str]:
    """The words ending at ``j`` that name who speaks; empty when they can't."""
    subject: list[str] = []
    while j >= 0:
        word, low = tokens[j], lowered[j]
        if len(subject) > MAX_WORDS:
            return []
        if word in _PUNCTUATION and word not in {"'", "’"}:
            break
        if _acronym(word):
            pass  # "the WHO reported": an acronym is a name, whatever word it spells
        elif low in _TIMES:
            break  # "On Friday the minister said"
        elif low in _CLAUSE_STARTS:
            # "Trump and Netanyahu said": "and" between two names is part of them
            if not (low == "and" and _capital(subject) and j > 0 and tokens[j - 1][:1].isupper()):
                break
        elif low in _PREPOSITIONS:
            before = lowered[j - 1] if j > 0 else ""
            if not (_capital(subject) and before and tokens[j - 1] not in _PUNCTUATION
                    and before not in _CLAUSE_STARTS | _PREPOSITIONS):  # fmt: skip
                return []  # "the decision to withdraw troops announced …"
        subject.insert(0, word)
        j -= 1
    return subject


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _capital(words: list[str]) -> bool:
    """The words start with a capitalised one (after "the", if any)."""
    rest = words[1:] if words and words[0].lower() in _DETERMINERS else words
    return bool(rest) and rest[0][:1].isupper()


def _said_after(tokens: list[str]) -> str | None:
    """The name after a quote's "said": '"We are leaving," said the minister.'."""
    lowered = [t.lower() for t in tokens]
    for i, word in enumerate(lowered):
        if word not in {"said", "says", "added", "wrote", "tweeted"}:
            continue
        if i > 0 and tokens[i - 1] not in _PUNCTUATION:
            continue
        phrase = []
        for w in tokens[i + 1 :]:
            if w in _PUNCTUATION or w.lower() in _SAID_ENDS:
                break
            phrase.append(w)
        if len(phrase) > MAX_WORDS or not (_capital(phrase) or phrase[:1] == ["the"]):
            continue  # "said no", "said the withdrawal was …" are not names
        name = _name(phrase)
        if name:
            return name
    return None


def _looks_like_name(words: list[str]) -> bool:
    return _capital(words)


def _name(words: list[str]) -> str | None:
    """The words as a claimant's name, or None when they can't be one.

    "the WSJ" -> "WSJ" (a proper name needs no article); "the minister" stays
    as it is (a role: the article is part of it); "a source" is nobody.
    """
    while words and words[0].lower() in _QUANTIFIERS:
        words = words[1:]  # "three senior US officials" -> "senior US officials"
    if not words or len(words) > MAX_WORDS:
        return None
    first = words[0].lower()
    if any(w.lower() in _NOT_CLAIMANTS and not _acronym(w) for w in (words[0], words[-1])):
        return None
    if first in _DETERMINERS:
        if len(words) == 1:
            return None
        if words[1][:1].isupper():
            words = words[1:]
        elif first != "the" and not any(w[:1].isupper() for w in words[2:]):
            return None  # "a source said"; but "a spokesman for the Pentagon" is someone
        else:
            words = [first, *words[1:]]  # "The minister said" -> "the minister"
    if not words[0][:1].isalpha():
        return None
    return " ".join(words)
