"""Erasing a person also scrubs the name, title and post copied into an event's speakers."""

import pytest

from doanket.core.permissions import Role
from doanket.events import services
from doanket.events.models import Speaker
from doanket.people import services as people_services


@pytest.mark.django_db
def test_erasure_scrubs_speaker_copies_and_their_history(tree, people, make_event, make_user):
    event = make_event(tree.district)
    speaker = services.speaker_add(actor=None, event=event, person=people.son, title="Tiến sỹ",
                                   affiliation="Phó Trưởng Ban Dân vận Quận ủy")
    admin = make_user("quantri-quan", tree.district, Role.ADMIN)
    people_services.person_erase(actor=admin, person=people.son, reason="Yêu cầu của chủ thể dữ liệu")
    speaker.refresh_from_db()
    assert "Văn Hùng Sơn" not in speaker.full_name and speaker.title == "" and speaker.affiliation == ""
    assert not Speaker.history.filter(full_name="Văn Hùng Sơn").exists()
    assert Speaker.objects.filter(event=event).count() == 1  # the programme keeps its speaker slot
