"""The web UI in headless Debian Chromium (Selenium with /usr/bin/chromedriver; nothing is downloaded)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1400"]

ARTICLE = ("Opposition leaders are traitors, and the reform is obviously a disaster for the country.\n\n"
           "“We will not give up,” the minister said at the press conference on Monday.\n\n"
           "Observers said the talks would continue next week.")
HOSTILE = ("Breaking news <script>window.__pwned = 1; alert('script')</script> and then "
           "<img src=x onerror=\"window.__pwned = 2; alert('img')\"> traitors <b>bold</b> "
           "<svg onload=\"window.__pwned = 3\"></svg> the end.")


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian chromium and chromium-driver are needed: run scripts/install-test-deps.sh")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="unspin-chromium-")
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def submit(driver, base: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/")
    area = driver.find_element(By.ID, "text")
    area.send_keys(text)  # typed like a paste; the page gets the text exactly
    driver.find_element(By.ID, "analyze").click()
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "result")))


def no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_paste_article_shows_highlighted_spans(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    submit(browser, live_server.url, ARTICLE)
    spans = browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.t")
    assert len(spans) >= 3
    titles = [s.get_attribute("title") for s in spans]
    assert any("technique: Name_Calling 0.87" in t for t in titles)
    overlapping = browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.multi")
    assert overlapping and "Exaggeration" in overlapping[0].get_attribute("title")
    assert overlapping[0].value_of_css_property("box-shadow") != "none"  # the overlap is drawn
    assert "rgba(0, 0, 0, 0)" not in spans[0].value_of_css_property("background-color")  # highlighted via the stylesheet
    assert "the minister" in browser.find_element(By.CSS_SELECTOR, ".quotes").text
    chip = browser.find_element(By.CSS_SELECTOR, "#legend .chip[data-label='Exaggeration']")
    chip.click()  # app.js runs under the CSP: toggling a technique dims its spans
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.dim")
    shot = tmp_path / "analyze.png"
    browser.save_screenshot(str(shot))
    print(f"\nscreenshot: {shot}")
    assert shot.stat().st_size > 10_000


def test_hostile_article_runs_nothing_and_shows_markup_as_text(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    submit(browser, live_server.url, HOSTILE)
    assert no_alert(browser)
    assert browser.execute_script("return window.__pwned") is None
    text = browser.find_element(By.ID, "article-text")
    assert "<script>window.__pwned = 1; alert('script')</script>" in text.text
    assert "<img src=x onerror=" in text.text
    assert not text.find_elements(By.CSS_SELECTOR, "script, img, svg, b")
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.t")  # still analysed and highlighted
    shot = tmp_path / "hostile.png"
    browser.save_screenshot(str(shot))
    print(f"\nscreenshot: {shot}")


def test_corpus_and_document_pages(browser, live_server, tmp_path):
    import httpx
    from selenium.webdriver.common.by import By

    for i, outlet in enumerate(["a.example", "b.example"]):
        body = {"text": f"{ARTICLE} Copy {i}.", "outlet": outlet, "published": f"2024-03-0{i + 1}", "title": f"Story {i}"}
        assert httpx.post(f"{live_server.url}/api/documents", json=body).status_code == 201
    browser.get(f"{live_server.url}/corpus?q=traitors")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#hits li")) == 2
    assert browser.find_elements(By.CSS_SELECTOR, "#technique-bars svg rect")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#clusters > li")) == 1
    browser.save_screenshot(str(tmp_path / "corpus.png"))
    browser.find_element(By.CSS_SELECTOR, "#hits li a").click()
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.t")
    assert "Near-duplicates" in browser.page_source
    browser.save_screenshot(str(tmp_path / "document.png"))
    print(f"\nscreenshots: {tmp_path / 'corpus.png'} {tmp_path / 'document.png'}")
