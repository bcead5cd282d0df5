import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from doanket.supervision import services
from doanket.supervision.documents import letters
from doanket.supervision.models import Critique, CritiqueStatus, ExpertOpinion, Outcome

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def critique(tree, staff):
    return services.critique_create(actor=staff.standing, unit=tree.khuong_mai, issuing_body="Ủy ban nhân dân phường "
                                    "Khương Mai", title="Dự thảo Quy chế quản lý trật tự đô thị phường Khương Mai",
                                    received_on=D(2023, 3, 6), deadline=D(2023, 3, 31))


def test_a_critique_from_draft_to_response(critique, staff):
    services.opinion_add(actor=staff.entry, critique=critique, author="Luật sư Trần Văn A", affiliation="Đoàn Luật sư",
                         content="Điều 5 cần nêu rõ thẩm quyền xử phạt.", received_on=D(2023, 3, 15))
    c = services.critique_issue(actor=staff.standing, critique=critique, issued_on=D(2023, 3, 28),
                                critique_text="Đề nghị bổ sung quy định về thẩm quyền xử phạt.")
    assert c.status == CritiqueStatus.ISSUED and c.response_due == D(2023, 4, 25)  # 20 working days after Tue 28/3
    with pytest.raises(ValidationError) as exc:
        services.opinion_add(actor=staff.entry, critique=c, author="B", content="x", received_on=D(2023, 3, 29))
    assert "đã gửi" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.critique_response(actor=staff.entry, critique=c, responded_on=D(2023, 3, 20), outcome=Outcome.PARTLY)
    assert "không được trước ngày gửi văn bản phản biện (28/03/2023)" in " ".join(exc.value.messages)
    c = services.critique_response(actor=staff.entry, critique=c, responded_on=D(2023, 4, 20), outcome=Outcome.PARTLY,
                                   response="Tiếp thu, bổ sung Điều 5.")
    assert c.status == CritiqueStatus.ANSWERED
    assert [h.status for h in c.history.order_by("history_date", "history_id")] == ["received", "issued", "answered"]


def test_bad_dates_and_reach_are_refused(tree, staff):
    with pytest.raises(ValidationError) as exc:
        services.critique_create(actor=staff.standing, unit=tree.khuong_mai, title="X", issuing_body="Y",
                                 received_on=D(2023, 3, 6), deadline=D(2023, 3, 1))
    assert "Hạn gửi ý kiến không được trước ngày nhận dự thảo." in exc.value.messages
    with pytest.raises(ValidationError) as exc:
        services.critique_create(actor=staff.standing, unit=tree.nhan_chinh, title="X", issuing_body="Y",
                                 received_on=D(2023, 3, 6), deadline=D(2023, 3, 31))
    assert "không có quyền phản biện" in " ".join(exc.value.messages)
    assert not Critique.objects.exists()


def test_viewer_cannot_issue(critique, staff):
    with pytest.raises(PermissionDenied):
        services.critique_issue(actor=staff.viewer, critique=critique, critique_text="x", issued_on=D(2023, 3, 28))


def test_critique_letter_read_back(critique, staff):
    services.opinion_add(actor=staff.entry, critique=critique, author="A", content="x", received_on=D(2023, 3, 15))
    c = services.critique_issue(actor=staff.standing, critique=critique, issued_on=D(2023, 3, 28),
                                critique_text="Đề nghị bổ sung quy định về thẩm quyền xử phạt.")
    doc = Document(io.BytesIO(letters.critique_docx(c, list(c.opinions.all()))))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        p.text for t in doc.tables for r in t.rows for cell in r.cells for p in cell.paragraphs)
    for expected in ("VĂN BẢN PHẢN BIỆN XÃ HỘI", "Kính gửi: Ủy ban nhân dân phường Khương Mai.",
                     "Khương Mai, ngày 28 tháng 3 năm 2023", "ý kiến của 1 chuyên gia",
                     "Đề nghị bổ sung quy định về thẩm quyền xử phạt.", "chậm nhất ngày 25/4/2023", "/PBXH-MTTQ"):
        assert expected in text, expected


def test_pages(client, critique, staff):
    client.force_login(staff.entry)
    body = client.get(reverse("supervision:critiques")).content.decode()
    assert critique.title in body
    resp = client.post(reverse("supervision:opinion_add", args=[critique.pk]),
                       {"author": "A", "content": "Ý kiến", "received_on": "01/03/2023"})
    assert resp.status_code == 200 and "không được trước ngày nhận dự thảo" in resp.content.decode()
    assert not ExpertOpinion.objects.exists()
    assert client.post(reverse("supervision:critique_issue", args=[critique.pk]),
                       {"critique_text": "x", "issued_on": "28/03/2023"}).status_code == 403
    client.force_login(staff.other)
    assert client.get(reverse("supervision:critique", args=[critique.pk])).status_code == 404
