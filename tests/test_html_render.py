"""The HTML report renders its figures in a real browser (headless Chromium)."""

import os
import shutil
from pathlib import Path

import pytest

from analysis import reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("MINEBANS_REQUIRE_BROWSER") == "1"  # set by CI, which installs Chromium


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        if REQUIRED:
            pytest.fail("Chromium and chromedriver are required (apt-get install chromium chromium-driver)")
        pytest.skip("Chromium not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_html_report_shows_its_figures(browser, tmp_path: Path):
    result = reports.run_report(2009, tmp_path)
    assert result.ok, result.error
    browser.get((tmp_path / "2009" / "report.html").as_uri())
    sizes = browser.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]);")
    assert len(sizes) >= 3
    assert all(complete and width > 300 and height > 150 for complete, width, height in sizes)
    assert "Key numbers" in browser.find_element("tag name", "body").text
