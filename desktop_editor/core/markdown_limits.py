"""What a body may be for the page to be made from it, and the one fix that keeps rendering
linear in the body's length.

Limits: the body's length, how deep lists and quotes nest (python-markdown re-reads the
text of every level again, so 5,000 levels take gigabytes) and how many links it has. The
check explains each one; the export refuses a body over them; the preview says so
instead of rendering it.

python-markdown looks for the end of every "[" and every "](" to the end of its paragraph
(its issue 798), and for the end of every "<" that could start a tag, so a paragraph of many
that never close takes time in the square of their number. defuse() escapes exactly those
openers, and backtick runs that never close, before rendering: they are shown as the same
characters, and each is looked at once.
Pure Python, no Qt.
"""

from __future__ import annotations

import re

MAX_BODY_CHARACTERS = 2_000_000  # about 300,000 words: a book, not an article
MAX_NESTING = 50  # lists and quotes inside each other
MAX_LINKS = 10_000
MAX_BRACKET_DEPTH = 16  # "[" inside "[": deeper ones are shown as they are, never as links

_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")
_ITEM = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SPECIAL = re.compile(r"\\.|`+|[\[\]()<>]", re.S)
# Each stands for an opener that never closes ("<", "[", "(", a backtick) while python-markdown
# reads the text, and is put back in the page it makes (restore_openers): a backslash or an
# entity in its place would be one more inline match each, and every match makes
# python-markdown build the paragraph's text again, which takes time in the square of their
# number. Private-use characters no article has; one that has them keeps them as entities.
STAND_INS = {"<": "\ue002", "[": "\ue003", "(": "\ue004", "`": "\ue005"}
_RESTORED = {stand_in: "&lt;" if opener == "<" else opener for opener, stand_in in STAND_INS.items()}
_STAND_IN = re.compile("[" + "".join(STAND_INS.values()) + "]")


def nesting_depth(text: str) -> int:
    """How deep lists and block quotes nest in the Markdown text (0: not at all)."""
    deepest = 0
    items: list[int] = []  # the indents of the list items open at this line
    for line in text.splitlines():
        quotes, position = 0, 0
        while (match := _QUOTE.match(line, position)) and match.end() > position:
            quotes, position = quotes + 1, match.end()
        rest = line[position:].expandtabs(4)
        content = rest.lstrip(" ")
        if not content:
            continue
        indent = len(rest) - len(content)
        if _ITEM.match(content):
            while items and items[-1] >= indent:
                items.pop()
            items.append(indent)
        elif indent == 0 and not quotes:
            items.clear()
        deepest = max(deepest, quotes + len(items))
    return deepest


def link_count(text: str) -> int:
    return text.count("](") + text.count("][")


def body_problems(body: str) -> list[str]:
    """One sentence for each limit the body is over; [] when it is within all of them."""
    if len(body) > MAX_BODY_CHARACTERS:  # the rest is not looked at: it would take long
        return [f"The body is {len(body):,} characters long; the page allows {MAX_BODY_CHARACTERS:,}."]
    found = []
    depth = nesting_depth(body)
    if depth > MAX_NESTING:
        found.append(f"The body is nested {depth:,} levels deep (lists and quotes); the page allows {MAX_NESTING}.")
    links = link_count(body)
    if links > MAX_LINKS:
        found.append(f"The body has {links:,} links; the page allows {MAX_LINKS:,}.")
    return found


def defuse(text: str) -> str:
    """text with every "[", "](" and "<" that never closes in its paragraph, and every
    backtick run that never closes, escaped: shown the same, parsed in linear time."""
    if "[" not in text and "`" not in text and "<" not in text:
        return text
    text = _STAND_IN.sub(lambda found: f"&#x{ord(found.group()):x};", text)
    out: list[str] = []
    block: list[str] = []
    fence = ""
    for line in text.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence or opening or not line.strip():
            out.append(_defused_block("".join(block)))
            block = []
            out.append(line)
            if fence and opening and opening.group(1).startswith(fence):
                fence = ""
            elif opening and not fence:
                fence = opening.group(1)
            continue
        block.append(line)
    out.append(_defused_block("".join(block)))
    return "".join(out)


def _defused_block(block: str) -> str:
    if "[" not in block and "`" not in block and "<" not in block:
        return block
    tokens = [(m.start(), m.group()) for m in _SPECIAL.finditer(block)]
    code = _code_spans(tokens)
    escape: list[int] = []
    squares: list[int] = []
    rounds: list[tuple[int, bool]] = []  # (position, follows a "]")
    angle: int | None = None  # a "<" not yet closed by a ">"
    previous = ""
    for index, (position, token) in enumerate(tokens):
        if index in code:
            if code[index] is None:  # a backtick run that never closes
                escape.extend(range(position, position + len(token)))
            previous = ""
            continue
        if token == "[":
            if len(squares) >= MAX_BRACKET_DEPTH:
                escape.append(position)
            else:
                squares.append(position)
        elif token == "]" and squares:
            squares.pop()
        elif token == "(":
            rounds.append((position, previous == "]" and position > 0 and block[position - 1] == "]"))
        elif token == ")" and rounds:
            rounds.pop()
        elif token == "<":
            if angle is not None:
                escape.append(angle)  # another "<" came first: that one was no tag
            angle = position
        elif token == ">":
            angle = None
        previous = token if len(token) == 1 else ""
    escape.extend(squares)
    if angle is not None:
        escape.append(angle)
    escape.extend(position for position, after_link_text in rounds if after_link_text)
    if not escape:
        return block
    pieces, last = [], 0
    for position in sorted(escape):
        pieces.append(block[last:position])
        pieces.append(STAND_INS[block[position]])
        last = position + 1
    pieces.append(block[last:])
    return "".join(pieces)


def restore_openers(html: str) -> str:
    """The page python-markdown made from defuse()'s text, each opener it stood for shown again."""
    return _STAND_IN.sub(lambda found: _RESTORED[found.group()], html)


def _code_spans(tokens: list[tuple[int, str]]) -> dict[int, int | None]:
    """For the backtick runs among tokens (by index): the index of the run that closes each
    opening run, or None for a run that never closes; runs inside a span are included too,
    as belonging to it. Linear: each run is paired with the next run of its length."""
    runs = [i for i, (_, token) in enumerate(tokens) if token.startswith("`")]
    following: dict[int, int | None] = {}
    last_of_length: dict[int, int] = {}
    for i in reversed(runs):
        length = len(tokens[i][1])
        following[i] = last_of_length.get(length)
        last_of_length[length] = i
    spans: dict[int, int | None] = {}
    inside_until = -1
    for i, (_, token) in enumerate(tokens):
        if i <= inside_until:
            spans[i] = i  # inside a code span: not markup
            continue
        if not token.startswith("`"):
            continue
        closing = following[i]
        if closing is None:
            spans[i] = None
        else:
            spans[i] = closing
            inside_until = closing
    return spans
