"""Cadre pages for events, one module per concept as in `services/`: the event itself with its programme,
guests, speakers and conclusions (`events`), audience and invitations (`audience`), materials, check-in
and attendance (`attendance`), documents (certificates, reports) and the article draft.

Views are thin: selectors fetch and authorise (404 outside the reach, 403 without the right), services
write; form posts go through `doanket.core.views.submit`, button posts through `button`. Sections of the
event page are re-rendered by HTMX after a change; without JavaScript the same forms post and redirect
back to the page."""
