"""python-markdown's inline pass, made linear in the number of blocks and of links.

Its link patterns find where a link's text ends by working out, for every character of the
paragraph, where its bracket closes, again after each link is made: a paragraph of 9,000
links took minutes. Here the text's end is found by scanning forward from its "[" to the
"]" that closes it; core.markdown_limits has escaped every "[" that never closes or nests
deeper than it allows, so each character is scanned a bounded number of times.

Its InlineProcessor.run finds each element's place among its siblings with
list(parent).index(child), and takes its work list from the front of a Python list: both
cost the number of siblings, for every sibling, so a body of 10,000 paragraphs took seconds
and one of 100,000 minutes. This is the same pass with the place counted as the children
are walked (nothing is ever inserted before the child being worked on) and the work list a
deque. Registered in place of the originals by core.rendering. Pure Python, no Qt.
"""

from __future__ import annotations

import re
import types
from collections import deque
from xml.etree import ElementTree as etree

from markdown import inlinepatterns, treeprocessors, util

_BRACKET = re.compile(r"[\[\]]")


class LinearInlineProcessor(treeprocessors.InlineProcessor):
    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        handle_inline = self._InlineProcessor__handleInline
        process_placeholders = self._InlineProcessor__processPlaceholders
        self.stashed_nodes = {}
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {c: p for p in tree.iter() for c in p}
        stack = deque([(tree, tree_parents)])
        self._InlineProcessor__build_ancestors(tree, tree_parents)
        while stack:
            current, parents = stack.popleft()
            self.ancestors = parents
            if current is not tree:
                self.ancestors.append(current.tag.lower())
            insert_queue = []
            for place, child in enumerate(current):  # children are only ever added after it
                if child.text and not isinstance(child.text, util.AtomicString):
                    self.ancestors.append(child.tag.lower())
                    text = child.text
                    child.text = None
                    found = process_placeholders(handle_inline(text), child)
                    for item in found:
                        self.parent_map[item[0]] = child
                    stack.extend(found)
                    insert_queue.append((child, found))
                    self.ancestors.pop()
                if child.tail:
                    tail = handle_inline(child.tail)
                    holder = etree.Element("d")
                    child.tail = None
                    tail_result = process_placeholders(tail, holder, False)
                    if holder.tail:
                        child.tail = holder.tail
                    tail_result.reverse()
                    for new_child in tail_result:
                        self.parent_map[new_child[0]] = current
                        current.insert(place + 1, new_child[0])
                if len(child):
                    self.parent_map[child] = current
                    stack.append((child, self.ancestors[:]))
            for element, found in insert_queue:
                for index, item in enumerate(found):
                    element.insert(index, item[0])
        self.parent_map = {}
        self.stashed_nodes = {}
        return tree


def _link_text(self, data: str, index: int) -> tuple[str, int, bool]:
    """LinkInlineProcessor.getText, scanning from index to the closing bracket only."""
    depth = 1
    for match in _BRACKET.finditer(data, index):
        depth += 1 if match.group() == "[" else -1
        if depth == 0:
            return data[index:match.start()], match.end(), True
    return data[index:], len(data), False


def use_linear_inline(md) -> None:
    """Put the linear pass in place of each of python-markdown's own inline passes (the
    main one, and Smarty's with its own patterns), at the same name and priority, and the
    forward scan in place of each link pattern's search for the end of its text."""
    for pattern in md.inlinePatterns:
        if isinstance(pattern, inlinepatterns.LinkInlineProcessor):
            pattern.getText = types.MethodType(_link_text, pattern)
    registry = md.treeprocessors
    for item in list(registry._priority):
        original = registry[item.name]
        if type(original) is treeprocessors.InlineProcessor:
            linear = LinearInlineProcessor(md)
            linear.inlinePatterns = original.inlinePatterns
            registry.register(linear, item.name, item.priority)
