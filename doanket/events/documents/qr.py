"""QR codes of invitations: an SVG of the invitee's own page address, which holds their code."""

from __future__ import annotations

import io

import segno


def qr_svg(data: str, *, scale: int = 4) -> str:
    """An inline SVG (no XML declaration, no fixed size: CSS sizes it), dark on white, with the quiet zone."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False, svgns=True, nl=False,
                                     dark="#000", light="#fff", omitsize=True)
    return buffer.getvalue().decode("utf-8")
