"""Spelling: which words of a line of Markdown are prose, and a dictionary to check them.

`words()` finds the words worth checking in one line: never Markdown syntax, inline code,
link targets, URLs, e-mail addresses, `![](image:HANDLE)` references, HTML tags or
entities, numbers, or words with digits or underscores in them (identifiers, 3rd, MP3).
Apostrophes inside a word, straight or curly, belong to it (don’t, Stoltenberg’s).
Capitalised words and acronyms are checked like any other: hunspell knows NATO, and a
newsroom teaches it BALTOPS.

`Speller` wraps one Enchant dictionary (the system's hunspell dictionaries), chosen from
the article's language tag, with the newsroom's own words accepted. Enchant is imported only
when a Speller is opened, never when this module is, so nothing here costs start-up time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

# Where the dictionaries of a language run out, these stand in, in this order.
ENGLISH_FALLBACKS = ("en_GB", "en_US")
DEFAULT_LANGUAGE = "en-GB"
MAX_SUGGESTIONS = 6

_TLDS = (
    "com|org|net|edu|gov|mil|int|info|news|io|co|uk|eu|de|fr|nl|be|se|no|dk|fi|pl|ee|lv|lt|ru|ua|"
    "us|ca|au|nz|ie|tv|me|app|dev"
)
_SCHEMES = ("mailto:", "tel:", "image:", "data:", "file:")
_WORD = r"\w+(?:['’]\w+)*"
_POSSESSIVE = re.compile(r"^(.+?)(?:'s|s')$")


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    """Compiled when first used, not at import: the window imports this module at start-up."""
    return {
        "code": re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"),  # `code`, ``code with ` inside``
        "link": re.compile(
            r"\]\([^)]*\)"  # a link's or image's target: ](https://…), ](image:handle)
            r"|\]\[[^\]]*\]"  # a reference link's label: ][label]
            r"|\[\^[^\]]*\]"  # a footnote: [^note]
            r"|^ {0,3}\[[^\]]+\]:.*$"  # a link reference definition, its URL and title
        ),
        "markup": re.compile(
            r"<[A-Za-z/!][^>]*>"  # an HTML tag, a comment, an autolink <https://…>
            r"|&#?\w+;"  # an HTML entity
            r"|\{[:#.][^}]*\}"  # an attribute list {#id .class}
        ),
        "host": re.compile(rf"[\w-]\.(?:{_TLDS})\b"),  # a bare host name: gov.uk, example.com/news
        "scheme": re.compile(r"[A-Za-z][\w+.-]*:\S"),
        "run": re.compile(r"[^\s()<>\[\]]+"),  # what an address can be made of
        "word": re.compile(_WORD),
    }


def _masked(line: str, patterns: dict[str, re.Pattern]) -> list[tuple[int, int]]:
    """Where the line holds code, link targets, markup or addresses, as sorted spans. Each
    kind is looked for only when its marks are in the line: most lines of prose have none."""
    spans = []
    if "`" in line:
        spans += [m.span() for m in patterns["code"].finditer(line)]
    if "]" in line:
        spans += [m.span() for m in patterns["link"].finditer(line)]
    if "<" in line or "&" in line or "{" in line:
        spans += [m.span() for m in patterns["markup"].finditer(line)]
    if (
        "://" in line or "@" in line or "www." in line
        or (":" in line and any(scheme in line for scheme in _SCHEMES))
        or patterns["host"].search(line)
    ):  # fmt: skip
        for run in patterns["run"].finditer(line):
            text = run.group()
            if (
                "://" in text or "@" in text or text.startswith("www.")
                or (patterns["scheme"].match(text) and text.startswith(_SCHEMES))
                or patterns["host"].search(text)
            ):  # fmt: skip
                spans.append(run.span())
    spans.sort()
    return spans


def words(line: str) -> list[tuple[int, int, str]]:
    """(start, length, word) for each word of one line of Markdown prose worth checking."""
    patterns = _patterns()
    masked = _masked(line, patterns)
    found = []
    index, last = 0, len(masked)
    for match in patterns["word"].finditer(line):
        word = match.group()
        start = match.start()
        if "_" in word:  # emphasis marks around a word go; one inside makes an identifier
            stripped = word.lstrip("_")
            start += len(word) - len(stripped)
            word = stripped.rstrip("_")
            if "_" in word:
                continue
        if len(word) < 2 or not word.replace("'", "").replace("’", "").isalpha():
            continue  # digits (3rd, MP3, 2028)
        if last:
            end = start + len(word)
            while index < last and masked[index][1] <= start:
                index += 1
            if any(s < end and start < e for s, e in masked[index:index + 8]):
                continue
        found.append((start, len(word), word))
    return found


def is_code_line(line: str) -> bool:
    """An indented code block's line (four spaces or a tab), not a nested list item's."""
    if not (line.startswith("    ") or line.startswith("\t")):
        return False
    return re.match(r"\s*(?:[*+-]|\d+[.)])\s", line) is None


def dictionary_tags(language: str) -> list[str]:
    """Enchant dictionary names to try for a language tag (en-GB, en-us, en, fr), best first.

    English falls back to British, then American, English; another language has only its
    own dictionaries, since checking it against an English one would mark every word."""
    tag = (language or DEFAULT_LANGUAGE).strip().replace("-", "_")
    parts = [part for part in tag.split("_") if part]
    base = parts[0].lower() if parts else "en"
    region = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), "")
    tags = [f"{base}_{region}"] if region else []
    tags.append(base)
    if base == "en":
        tags += ENGLISH_FALLBACKS
    return list(dict.fromkeys(tags))


def choose_dictionary(language: str, available: Iterable[str]) -> str | None:
    """The installed dictionary for language, or None when none fits."""
    available = list(available)
    tags = dictionary_tags(language)
    for tag in tags:
        if tag in available:
            return tag
    base = tags[0].split("_")[0]  # another region's dictionary of the same language
    variants = sorted(tag for tag in available if tag.split("_")[0].lower() == base)
    return variants[0] if variants else None


def language_name(language: str) -> str:
    return (language or DEFAULT_LANGUAGE).strip() or DEFAULT_LANGUAGE


class Speller:
    """One dictionary and the newsroom's words. Not thread-safe: one thread uses it.

    A Speller without a dictionary (none installed for the language, or no Enchant) accepts
    every word, and `problem` says why in one sentence.
    """

    def __init__(self, dictionary=None, tag: str | None = None, problem: str | None = None):
        self._dictionary = dictionary
        self.tag = tag
        self.problem = problem
        self._accepted: set[str] = set()

    @classmethod
    def open(cls, language: str, accepted: Iterable[str] = ()) -> Speller:
        try:
            import enchant  # noqa: PLC0415 (loaded only when spelling is first needed)
        except ImportError:
            speller = cls(problem="Spelling is not checked: the Enchant library is not installed.")
        else:
            tag = choose_dictionary(language, enchant.list_languages())
            if tag is None:
                speller = cls(
                    problem=f"Spelling is not checked: no dictionary for the article's language "
                    f"({language_name(language)}) is installed."
                )
            else:
                try:
                    speller = cls(enchant.Dict(tag), tag)
                except enchant.errors.Error as error:
                    speller = cls(problem=f"Spelling is not checked: the {tag} dictionary could not be loaded ({error}).")
        speller.accept(*accepted)
        return speller

    @property
    def available(self) -> bool:
        return self._dictionary is not None

    def accept(self, *words: str) -> None:
        """Words taken as correct from now on (the newsroom's list, or one ignored)."""
        for word in words:
            word = _plain(word.strip())
            if not word or word in self._accepted:
                continue
            self._accepted.add(word)
            if self._dictionary is not None:
                self._dictionary.add_to_session(word)  # offered among suggestions too

    def check(self, word: str) -> bool:
        if self._dictionary is None:
            return True
        word = _plain(word)
        if self._accepted_word(word) or self._dictionary.check(word):
            return True
        possessive = _POSSESSIVE.match(word)
        if possessive and len(possessive.group(1)) > 1:
            stem = possessive.group(1)
            return self._accepted_word(stem) or self._dictionary.check(stem)
        return False

    def _accepted_word(self, word: str) -> bool:
        if word in self._accepted:
            return True
        # A word listed in lower case is right capitalised too; any word is right in capitals.
        lower = word.lower()
        if lower in self._accepted:
            return True
        return word.isupper() and any(a.upper() == word for a in self._accepted)

    def misspelt(self, line: str) -> list[tuple[int, int, str]]:
        return [token for token in words(line) if not self.check(token[2])]

    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        if self._dictionary is None:
            return []
        import difflib  # noqa: PLC0415 (suggestions are made on the checking thread only)

        curly = "’" in word
        # The newsroom's own words first when one is close (the dictionary's suggestions
        # do not include them).
        plain = _plain(word)
        close = difflib.get_close_matches(plain, self._accepted, n=2, cutoff=0.8)
        found: list[str] = []
        for suggestion in close + self._dictionary.suggest(plain):
            if curly:
                suggestion = suggestion.replace("'", "’")
            if suggestion not in found:
                found.append(suggestion)
        return found[:limit]


class Spellers:
    """Several languages at once: a word is right when any of them knows it. Languages
    without a dictionary take no part (with none at all, every word is right)."""

    def __init__(self, spellers: Iterable[Speller]):
        self.spellers = [speller for speller in spellers if speller.available]

    def check(self, word: str) -> bool:
        return not self.spellers or any(speller.check(word) for speller in self.spellers)

    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        found: list[str] = []
        for speller in self.spellers:
            found += [s for s in speller.suggest(word, limit) if s not in found]
        return found[:limit]


def _plain(word: str) -> str:
    """Hunspell's dictionaries spell the apostrophe straight."""
    return word.replace("’", "'")
