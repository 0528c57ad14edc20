"""A Python-Markdown extension (mkdocs.yml ``markdown_extensions``) that keeps
the anchors of the old heading rule alive: a heading whose anchor changed when
đ began to be read as d (see honour_roll/slugs.py) also carries an empty
element with its old id, so links shared before still land on it."""

from __future__ import annotations

import copy
import html
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

from honour_roll.site.slugs import heading_slug, legacy_heading_slug

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _LegacyAnchors(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        for el in list(root.iter()):
            if el.tag not in _HEADINGS or not el.get("id"):
                continue
            heading = copy.deepcopy(el)
            for child in list(heading):
                if "headerlink" in (child.get("class") or "").split():
                    heading.remove(child)  # the permalink the toc added
            name = html.unescape(strip_tags(render_inner_html(remove_fnrefs(heading), self.md)))
            new, old = heading_slug(name), legacy_heading_slug(name)
            current = el.get("id")
            # Only anchors made by the rule (also "x_1" of a repeated heading), never explicit ids.
            if old == new or not (current == new or current.startswith(new + "_")):
                continue
            old += current[len(new):]
            if old and old not in ids:
                ids.add(old)
                marker = etree.Element("span", {"id": old, "class": "hr-old-anchor"})
                marker.tail = el.text
                el.text = None
                el.insert(0, marker)


class LegacyAnchorsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After the toc (priority 5) has given every heading its id.
        md.treeprocessors.register(_LegacyAnchors(md), "honour_roll_legacy_anchors", 4)


def makeExtension(**kwargs) -> LegacyAnchorsExtension:
    return LegacyAnchorsExtension(**kwargs)
