"""A news article draft from a held event, in the style of the Front's portal:

    Chiều ngày 20/9/2022, Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân đã tổ chức hội nghị …
    Dự hội nghị có các đồng chí: Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận; … Tiến sỹ
    Tạ Văn Sỹ - Nguyên Giám đốc … làm báo cáo viên tại hội nghị.
    Hội nghị đã trao đổi những nội dung: …
    Phát biểu kết luận tại Hội nghị, đồng chí … ghi nhận …
    Ủy ban MTTQ quận Thanh Xuân

The draft is stored on the event (article_title, article_lede, article_body, article_source); the
news module makes an article of it. The text is Vietnamese whatever the interface language: it is
content for Vietnamese readers, not interface.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.core.services import validate_and_save
from doanket.events.permissions import EventPerm

from ..labels import event_day, level_word, lower_first, part_of_day, press_date, unit_phrase, upper_first
from ..models import Event
from ..selectors import require_event
from ._common import AFTER_HELD, require_status
from .audience import rule_describe


@dataclass
class ArticleDraft:
    title: str
    lede: str
    paragraphs: list[str]
    source: str

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def source_line(event: Event) -> str:
    """"Ủy ban MTTQ quận Thanh Xuân"."""
    unit = event.organiser
    return f"Ủy ban MTTQ {unit_phrase(unit.name)}" if level_word(unit.name) else unit.name


def compose_article(event: Event) -> ArticleDraft:
    noun = event.event_type.noun or "hội nghị"
    day = event_day(event.starts_at)
    title = f"{event.organiser.name}: Tổ chức {lower_first(event.title)}"
    where = f", tại {event.venue}" if event.venue else ""
    audience = f" cho {event.audience_label}" if event.audience_label else ""
    lede = _sentence(f"{upper_first(part_of_day(event.starts_at))} ngày {press_date(day)}{where}, "
                     f"{event.organiser_label} đã tổ chức {lower_first(event.title)}{audience}")
    paragraphs: list[str] = []

    present = [f"{g.person.full_name} – {g.position_label}" if g.position_label else g.person.full_name
               for g in event.guests.select_related("person")]
    present += [rule_describe(r) for r in event.rules.select_related("root", "unit_type").prefetch_related("positions")]
    speakers = [s.display for s in event.speakers.all()]
    attendance = ""
    if present:
        attendance = _sentence(f"Dự {noun} có các đồng chí: {'; '.join(present)}")
    if speakers:
        attendance += (" " if attendance else "") + _sentence(f"{', '.join(speakers)} làm báo cáo viên tại {noun}")
    if attendance:
        paragraphs.append(attendance)

    topics = [lower_first(i.title.rstrip(".;")) for i in event.programme.all()]
    if topics:
        paragraphs.append(_sentence(f"{upper_first(noun)} đã trao đổi những nội dung: {'; '.join(topics)}"))

    if event.conclusion:
        conclusion = event.conclusion.strip()
        if event.concluded_by is not None:
            who = event.concluded_by.full_name
            if event.concluded_by_label:
                who += f" – {event.concluded_by_label}"
            paragraphs.append(_sentence(f"Phát biểu kết luận tại {upper_first(noun)}, đồng chí {who} "
                                        f"{lower_first(conclusion)}"))
        else:
            paragraphs.append(_sentence(f"Kết luận {noun}: {conclusion}"))

    source = source_line(event)
    paragraphs.append(source)
    return ArticleDraft(title=title, lede=lede, paragraphs=paragraphs, source=source)


@transaction.atomic
def event_generate_article(*, actor: User | None, event: Event) -> Event:
    """Write the article draft of a held event onto it (replacing an earlier draft)."""
    require_event(actor, event, EventPerm.MANAGE)
    require_status(event, AFTER_HELD, _("Chỉ viết bài khi sự kiện đã tổ chức."))
    draft = compose_article(event)
    event.article_title = draft.title[:255]
    event.article_lede = draft.lede
    event.article_body = draft.body
    event.article_source = draft.source[:255]
    return validate_and_save(event, actor, update_fields=["article_title", "article_lede", "article_body",
                                                          "article_source"])
