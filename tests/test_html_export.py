"""The HTML report is one self-contained page: its title, contents, figure alt text, folded sources."""

from pathlib import Path
from urllib.parse import urlparse

import matplotlib
import nbformat
import pytest
from bs4 import BeautifulSoup

from analysis import html_export, paths, plots, reports

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PARAMETERS = ('report_year: int = 2025  # calendar year\n'
              'as_of: str = ""  # date\n'
              'region: str = ""  # region\n')
FIGURE_TITLES = ["Deaths by year", 'Mines & "stocks", 1999\u20132025']
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"


def _code(source: str, tag: str | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = [tag] if tag else []
    return cell


def small_report(folder: Path) -> Path:
    """A parameterised notebook with headings, two titled figures and a sources cell."""
    md = nbformat.v4.new_markdown_cell
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        md("# Fixture report\n\nA report small enough to run in a test."),
        _code(PARAMETERS, "parameters"),
        _code("import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n"
              "from analysis import plots\ndisplay(Markdown(f'**Report year {report_year}**'))"),
        md("## First section"),
        _code("fig, ax = plt.subplots()\nax.plot([1, 2, 3])\n"
              f"plots.finish_figure(fig, ax, {FIGURE_TITLES[0]!r}, 'Source: a test.')\nplots.show()"),
        md("### A subsection"),
        _code("fig, axes = plt.subplots(1, 2)\naxes[0].set_title('left panel')\n"
              f"fig.suptitle({FIGURE_TITLES[1]!r})\nplots.show()"),
        md("## Sources"),
        _code("display(Markdown('- First source\\n- Second source\\n- Third source'))", "sources"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "small_report.ipynb"
    nbformat.write(nb, path)
    return path


def _page(output_dir: Path, year: int, notebook: Path | None = None) -> BeautifulSoup:
    result = reports.run_report(year, output_dir, notebook=notebook)
    assert result.ok, result.error
    return BeautifulSoup((output_dir / str(year) / "report.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> BeautifulSoup:
    folder = tmp_path_factory.mktemp("small")
    return _page(folder / "out", 2025, small_report(folder))


@pytest.fixture(scope="module")
def annual(tmp_path_factory) -> BeautifulSoup:
    return _page(tmp_path_factory.mktemp("annual"), 2025)


def _external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme in {"http", "https"} or parsed.netloc)


def assert_self_contained(soup: BeautifulSoup) -> None:
    assert soup.select("script[src]") == []
    stylesheets = soup.select('link[rel~="stylesheet"]')
    assert [link["href"] for link in stylesheets if _external(link.get("href", ""))] == []
    assert all(img["src"].startswith("data:image/png;base64,") for img in soup.find_all("img"))
    assert "@import" not in "".join(style.get_text() for style in soup.find_all("style"))


def assert_contents_link_to_headings(soup: BeautifulSoup) -> list[str]:
    nav = soup.select_one("nav.minebans-contents")
    assert nav is not None
    targets = [a["href"] for a in nav.select("a")]
    assert targets and all(t.startswith("#") for t in targets)
    for target in targets:
        heading = soup.find(id=target[1:])
        assert heading is not None and heading.name in {"h2", "h3"}, target
    return [a.get_text() for a in nav.select("a")]


def assert_sources_folded(soup: BeautifulSoup) -> list:
    [details] = soup.select("details")
    summary = details.find("summary")
    assert summary is details.find(True), "the summary comes first"
    entries = details.select(".celltag_sources li")
    assert entries, "the list is inside <details>"
    assert summary.get_text(" ", strip=True).startswith(f"Sources ({len(entries)})")
    assert not soup.select(".celltag_sources:not(details *)"), "no sources cell outside <details>"
    return entries


def test_page_loads_nothing_from_elsewhere(page):
    assert_self_contained(page)
    assert "cdnjs" not in str(page) and "unpkg" not in str(page)


def test_page_has_a_real_title(page):
    assert page.title.get_text() == "Fixture report 2025"


def test_figures_have_their_title_as_alt_text(page):
    assert [img.get("alt") for img in page.find_all("img")] == FIGURE_TITLES


def test_contents_list_the_sections_in_order(page):
    assert assert_contents_link_to_headings(page) == ["First section", "A subsection", "Sources"]
    nested = page.select("nav.minebans-contents > ol > li > ol > li > a")
    assert [a.get_text() for a in nested] == ["A subsection"]
    nav, first = page.select_one("nav.minebans-contents"), page.find(id="First-section")
    assert first in nav.find_all_next("h2"), "the contents come before the first section"


def test_sources_are_folded_under_their_heading(page):
    entries = assert_sources_folded(page)
    assert [li.get_text() for li in entries] == ["First source", "Second source", "Third source"]
    assert page.select_one("details summary h2#Sources") is not None


def test_code_is_hidden_and_print_styles_are_inline(page):
    assert "plots.show()" not in str(page)
    css = "".join(style.get_text() for style in page.find_all("style"))
    assert "@media print" in css and "break-after: avoid" in css


def test_annual_report_page(annual):
    assert_self_contained(annual)
    assert annual.title.get_text() == "The Mine Ban Treaty: annual progress report 2025"
    alts = [img.get("alt") for img in annual.find_all("img")]
    assert len(alts) >= 10
    assert all(alt and alt != NBCONVERT_DEFAULT_ALT for alt in alts), alts
    assert "States Parties to the Mine Ban Treaty" in alts
    contents = assert_contents_link_to_headings(annual)
    assert contents[0] == "Key numbers" and contents[-1] == "Sources"
    assert len(assert_sources_folded(annual)) > 100


@pytest.mark.parametrize(
    ("notebook", "parameters", "title"),
    [
        ("annual_report.ipynb", {"report_year": 2007, "as_of": "", "region": "Africa"},
         "The Mine Ban Treaty: annual progress report 2007 (Africa)"),
        ("action_plan_progress.ipynb", {"meeting": "8MSP", "period_start": "", "period_end": ""},
         "Action plan progress between two meetings: 8MSP"),
        ("action_plan_progress.ipynb", {"meeting": "", "period_start": "2021-01-01", "period_end": "2021-12-31"},
         "Action plan progress between two meetings: 2021-01-01 to 2021-12-31"),
        ("action_plan_progress.ipynb", None, "Action plan progress between two meetings"),
    ],
)
def test_page_title_names_what_the_report_covers(notebook, parameters, title):
    nb = nbformat.read(paths.notebooks_dir() / notebook, as_version=4)
    if parameters is not None:
        nb.metadata["papermill"] = {"parameters": parameters}
    assert html_export.page_title(nb) == title


def test_figure_title_prefers_the_suptitle():
    fig, (left, right) = plt.subplots(1, 2)
    left.set_title("a", loc="left")
    right.set_title("b")
    assert plots.figure_title(fig) == "a; b"
    fig.suptitle("Both")
    assert plots.figure_title(fig) == "Both"
    assert plots.figure_title(plt.figure()) == ""
    plt.close("all")
