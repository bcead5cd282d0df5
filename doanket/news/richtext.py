"""Article HTML: what survives of whatever an editor pastes (Word, web pages, chat apps), and plain text of it.

The sanitiser (nh3, the Rust `ammonia` library) keeps a small set of structural tags and attributes;
everything else — scripts, styles, event handlers, iframes, `javascript:` links, Word's `mso` markup
and conditional comments — is removed. It runs in the service on every save, so the database only
ever holds clean HTML and templates may mark it safe.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import escape

from doanket.core.text import normalize_text

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Tags removed together with their content (not only the tag): code, styles, Word's XML islands.
DROP_WITH_CONTENT = {"script", "style", "xml", "title", "head", "iframe", "object", "embed", "noscript", "template",
                     "svg", "math", "select", "textarea", "button"}
URL_SCHEMES = {"http", "https", "mailto"}

# Word and old editors write <b>/<i>/<h1>; keep their meaning in the tags we allow.
_RENAMES = [
    (re.compile(r"<(/?)b(?=[\s>/])", re.IGNORECASE), r"<\1strong"),
    (re.compile(r"<(/?)i(?=[\s>/])", re.IGNORECASE), r"<\1em"),
    (re.compile(r"<(/?)h1(?=[\s>/])", re.IGNORECASE), r"<\1h2"),
]
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\u00a0|<br>)*</p>")
_HAS_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:]*(?:\s[^<>]*)?/?>")
_BLANK_LINES = re.compile(r"\n\s*\n")
_BLOCK_TAG = re.compile(r"</?(?:p|br|h[2-4]|ul|ol|li|blockquote|figure|figcaption|table|caption|tr|th|td)\b[^>]*>")


def _local_image(value: str) -> bool:
    """Images come only from this site (media, static or a relative path): no tracking pixels, no hotlinks."""
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc:
        return False
    path = parts.path
    media, static = "/" + settings.MEDIA_URL.lstrip("/"), "/" + settings.STATIC_URL.lstrip("/")
    return not path.startswith("/") or path.startswith((media, static))


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        return value if _local_image(value) else None
    if attr in {"width", "height", "colspan", "rowspan"}:
        return value if value.isdigit() and len(value) <= 4 else None
    if tag == "th" and attr == "scope":
        return value if value in {"row", "col", "rowgroup", "colgroup"} else None
    return value


def sanitize_html(value: str | None) -> str:
    """Clean article HTML; plain text (no tags at all) becomes paragraphs."""
    value = (value or "").strip()
    if not value:
        return ""
    if not _HAS_TAG.search(value):
        return paragraphs_to_html(value)
    for pattern, replacement in _RENAMES:
        value = pattern.sub(replacement, value)
    cleaned = nh3.clean(
        value,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = _EMPTY_PARAGRAPH.sub("", cleaned)
    return normalize_paragraph_text(cleaned)


def normalize_paragraph_text(value: str) -> str:
    """NFC and no invisible characters, keeping line structure (normalize_text would join lines)."""
    return "\n".join(normalize_text(line) for line in value.splitlines() if line.strip())


def paragraphs_to_html(text: str | None) -> str:
    """Plain text with paragraphs separated by blank lines → <p> paragraphs (single line breaks → <br>)."""
    paragraphs = [p.strip() for p in _BLANK_LINES.split((text or "").replace("\r\n", "\n").strip()) if p.strip()]
    out = []
    for p in paragraphs:
        lines = [normalize_text(line) for line in p.split("\n") if line.strip()]
        out.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return "\n".join(out)


def html_to_text(value: str | None) -> str:
    """The visible text of (clean) HTML, for search and descriptions."""
    if not value:
        return ""
    spaced = _BLOCK_TAG.sub(r" \g<0> ", value)
    text = nh3.clean(spaced, tags=set(), clean_content_tags=DROP_WITH_CONTENT)
    return normalize_text(html.unescape(text))
