import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_vietnamese_by_default_even_for_an_english_browser(client):
    body = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập" in body and 'lang="vi"' in body


@pytest.mark.django_db
def test_english_when_chosen(client):
    resp = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert resp.status_code == 302
    body = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in body and "Log in" in body


def test_english_catalogue_is_complete():
    """Every message has an English translation (bin/messages regenerates the catalogue)."""
    from pathlib import Path

    import polib

    po = polib.pofile(str(Path(__file__).resolve().parents[3] / "locale/en/LC_MESSAGES/django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
