"""Undo history: each triage change records the papers' state before and after it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .types import Status


@dataclass(frozen=True)
class UserState:
    """The part of a paper that triage changes (notes have their own editor undo)."""

    status: Status
    starred: bool
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One undoable step: the label shown to the user, and the papers' states around it."""

    label: str
    before: dict[int, UserState]
    after: dict[int, UserState]

    @property
    def ids(self) -> list[int]:
        return list(self.before)


def encode_states(states: dict[int, UserState]) -> str:
    return json.dumps({str(i): [s.status.value, s.starred, list(s.tags)] for i, s in states.items()})


def decode_states(text: str) -> dict[int, UserState]:
    return {
        int(i): UserState(Status(status), bool(starred), tuple(tags))
        for i, (status, starred, tags) in json.loads(text).items()
    }
