"""Writes to events. Each is atomic, checks the actor's right on the organiser's subtree, and is
recorded in history. One module per concept; everything is importable from here."""

from .article import compose_article, event_generate_article
from .attendance import CheckIn, event_check_in, feedback_submit, invitation_check_in, invitation_respond
from .audience import (
    BuildResult,
    invitation_add,
    invitation_remove,
    invitations_build,
    resolve_audience,
    rule_add,
    rule_delete,
    rule_describe,
)
from .events import (
    TRANSITIONS,
    default_organiser_label,
    event_conclude,
    event_create,
    event_transition,
    event_update,
    guest_add,
    guest_remove,
    programme_item_add,
    programme_item_remove,
    speaker_add,
    speaker_remove,
)
from .materials import material_delete, material_upload

__all__ = [
    "TRANSITIONS",
    "BuildResult",
    "CheckIn",
    "compose_article",
    "default_organiser_label",
    "event_check_in",
    "event_conclude",
    "event_create",
    "event_generate_article",
    "event_transition",
    "event_update",
    "feedback_submit",
    "guest_add",
    "guest_remove",
    "invitation_add",
    "invitation_check_in",
    "invitation_remove",
    "invitation_respond",
    "invitations_build",
    "material_delete",
    "material_upload",
    "programme_item_add",
    "programme_item_remove",
    "resolve_audience",
    "rule_add",
    "rule_delete",
    "rule_describe",
    "speaker_add",
    "speaker_remove",
]
