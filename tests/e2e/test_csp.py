"""Every main page passes the strict Content-Security-Policy (no inline script, style or eval), and
the HTMX interactions and the small static script (app.js) still work under it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from doanket.demo.seed import DEMO_PASSWORD, load_demo
from doanket.news.demo import SEED_TITLE, load_news_demo
from doanket.news.models import Article
from doanket.people.models import Person
from doanket.polls.demo import load_polls_demo
from doanket.polls.models import Poll

# Records every violation the browser reports, from the first script of every page on.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':'
                    + e.lineNumber);
});
"""


@pytest.fixture
def demo(reference_data, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo(provinces=["01"])
    load_news_demo()
    load_polls_demo(out=None)


@pytest.fixture
def watched(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(10_000)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    yield page, console
    context.close()


def visit(page, url):
    resp = page.goto(url)
    assert resp is not None and resp.status == 200, f"{url} answered {resp and resp.status}"
    policy = resp.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
    return resp


def assert_clean(page, console, where):
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__csp || []")
    refused = [m for m in console if "Content Security Policy" in m or m.startswith("Refused to") or "pageerror" in m
               or "evalDisallowed" in m]
    assert not violations and not refused, f"{where}: {violations} {refused}"


@pytest.mark.django_db(transaction=True)
def test_public_pages_pass_the_policy(demo, watched, live_server):
    page, console = watched
    article = Article.objects.get(title=SEED_TITLE)
    poll = Poll.objects.order_by("pk").first()
    for path in ("/", article.get_absolute_url(), "/binh-chon/", f"/binh-chon/{poll.pk}/",
                 f"/binh-chon/{poll.pk}/ket-qua/", "/tim-kiem/?q=hoi+nghi", "/tai-khoan/dang-nhap/"):
        visit(page, live_server.url + path)
        assert_clean(page, console, path)
    # The article's photo (an uploaded file) still shows.
    visit(page, live_server.url + article.get_absolute_url())
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")


@pytest.mark.django_db(transaction=True)
def test_management_pages_pass_the_policy_and_htmx_still_works(demo, watched, live_server):
    page, console = watched
    visit(page, live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thanhxuan")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/quan-ly/don-vi/$"))
    assert_clean(page, console, "tree")

    # Tree: a node expands over HTMX and app.js marks it expanded (was an hx-on attribute, which needs eval).
    toggle = page.get_by_role("button", name=re.compile("Mở các đơn vị trực thuộc Phường Khương Mai")).first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name=re.compile("Khu dân cư")).first).to_be_visible()
    assert_clean(page, console, "tree expanded")

    # Unit page.
    page.get_by_role("link", name="Quận Thanh Xuân").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thanh Xuân")
    assert_clean(page, console, "unit page")

    # Directory: live search over HTMX.
    visit(page, live_server.url + "/quan-ly/nguoi/")
    page.get_by_label("Tìm theo tên").fill("khong minh thao")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Khổng Minh Thảo")).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(1)
    assert_clean(page, console, "directory search")

    # Person page; its delete button asks first (data-confirm, was an inline onsubmit).
    person = Person.objects.get(full_name="Khổng Minh Thảo")
    visit(page, f"{live_server.url}/quan-ly/nguoi/{person.pk}/")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Xoá", exact=True).click()
    assert asked and "Xoá người này" in asked[0]
    assert Person.objects.filter(pk=person.pk).exists()
    assert_clean(page, console, "person page")

    for path in ("/quan-ly/tin-tuc/", "/quan-ly/binh-chon/", "/quan-ly/nhap-xuat/", "/quan-ly/tai-khoan/",
                 "/tai-khoan/bao-mat/", "/quan-ly/nguoi/nhat-ky-du-lieu-ca-nhan/"):
        visit(page, live_server.url + path)
        assert_clean(page, console, path)

    # The language choice submits itself (data-autosubmit, was an inline onchange).
    page.select_option("#lang-select", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.select_option("#lang-select", "vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert_clean(page, console, "language")
