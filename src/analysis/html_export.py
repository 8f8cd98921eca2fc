"""The HTML page of an executed report notebook: self-contained, titled, with contents.

nbconvert's ``lab`` template does the rendering, through the ``minebans`` template
in ``templates/`` that leaves out every script loaded from elsewhere (require.js,
MathJax, Mermaid, widgets), inlines the print styles and gives each figure the alt
text its output carries (``plots.show`` puts the figure's title there). The page is
then finished with Beautiful Soup: a table of contents from the h2/h3 headings
before the first section, and the cell tagged ``sources`` folded into
``<details>`` under its heading.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from nbconvert import HTMLExporter
from nbformat import NotebookNode

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE_NAME = "minebans"
SOURCES_TAG = "sources"


@cache
def exporter() -> HTMLExporter:
    """An HTMLExporter with the project's template: code hidden, no prompts, figures embedded
    (one per process: its templates load once)."""
    return HTMLExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def first_heading(nb: NotebookNode) -> str | None:
    """The text of the first level-1 Markdown heading, if any."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("# "):
                return line[2:].strip().rstrip("#").strip()
    return None


def page_title(nb: NotebookNode) -> str:
    """The first heading, followed by what the papermill parameters say the report covers.

    ``report_year`` (and ``region``) of the annual report, the ``meeting`` or the
    period of the action plan progress report; the heading alone otherwise.
    """
    title = first_heading(nb) or "Mine Ban Treaty report"
    given = {k: v for k, v in nb.metadata.get("papermill", {}).get("parameters", {}).items() if v not in ("", None)}
    if "report_year" in given:
        return f"{title} {given['report_year']}" + (f" ({given['region']})" if "region" in given else "")
    if "meeting" in given:
        return f"{title}: {given['meeting']}"
    if "period_start" in given and "period_end" in given:
        return f"{title}: {given['period_start']} to {given['period_end']}"
    return title


def _text(heading: Tag) -> str:
    """A heading's text without nbconvert's ``¶`` anchor link."""
    heading = copy.copy(heading)
    for anchor in heading.select("a.anchor-link"):
        anchor.decompose()
    return heading.get_text(" ", strip=True)


def _cell(element: Tag) -> Tag | None:
    return element.find_parent("div", class_="jp-Cell")


def add_contents(soup: BeautifulSoup) -> Tag | None:
    """Put a table of contents of the h2 and h3 headings before the first h2's cell; returns it."""
    headings = [h for h in soup.select("main h2[id], main h3[id]") if _cell(h) is not None]
    if not headings:
        return None
    nav = soup.new_tag("nav", attrs={"class": "minebans-contents", "aria-labelledby": "minebans-contents"})
    title = soup.new_tag("h2", attrs={"id": "minebans-contents"})
    title.string = "Contents"
    top = soup.new_tag("ol")
    nav.extend([title, top])
    sub = None
    for heading in headings:
        item = soup.new_tag("li")
        link = soup.new_tag("a", href=f"#{heading['id']}")
        link.string = _text(heading)
        item.append(link)
        if heading.name == "h3" and top.contents:
            if sub is None:
                sub = soup.new_tag("ol")
                top.contents[-1].append(sub)
            sub.append(item)
        else:
            top.append(item)
            sub = None
    first = next((h for h in headings if h.name == "h2"), headings[0])
    _cell(first).insert_before(nav)
    return nav


def collapse_sources(soup: BeautifulSoup, tag: str = SOURCES_TAG) -> list[Tag]:
    """Fold each cell tagged ``tag`` into ``<details>``, its summary the heading above it and the count.

    A heading cell just before (a Markdown cell holding only a heading) moves into
    the summary, so the table of contents still links to it.
    """
    folded = []
    for cell in soup.select(f"div.jp-Cell.celltag_{tag}"):
        count = len(cell.select("li"))
        details = soup.new_tag("details", attrs={"class": "minebans-sources"})
        summary = soup.new_tag("summary", attrs={"class": "jp-RenderedHTMLCommon"})
        heading = _lone_heading(cell.find_previous_sibling("div", class_="jp-Cell"))
        if heading is not None:
            heading_cell = _cell(heading)
            summary.append(heading.extract())
            heading_cell.decompose()
        else:
            heading = soup.new_tag("h2")
            heading.string = "Sources"
            summary.append(heading)
        badge = soup.new_tag("span", attrs={"class": "minebans-count"})
        badge.string = f" ({count})"
        anchor = heading.select_one("a.anchor-link")
        if anchor is not None:
            anchor.insert_before(badge)
        else:
            heading.append(badge)
        cell.insert_before(details)
        details.extend([summary, cell.extract()])
        folded.append(details)
    return folded


def _lone_heading(cell: Tag | None) -> Tag | None:
    """The heading of a Markdown cell that holds nothing else."""
    if cell is None or "jp-MarkdownCell" not in cell.get("class", []):
        return None
    rendered = cell.select_one(".jp-RenderedMarkdown")
    children = [c for c in rendered.children if isinstance(c, Tag)] if rendered is not None else []
    if len(children) == 1 and children[0].name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        return children[0]
    return None


def to_html(nb: NotebookNode) -> str:
    """The finished page of an executed notebook."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = page_title(nb)
    body, _ = exporter().from_notebook_node(nb)
    soup = BeautifulSoup(body, features="html.parser")
    add_contents(soup)
    collapse_sources(soup)
    return str(soup)


def write(nb: NotebookNode, target: Path) -> None:
    """Write the page of the executed notebook ``nb`` to ``target``."""
    target.write_text(to_html(nb), encoding="utf-8")

