"""Whatever an editor pastes, the stored body is inert."""

import pytest

from doanket.news.richtext import html_to_text, paragraphs_to_html, sanitize_html

WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>
<w:Zoom>0</w:Zoom></w:WordDocument></xml><![endif]--><style>p.MsoNormal {mso-style-unhide:no; font-family:"Times"}</style>
</head><body lang=VI><p class=MsoNormal style="mso-margin-top-alt:auto;text-align:justify">
<span lang=VI style="font-size:13.0pt;mso-fareast-font-family:Times">Chiều ngày 20/9/2022, Ban Thường trực<o:p></o:p>
</span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoListParagraph><![if !supportLists]><span>·</span><![endif]>Mục một</p>
<p><b>Đậm</b> và <i>nghiêng</i></p></body></html>"""


@pytest.mark.parametrize("dirty", [
    '<script>alert("x")</script><p>ok</p>',
    '<img src="/media/news/a.jpg" onerror="alert(1)" alt="a">',
    '<p onclick="alert(1)" onmouseover="x()">ok</p>',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href=" javascript:alert(1)">bấm</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<style>body{display:none}</style><p style="background:url(javascript:x)">s</p>',
    '<svg onload="alert(1)"><script>x</script></svg>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="p"></form>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<img src="https://tracker.example/pixel.gif" alt="">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
])
def test_dangerous_markup_is_removed(dirty):
    clean = sanitize_html(dirty).lower()
    for bad in ("<script", "onerror", "onclick", "onmouseover", "onload", "javascript:", "<iframe", "<style", "style=",
                "<svg", "<object", "<embed", "<form", "<input", "data:", "tracker.example", "<meta", "http-equiv"):
        assert bad not in clean, (bad, clean)


def test_allowed_structure_survives_and_links_get_rel():
    html = ('<h2>Tiêu đề</h2><p>Một <strong>đậm</strong> <em>nghiêng</em> <a href="https://mattran.org.vn/">liên kết</a>'
            '</p><ul><li>a</li></ul><blockquote>trích</blockquote><figure><img src="/media/news/x.jpg" alt="Ảnh">'
            '<figcaption>Chú thích</figcaption></figure><table><tr><th scope="col">A</th></tr><tr><td>1</td></tr></table>')
    clean = sanitize_html(html)
    for kept in ("<h2>", "<strong>", "<em>", '<a href="https://mattran.org.vn/" rel="noopener noreferrer">', "<li>",
                 "<blockquote>", '<img src="/media/news/x.jpg" alt="Ảnh">', "<figcaption>", '<th scope="col">'):
        assert kept in clean, kept


def test_word_paste_keeps_the_text_and_drops_the_junk():
    clean = sanitize_html(WORD_PASTE)
    assert "Chiều ngày 20/9/2022, Ban Thường trực" in clean
    assert "Mục một" in clean
    assert "<strong>Đậm</strong>" in clean and "<em>nghiêng</em>" in clean
    for junk in ("mso", "Mso", "o:p", "WordDocument", "Normal", "Zoom", "<span", "class=", "lang=", "&nbsp;", "<!--",
                 "font-family"):
        assert junk not in clean, junk
    assert "<p></p>" not in clean


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert paragraphs_to_html("Đoạn 1\ndòng 2\n\nĐoạn <2> & xong") == \
        "<p>Đoạn 1<br>dòng 2</p>\n<p>Đoạn &lt;2&gt; &amp; xong</p>"
    assert sanitize_html("Một đoạn có dấu < và > thôi") == "<p>Một đoạn có dấu &lt; và &gt; thôi</p>"


def test_nfd_input_is_stored_nfc():
    import unicodedata

    clean = sanitize_html(unicodedata.normalize("NFD", "<p>Hội nghị tập huấn</p>"))
    assert clean == "<p>Hội nghị tập huấn</p>"


def test_text_of_html_for_search():
    assert html_to_text("<p>Hội&nbsp;nghị</p><p>tập <strong>huấn</strong></p><script>x</script>") == "Hội nghị tập huấn"
