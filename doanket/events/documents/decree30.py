"""Page layout of administrative documents, Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman,
margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; the issuing body top left, the
national motto top right, place and date under the motto."""

from __future__ import annotations

from ..labels import LEVEL_PREFIXES
from ..models import Event

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 20, 20, 30, 15
FONT_NAME = "Times New Roman"

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STANDING = "Ban Thường trực"


COMMITTEE = "Ủy ban MTTQ Việt Nam"


def issuer_lines(event: Event) -> tuple[list[str], str]:
    """(lines of the parent body, issuing body) for the top-left block, upper-case:
    "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân" → (["ỦY BAN MTTQ VIỆT NAM", "QUẬN THANH XUÂN"],
    "BAN THƯỜNG TRỰC")."""
    label = event.organiser_label or event.organiser.name
    if not (label.startswith(STANDING + " ") and len(label) > len(STANDING) + 1):
        return [], label.upper()
    parent = label[len(STANDING) + 1:]
    if parent.startswith(COMMITTEE + " "):
        return [COMMITTEE.upper(), parent[len(COMMITTEE) + 1:].upper()], STANDING.upper()
    return [parent.upper()], STANDING.upper()


# Left blank for the office to number the document when it is signed.
NUMBER_BLANK = "\u00a0" * 8


def place_name(event: Event) -> str:
    """"Thanh Xuân" for "Quận Thanh Xuân": the place written before the date."""
    name = event.organiser.name
    for prefix in LEVEL_PREFIXES:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1:]
    return name


def signer_title(event: Event) -> str:
    """"CHỦ TỊCH" or "PHÓ CHỦ TỊCH" from the chair's position on the day, if known."""
    label = (event.concluded_by_label or "").lower()
    if "phó chủ tịch" in label:
        return "PHÓ CHỦ TỊCH"
    if "chủ tịch" in label:
        return "CHỦ TỊCH"
    return ""
