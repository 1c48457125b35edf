"""Pushing alerts out: a JSON POST to a webhook (retried) and an optional command.

An alert is pushed once; it is pushed again only when it grows (more events, or more
people killed or injured). Alerts are keyed by place and the start of their episode,
so the same flare-up seen again next cycle, with a later window end, is not news.
The body carries the alert and the events that drove it.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ..models import content_hash
from .config import PushTargets, WatchSettings


@dataclass(frozen=True)
class PushOutcome:
    alert_id: str
    place: str
    reason: str  # new or grown
    delivered: bool
    detail: str


def alert_key(alert: Any) -> str:
    """Same key for every window of one episode at one place."""
    return "ak-" + content_hash(alert.level, alert.country, alert.place, alert.window_start)


def push_reason(before: tuple[int, int] | None, observed: int, casualties: int) -> str | None:
    """'new' for an alert never pushed, 'grown' when it has more events or more people
    killed or injured than when it was last pushed, else None (nothing to push)."""
    if before is None:
        return "new"
    if observed > before[0] or casualties > before[1]:
        return "grown"
    return None


def alert_body(alert: Any, reason: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "flashpoint.alert", "reason": reason, "alert": alert.to_dict(), "events": events}


class Pusher:
    """Delivers alert bodies to the plan's webhook and command."""

    def __init__(
        self, targets: PushTargets, settings: WatchSettings, sleep: Callable[[float], None] = time.sleep
    ):
        self.targets = targets
        self.settings = settings
        self._sleep = sleep

    @property
    def active(self) -> bool:
        return bool(self.targets.webhook or self.targets.command)

    def deliver(self, body: dict[str, Any]) -> tuple[bool, str]:
        """(every target took it, what happened in one line)."""
        data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
        notes: list[str] = []
        ok = True
        if self.targets.webhook:
            good, note = self._post(self.targets.webhook, data)
            ok, notes = ok and good, notes + [note]
        if self.targets.command:
            good, note = self._run(data)
            ok, notes = ok and good, notes + [note]
        return ok, "; ".join(notes)

    def _post(self, url: str, data: bytes) -> tuple[bool, str]:
        s = self.settings
        wait, last = s.push_backoff_s, ""
        headers = {"Content-Type": "application/json", "User-Agent": s.user_agent}
        with httpx.Client(timeout=s.push_timeout_s, trust_env=False) as client:
            for attempt in range(s.push_retries + 1):
                try:
                    answer = client.post(url, content=data, headers=headers)
                    if answer.status_code < 300:
                        return True, f"webhook answered {answer.status_code}"
                    last = f"webhook answered {answer.status_code}"
                    if answer.status_code < 500 and answer.status_code != 429:
                        break  # the receiver refuses this body: another try gets the same
                except httpx.HTTPError as exc:
                    last = f"webhook unreachable: {exc or type(exc).__name__}"
                if attempt < s.push_retries:
                    self._sleep(wait)
                    wait *= 2
        return False, f"{last} (gave up)"

    def _run(self, data: bytes) -> tuple[bool, str]:
        args = shlex.split(self.targets.command or "")
        try:
            done = subprocess.run(
                args, input=data, capture_output=True, timeout=self.settings.command_timeout_s, check=False
            )
        except FileNotFoundError:
            return False, f"alert command not found: {args[0]}"
        except subprocess.TimeoutExpired:
            return False, f"alert command ran over {self.settings.command_timeout_s:g} s and was stopped"
        except OSError as exc:
            return False, f"alert command failed to start: {exc.strerror or exc}"
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            return False, f"alert command exited {done.returncode} {tail[0]}".rstrip()
        return True, "alert command ran"
