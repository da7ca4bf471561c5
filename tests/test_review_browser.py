"""The review page in a real browser: Debian's chromium, headless, driven by selenium through
Debian's chromedriver (no browser is downloaded). In CI (CI=true) a missing browser fails.

One page made from the shipped corpus is opened; the tests read it, filter it, edit it, reload
it, export the corrected beads and turn them into TMX with `paralign align --from-beads`.
With PARALIGN_SCREENSHOTS=1 the screenshots docs/review.md shows are written to docs/images/.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ROOT, STEM, TEXTS, run_paralign

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = ROOT / "docs" / "images"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)

pytestmark = pytest.mark.browser


def _missing_browser() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return ""


def _require_browser() -> None:
    missing = _missing_browser()
    if not missing:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs the real browser: {missing}")
    pytest.skip(missing)


class Browser:
    """One chromium with a fresh profile and a download folder of its own."""

    def __init__(self, width: int = 1280, height: int = 800) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = Path(tempfile.mkdtemp(prefix="paralign-chromium-"))
        self.downloads = self.profile / "downloads"
        self.downloads.mkdir()
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument(f"--user-data-dir={self.profile / 'profile'}")
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(self.downloads),
                "download.prompt_for_download": False,
            },
        )
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(self.downloads)},
        )

    def open(self, page: Path) -> None:
        self.driver.get(page.resolve().as_uri())
        self.wait(lambda: self.js("return document.documentElement.dataset.ready") == "true")

    def reload(self) -> None:
        """Reload the page and wait for the new document: `refresh` can return while the
        old one still answers, ready, with what was in memory rather than in storage."""
        self.js("window.paralignStale = true")
        self.driver.refresh()
        self.wait(
            lambda: (
                self.js("return !window.paralignStale && document.documentElement.dataset.ready")
                == "true"
            )
        )

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def wait(self, condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError("the page did not get there in time")

    def shown(self) -> tuple[int, int]:
        count = self.driver.find_element("id", "count")
        return int(count.get_attribute("data-shown")), int(count.get_attribute("data-total"))

    def quit(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The page, TMX and beads of the shipped corpus, made by the command a user runs."""
    _require_browser()
    folder = tmp_path_factory.mktemp("review")
    page, beads = folder / "review.html", folder / "beads"
    made = run_paralign(
        "align", TEXTS / "ru", TEXTS / "en", "--to", "beads", "-o", beads, "--html", page
    )
    assert made.returncode == 0, made.stderr
    return {"page": page, "beads": beads / f"{STEM}.beads", "folder": folder}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    _require_browser()
    started = Browser()
    try:
        yield started
    finally:
        started.quit()


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    """The module's chromium, with the edits of earlier tests forgotten."""
    blank = chromium.profile / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    chromium.driver.get(blank.as_uri())  # file: pages share one storage; clear it
    chromium.js("window.localStorage.clear()")
    for left in chromium.downloads.iterdir():
        left.unlink()
    return chromium


def _screenshot(browser: Browser, name: str) -> None:
    if os.environ.get("PARALIGN_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.driver.save_screenshot(str(SCREENSHOTS / name))


def _sentences(side: str) -> list[str]:
    from paralign.corpus import read_sentences

    lang = "ru" if side == "src" else "en"
    return [s.text for s in read_sentences(TEXTS / lang / f"{STEM}.md", lang)]


def test_every_bead_is_shown_with_the_full_text_of_its_sentences(
    corpus_page: dict[str, Path], browser: Browser
) -> None:
    from paralign.align.beads import parse_beads

    links = parse_beads(corpus_page["beads"].read_text(encoding="utf-8"))
    browser.open(corpus_page["page"])
    assert browser.shown() == (len(links), len(links))
    assert browser.js("return window.paralignReview.edits()") == []
    for side in ("src", "tgt"):
        texts = browser.js(
            "return Array.from(document.querySelectorAll('.side.' + arguments[0] + "
            "' .sent .text')).map(e => e.textContent)",
            side,
        )
        assert texts == _sentences(side)
    kinds = browser.js(
        "return Array.from(document.querySelectorAll('.bead')).map(e => e.dataset.kind)"
    )
    assert kinds == [link.kind for link in links]
    # emphasis is shown: «Цифровой коридор» is italic on both sides
    assert browser.js("return document.querySelectorAll('.side .i').length") >= 2
    # the swallowed sentence of gold bead [96]:[] is flagged on its row
    flagged = browser.js(
        "return Array.from(document.querySelectorAll('.findings li')).map(e => e.textContent)"
        ".filter(t => t.startsWith('possible-omission'))"
    )
    assert len(flagged) == 1
    _screenshot(browser, "review-page.png")


def test_threshold_rule_and_search_filters_change_the_count(
    corpus_page: dict[str, Path], browser: Browser
) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    from paralign.align.beads import parse_beads

    links = parse_beads(corpus_page["beads"].read_text(encoding="utf-8"))
    browser.open(corpus_page["page"])
    slider = browser.driver.find_element("id", "threshold")
    slider.send_keys(Keys.HOME)
    assert browser.shown()[0] == sum(link.score <= 0.0 for link in links)
    slider.send_keys(*([Keys.ARROW_RIGHT] * 85))
    assert browser.driver.find_element("id", "threshold-value").text == "0.85"
    below = sum(round(link.score, 3) <= 0.85 for link in links)
    assert 0 < browser.shown()[0] == below < len(links)
    slider.send_keys(Keys.END)
    assert browser.shown()[0] == len(links)
    Select(browser.driver.find_element("id", "rule")).select_by_value("possible-omission")
    assert browser.shown()[0] == 1
    browser.js("document.querySelector('.bead:not(.hidden) .ev').click()")
    assert browser.js("return document.querySelectorAll('.bead.show-ev .hit').length") > 0
    _screenshot(browser, "review-omission.png")
    Select(browser.driver.find_element("id", "rule")).select_by_value("")
    browser.driver.find_element("id", "search").send_keys("Erdoğan")
    assert 0 < browser.shown()[0] < len(links)


def test_next_suspicious_with_the_keyboard(corpus_page: dict[str, Path], browser: Browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    browser.open(corpus_page["page"])
    actions = ActionChains(browser.driver)
    current = "document.querySelector('.bead.current')"
    actions.send_keys("j").perform()
    first = browser.js(f"return {current}.dataset.index")
    # most suspicious first: the bead that swallowed «Подчеркнём», confidence 0.900
    assert "Подчеркнём" in browser.js(f"return {current}.textContent")
    top = float(browser.js(f"return {current}.dataset.suspect"))
    actions.send_keys("j").perform()
    assert browser.js(f"return {current}.dataset.index") != first
    assert float(browser.js(f"return {current}.dataset.suspect")) <= top
    score = browser.js(f"return {current}.dataset.score")
    has_finding = browser.js(f"return !!{current}.querySelector('.findings')")
    bar = browser.js(
        "return JSON.parse(document.getElementById('paralign-data').textContent).suspect"
    )
    suspect = float(browser.js(f"return {current}.dataset.suspect"))
    assert float(score) < 0.9 or has_finding or suspect >= bar
    actions.send_keys("k").perform()
    assert browser.js("return document.querySelector('.bead.current').dataset.index") == first
    browser.js("document.querySelector('.bead.current .ev').click()")
    assert browser.js("return document.querySelector('.bead.current .evidence').textContent")
    # learned-lexicon pairs are evidence too, highlighted on both sides of their bead
    lexical = browser.js(
        """
        const rows = Array.from(document.querySelectorAll('.bead')).slice(2, 30);
        for (const row of rows) {
          row.querySelector('.ev').click();
          const box = row.querySelector('.evidence');
          if (box && box.textContent.includes('lexicon ')) {
            return [box.textContent, row.querySelectorAll('.side.src .hit').length,
                    row.querySelectorAll('.side.tgt .hit').length];
          }
        }
        return null;
        """
    )
    assert lexical is not None
    assert lexical[1] > 0 and lexical[2] > 0


def _row(browser: Browser, index: int):  # type: ignore[no-untyped-def]
    return browser.driver.find_element("css selector", f".bead[data-index='{index}']")


def _click(browser: Browser, row, selector: str, position: int = 0) -> None:  # type: ignore[no-untyped-def]
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.click()
    buttons = row.find_elements("css selector", selector)
    buttons[position].click()


def test_merge_split_reload_export_and_back_to_tmx(
    corpus_page: dict[str, Path], browser: Browser
) -> None:
    from paralign.align.beads import parse_beads
    from paralign.tmx.inline import seg_text

    links = parse_beads(corpus_page["beads"].read_text(encoding="utf-8"))
    swallowed = next(i for i, k in enumerate(links) if 96 in k.src)
    assert links[swallowed].src == (95, 96)
    browser.open(corpus_page["page"])
    # 1. the swallowed sentence 96 gets a bead of its own: split before it
    _click(
        browser, _row(browser, swallowed), ".side.src .sent:nth-of-type(2) button[data-op=split]"
    )
    # 2. merge the first two beads (title and comment line) into one
    _click(browser, _row(browser, 0), "button.merge")
    assert browser.shown() == (len(links), len(links))  # one bead more, one fewer
    assert browser.js("return window.paralignReview.valid()") is True
    _screenshot(browser, "review-edited.png")
    browser.reload()
    assert len(browser.js("return window.paralignReview.edits()")) == 2
    assert _row(browser, 0).get_attribute("data-kind") == "2-2"
    _rows_follow_the_model(browser)
    browser.driver.find_element("id", "export").click()
    exported = browser.downloads / "review.beads"
    browser.wait(lambda: exported.exists() and exported.stat().st_size > 0)
    text = exported.read_text(encoding="utf-8")
    assert f"# document: {STEM}" in text
    tmx = corpus_page["folder"] / "corrected.tmx"
    made = run_paralign(
        "align",
        TEXTS / "ru" / f"{STEM}.md",
        TEXTS / "en" / f"{STEM}.md",
        "--from-beads",
        exported,
        "-o",
        tmx,
    )
    assert made.returncode == 0, made.stderr
    units = etree.parse(str(tmx)).getroot().find("body")
    beads = [tu.findtext("prop[@type='x-bead']") for tu in units]
    texts = [[seg_text(seg) for seg in tu.iter("seg")] for tu in units]  # codes dropped
    src = _sentences("src")
    assert beads[0] == "2-2" and texts[0][0] == f"{src[0]} {src[1]}"
    lone = [t for t, b in zip(texts, beads, strict=True) if b == "1-0"]
    assert [src[96]] in lone
    assert [src[95], _sentences("tgt")[85]] in texts
    # the same edits as align's TSV, into `tmx import`: no documents needed on the way back
    browser.driver.find_element("id", "export-tsv").click()
    pairs = browser.downloads / "review.tsv"
    browser.wait(lambda: pairs.exists() and pairs.stat().st_size > 0)
    imported = corpus_page["folder"] / "imported.tmx"
    made = run_paralign("tmx", "import", pairs, "-o", imported)
    assert made.returncode == 0, made.stderr
    rows = [
        [seg.xpath("string()") for seg in tu.iter("seg")]
        for tu in etree.parse(str(imported)).getroot().find("body")
    ]
    edited = parse_beads("\n".join(text.splitlines()[2:]))  # the corrected beads, as above
    tgt = _sentences("tgt")
    assert rows == [
        [" ".join(src[i] for i in k.src), " ".join(tgt[j] for j in k.tgt)]
        for k in edited
        if k.src and k.tgt
    ]
    assert rows[0][0] == f"{src[0]} {src[1]}" and [src[95], tgt[85]] in rows
    # undo, undo: the page is back to the aligner's beads and keeps that across a reload
    browser.driver.find_element("id", "undo").click()
    browser.driver.find_element("id", "undo").click()
    _rows_follow_the_model(browser)
    browser.reload()
    assert browser.js("return window.paralignReview.edits()") == []
    assert browser.js("return window.paralignReview.beadsText()").count("\n[") == len(links)


def test_move_and_no_counterpart_keep_the_alignment_valid(
    corpus_page: dict[str, Path], browser: Browser
) -> None:
    browser.open(corpus_page["page"])
    # move the target sentence of bead 3 up into bead 2, then give it no counterpart
    _click(browser, _row(browser, 2), ".side.tgt button[data-op=move]", 0)
    assert _row(browser, 1).get_attribute("data-kind") == "1-2"
    _click(browser, _row(browser, 1), ".side.tgt .sent:nth-of-type(2) button[data-op=alone]")
    assert [_row(browser, i).get_attribute("data-kind") for i in (1, 2, 3)] == ["1-1", "0-1", "1-0"]
    assert browser.js("return window.paralignReview.valid()") is True
    _rows_follow_the_model(browser)
    # an edit that cannot apply is refused and changes nothing
    before = browser.js("return window.paralignReview.beadsText()")
    first = _row(browser, 0)
    first.click()  # the row's sentence buttons are made when it is chosen
    browser.js(
        "document.querySelector('.bead[data-index=\"0\"] .side.src button[data-op=move]')"
        ".disabled = false"
    )
    first.find_element("css selector", ".side.src button[data-op=move]").click()
    assert browser.js("return window.paralignReview.beadsText()") == before


def _rows_follow_the_model(browser: Browser) -> None:
    """Edits re-render only the rows they touch: the rows must still be the model's beads."""
    from paralign.review.corrected import parse_corrected

    ((_, links),) = parse_corrected(browser.js("return window.paralignReview.beadsText()"))
    rows = browser.js(
        "return Array.from(document.querySelectorAll('.bead')).map(e => "
        "[+e.dataset.index, e.dataset.kind, e.querySelector('.num').textContent])"
    )
    assert rows == [[i, k.kind, f"#{i + 1}"] for i, k in enumerate(links)]


def _write_pair(folder: Path, source: list[str], target: list[str]) -> tuple[Path, Path]:
    (folder / "ru").mkdir()
    (folder / "en").mkdir()
    src, tgt = folder / "ru" / "doc.txt", folder / "en" / "doc.txt"
    src.write_text("\n".join(source) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(target) + "\n", encoding="utf-8")
    return src, tgt


def test_hostile_text_is_shown_as_text_and_runs_nothing(tmp_path: Path, browser: Browser) -> None:
    hostile = [
        '<img src=x onerror="window.__pwned=1"> Первое предложение.',
        "</script><script>window.__pwned=2</script> Второе.",
        "«Третье»\u2028& <b>жирное</b> предложение.",
    ]
    src, tgt = _write_pair(tmp_path, hostile, ["First <svg onload=window.__pwned=3>.", "2.", "3."])
    page = tmp_path / "page.html"
    made = run_paralign(
        "align", "--presegmented", src, tgt, "-o", tmp_path / "a.tmx", "--html", page
    )
    assert made.returncode == 0, made.stderr
    browser.open(page)
    assert browser.js("return window.__pwned === undefined") is True
    texts = browser.js(
        "return Array.from(document.querySelectorAll('.side.src .sent .text'))"
        ".map(e => e.textContent)"
    )
    assert texts == hostile
    assert browser.js("return document.querySelectorAll('main img, main svg, main b').length") == 0


def test_right_to_left_and_long_words_keep_the_layout(tmp_path: Path) -> None:
    _require_browser()
    long_word = "Donaudampfschifffahrtsgesellschaftskapitän" * 8
    source = [f"Первое предложение {long_word}.", "Второе предложение о погоде в Москве."]
    target = ["هذه هي الجملة الأولى " + long_word + ".", "الجملة الثانية عن الطقس في موسكو."]
    src, tgt = _write_pair(tmp_path, source, target)
    page = tmp_path / "page.html"
    made = run_paralign(
        "align",
        "--presegmented",
        "--force-languages",  # the layout test mixes scripts on purpose
        "--tgt-lang",
        "ar",
        src,
        tgt,
        "-o",
        tmp_path / "a.tmx",
        "--html",
        page,
    )
    assert made.returncode == 0, made.stderr
    for width in (1280, 420):
        browser = Browser(width, 800)
        browser.open(page)
        wide = browser.js("return document.documentElement.scrollWidth")
        viewport = browser.js("return document.documentElement.clientWidth")
        wider = browser.js(
            "return Array.from(document.querySelectorAll('*')).filter(e => "
            "e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)"
            ".map(e => e.tagName + '.' + e.className + e.scrollWidth + '>' + e.clientWidth)"
        )
        assert wide <= viewport, f"horizontal overflow at {width}px: {wide} > {viewport}, {wider}"
        direction = browser.js(
            "return getComputedStyle(document.querySelector('.side.tgt .sent .text')).direction"
        )
        assert direction == "rtl"
        if width < 500:
            _screenshot(browser, "review-narrow-rtl.png")
        browser.quit()


def test_the_page_of_a_tmx(corpus_page: dict[str, Path], browser: Browser, tmp_path: Path) -> None:
    tmx = tmp_path / "t.tmx"
    made = run_paralign(
        "align", TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md", "-o", tmx
    )
    assert made.returncode == 0, made.stderr
    page = tmp_path / "tmx.html"
    made = run_paralign("tmx", "review", tmx, "-o", page)
    assert made.returncode == 0, made.stderr
    browser.open(page)
    units = len(etree.parse(str(tmx)).getroot().find("body"))
    assert browser.shown() == (units, units)
    signature = browser.js("return document.querySelector('details.signature').textContent")
    assert "x-align-aligner" in signature
    data = json.loads(browser.js("return document.getElementById('paralign-data').textContent"))
    assert data["documents"][0]["name"] == STEM
