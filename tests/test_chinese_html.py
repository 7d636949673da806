"""Chinese in the HTML: lang="zh" spans, CJK font stacks, a search index with Chinese words, and the PDF in the
toolbar's download menu. Tests that take the built book (``book``) are e2e; the others run on strings."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scaling_book.render.sphinx_html import (
    HTML_TOKEN,
    LANG_SPAN,
    PRINT_BUTTON,
    add_pdf_to_download_menu,
    quiet_chinese_search,
    tag_chinese,
)

CJK_FACES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei")
ROOT = Path(__file__).resolve().parents[1]
SCRIPT_OR_CODE = re.compile(r"<(script|code|pre|style|title)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def test_chinese_runs_are_tagged_in_text_only():
    html = (
        '<html lang="en"><head><title>Scaling Law 与收敛分析</title><meta content="收敛"></head>'
        '<body><p title="收敛">Convergence (收敛度) and 反收敛，“quotes”</p>'
        "<code>收敛</code><pre><span>分层</span></pre><script>var a = '收敛';</script>"
        "<svg><text>收敛</text></svg><br/><p>分化</p></body></html>"
    )
    tagged = tag_chinese(html)
    assert '(<span lang="zh">收敛度</span>)' in tagged
    assert '<span lang="zh">反收敛，</span>“quotes”' in tagged  # a full-width comma belongs to the run; “ does not
    assert '<p><span lang="zh">分化</span></p>' in tagged  # after a void element and the end of the svg
    assert "<title>Scaling Law 与收敛分析</title>" in tagged and 'title="收敛"' in tagged and 'content="收敛"' in tagged
    assert "<code>收敛</code>" in tagged and "<span>分层</span>" in tagged and "'收敛'" in tagged
    assert "<text>收敛</text>" in tagged
    assert tag_chinese(tagged) == tagged  # a page kept from an earlier build is not tagged twice


def test_markup_without_chinese_is_unchanged():
    html = "<p class=\"a\" data-x='1 > 0'>Plain &amp; simple — “quoted”</p><!-- 收敛 -->"
    assert tag_chinese(html) == html


def test_download_menu_offers_the_book_pdf_before_the_print_entry():
    buttons = [{"label": "download-source-button"}, {"label": PRINT_BUTTON}]
    context = {
        "pdf_name": "book-1.0.pdf",
        "book_version": "1.0",
        "pathto": lambda name, resource: f"../{name}",
        "header_buttons": [{"label": "download-buttons", "buttons": buttons}],
    }
    add_pdf_to_download_menu(None, "chapters/x", "page.html", context, None)  # type: ignore[arg-type]
    assert [button["label"] for button in buttons] == [
        "download-source-button",
        "download-book-pdf-button",
        PRINT_BUTTON,
    ]
    assert buttons[1]["url"] == "../book-1.0.pdf" and "1.0" in buttons[1]["tooltip"]


def test_jieba_is_quiet_when_the_search_index_is_chinese(capfd):
    class Config:
        html_search_language = "zh"

    quiet_chinese_search(None, Config())  # type: ignore[arg-type]
    import jieba

    assert "收敛" in list(jieba.cut_for_search("方法收敛分析"))
    assert capfd.readouterr().err == ""


def test_every_css_font_stack_names_cjk_faces():
    css = (ROOT / "_static/fonts.css").read_text(encoding="utf-8")
    assert all(face in css for face in CJK_FACES)
    for variable in ("--pst-font-family-base", "--pst-font-family-heading", "--pst-font-family-monospace"):
        assert re.search(rf"{variable}:[^;]*var\(--sb-font-cjk\)", css) or re.search(
            rf"{variable}: var\(--pst-font-family-base\)", css
        ), variable
    assert "html_search_language: zh" in (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "jieba==0.42.1" in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()


# --- the built book ---------------------------------------------------------------------------------


def search_index(html: Path) -> dict:
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def indexed_pages(index: dict, term: str) -> set[str]:
    """The pages whose text or title holds ``term`` according to the search index."""
    found: set[str] = set()
    for kind in ("terms", "titleterms"):
        pages = index[kind].get(term, [])
        found |= {index["docnames"][number] for number in ([pages] if isinstance(pages, int) else pages)}
    return found


def article_text(page: Path) -> str:
    """A page's own text: its article without scripts and without the links to the previous and next pages."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index('class="prev-next-area"')]
    return re.sub(r"<script\b.*?</script>|<[^>]*>", "", article, flags=re.DOTALL)


def test_search_index_holds_chinese_words_and_stemmed_english(book):
    html = book / "_build/html"
    index = search_index(html)
    assert {"收敛", "分层", "反向", "分化"} <= set(index["terms"])
    assert {"converg", "hhi", "herfindahl"} <= set(index["terms"])
    holding = {name for name in index["docnames"] if "收敛" in article_text(html / f"{name}.html")}
    assert len(holding) > 2 and holding <= indexed_pages(index, "收敛")  # every page that says it is found


def test_chinese_is_tagged_outside_scripts_and_code(book):
    page = (book / "_build/html/chapters/overview.html").read_text(encoding="utf-8")
    assert page.count(LANG_SPAN) > 10
    for block in SCRIPT_OR_CODE.finditer(page):
        assert "lang=" not in block.group(0).replace('<html lang="en"', "")
    tags = [token.group(0) for token in HTML_TOKEN.finditer(page) if not token.group(1)]
    assert not [tag for tag in tags if "<span" in tag[1:]]  # never inside an attribute
    assert any(re.search(r'(title|content|alt)="[^"]*[\u4e00-\u9fff]', tag) for tag in tags)  # which hold Chinese


def test_pages_load_the_cjk_font_stacks(book):
    page = (book / "_build/html/chapters/overview.html").read_text(encoding="utf-8")
    assert "_static/fonts.css" in page
    assert "Noto Sans CJK SC" in (book / "_build/html/_static/fonts.css").read_text(encoding="utf-8")


def test_download_menu_lists_the_book_pdf_and_the_notebook(book):
    html = book / "_build/html"
    index = (html / "index.html").read_text(encoding="utf-8")
    (pdf_name,) = set(re.findall(r'class="sb-pdf-download">\s*<a [^>]*href="([^"]+\.pdf)"', index))
    chapter = (html / "chapters/overview.html").read_text(encoding="utf-8")
    menu = chapter[chapter.index('class="dropdown dropdown-download-buttons"') :]
    menu = menu[: menu.index("</ul>")]
    assert f'href="../{pdf_name}"' in menu and "btn-download-book-pdf-button" in menu
    assert ".ipynb" in menu


def test_search_page_finds_chinese_and_english_terms_offline(book):
    from .test_build_e2e import offline_browser

    html = book / "_build/html"
    with offline_browser() as (context, _):
        page = context.new_page()
        found = {}
        for term in ("收敛", "HHI"):
            page.goto(f"{(html / 'search.html').as_uri()}?q={term}")
            page.wait_for_function(
                "() => /found|did not match/.test(document.querySelector('p.search-summary')?.innerText || '')",
                timeout=60_000,
            )
            found[term] = page.locator("ul.search > li").count()
        heading = page.evaluate("getComputedStyle(document.querySelector('h1') || document.body).fontFamily")
    assert found["收敛"] > 2 and found["HHI"] > 0, found
    assert "Noto Sans CJK SC" in heading


def test_download_menu_shows_the_book_pdf_in_the_browser(book):
    from .test_build_e2e import offline_browser

    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto((book / "_build/html/chapters/overview.html").as_uri())
        page.locator(".dropdown-download-buttons button.dropdown-toggle").click()
        entry = page.locator(".dropdown-download-buttons .btn-download-book-pdf-button")
        assert entry.is_visible() and entry.get_attribute("href").endswith(".pdf")
        assert page.locator(".dropdown-download-buttons .btn-download-source-button").is_visible()  # the notebook
        assert not page.locator(".btn-download-pdf-button").is_visible()  # the theme's print entry stays hidden
