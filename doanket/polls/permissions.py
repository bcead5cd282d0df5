from __future__ import annotations

from doanket.core.permissions import Permission


class PollPerm(Permission):
    MANAGE = "poll.manage"  # create and open/close public votes
    TALLY = "poll.tally"  # enter paper ballots per residential area
