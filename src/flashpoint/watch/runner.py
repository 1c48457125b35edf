"""One watcher: each cycle reads every feed, fetches the articles not seen before, drops
copies, codes and stores the rest, then pushes the alerts that are new or have grown.

The database is written only through ``write`` (a callable that runs an action on the
EventStore), so under `flashpoint serve` the watcher shares the server's single writer.
A bad feed or page is logged, counted and recorded in the fetch table; it never stops
the cycle. ``stop`` is checked before every article, so Ctrl-C or SIGTERM ends the run
cleanly once the articles in hand (at most one batch) are coded and stored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

import duckdb

from ..errors import StoreError
from ..io.html_text import HtmlText, extract_html
from ..io.records import parse_date
from ..models import Document, Event, content_hash
from ..store import EventStore
from ..store.filters import date_floor
from .config import Feed, WatchPlan, WatchSettings, watch_settings
from .feeds import FeedError, FeedItem, parse_feed
from .fetch import Fetched, Fetcher, decode_body
from .neardup import distance, simhash, similarity, word_count
from .push import Pusher, alert_body, alert_key, push_reason
from .state import CODED, DUPLICATE, NO_TEXT, OTHER_LANGUAGE, REJECTED, Seen, WatchState, driving_events
from .urls import canonical_url

T = TypeVar("T")


class Write(Protocol):
    """Runs ``action`` on the EventStore, under whatever lock its owner writes with, and
    returns what the action returns."""

    def __call__(self, action: Callable[[EventStore], T]) -> T: ...


# Codes documents: (document, events) for each that codes, and one message per failure.
Coder = Callable[[list[Document]], tuple[list[tuple[Document, list[Event]]], list[str]]]


@dataclass
class CycleResult:
    """What one cycle did; seconds are wall time spent fetching, coding and storing."""

    feeds: int = 0
    feeds_failed: int = 0
    items_listed: int = 0
    already_seen: int = 0
    coded: int = 0
    duplicates: int = 0
    other_language: int = 0
    no_text: int = 0
    page_errors: int = 0
    events: int = 0
    alerts_pushed: int = 0
    push_failures: int = 0
    fetch_seconds: float = 0.0
    code_seconds: float = 0.0
    store_seconds: float = 0.0
    stopped: bool = False
    new_days: set[Date] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"{self.feeds} feeds ({self.feeds_failed} failed), {self.items_listed} items, "
            f"{self.already_seen} already seen, {self.coded} coded, {self.duplicates} "
            f"copies dropped, {self.other_language} other language, {self.no_text} without "
            f"text, {self.page_errors} page errors, {self.events} events, "
            f"{self.alerts_pushed} alerts pushed; fetch {self.fetch_seconds:.1f} s, "
            f"coding {self.code_seconds:.1f} s, storing {self.store_seconds:.1f} s"
        )


@dataclass
class _Pending:
    """An article that passed every check and waits to be coded with its batch."""

    doc: Document
    item: FeedItem
    got: Fetched
    fingerprint: int | None


def pipeline_coder(model: str | None = None) -> Coder:
    """Code in this process with the shared pipeline of event model ``model``."""

    def code(docs: list[Document]) -> tuple[list[tuple[Document, list[Event]]], list[str]]:
        from ..facade import pipeline_for
        from ..report import RunReport

        report = RunReport()
        coded = list(pipeline_for(model).run(docs, report))
        return coded, [str(e) for e in report.errors]

    return code


class Watcher:
    def __init__(
        self,
        plan: WatchPlan,
        write: Write,
        coder: Coder,
        settings: WatchSettings | None = None,
        log: Callable[[str], None] = print,
        fetcher: Fetcher | None = None,
        stop: threading.Event | None = None,
        on_stored: Callable[[], None] | None = None,
    ):
        self.plan = plan
        self.write = write
        self.coder = coder
        self.settings = settings or watch_settings()
        self.log = log
        self.fetcher = fetcher or Fetcher(self.settings)
        self.stop = stop or threading.Event()
        self.pusher = Pusher(plan.push, self.settings)
        self.on_stored = on_stored  # told after each batch is committed

    def close(self) -> None:
        self.fetcher.close()

    def _state(self, action: Callable[[WatchState], T]) -> T:
        def run(store: EventStore) -> T:
            try:
                return action(WatchState(store.conn))
            except duckdb.Error as exc:
                raise StoreError(
                    f"event database {store.path}: watch state: {str(exc).splitlines()[0]}"
                ) from exc

        return self.write(run)

    # -- a cycle -----------------------------------------------------------------

    def run_cycle(self) -> CycleResult:
        result = CycleResult()
        for feed in self.plan.feeds:
            if self.stop.is_set():
                result.stopped = True
                break
            result.feeds += 1
            if not self._feed(feed, result):
                result.feeds_failed += 1
        if result.new_days:  # also when stopping: the articles stored may have raised one
            self._push_alerts(result)
        return result

    def run_forever(self, interval_s: float, on_cycle: Callable[[CycleResult], None] | None = None) -> None:
        while not self.stop.is_set():
            result = self.run_cycle()
            if on_cycle:
                on_cycle(result)
            self.stop.wait(interval_s)

    def _fetch(self, url: str, result: CycleResult, **validators: str | None) -> Fetched:
        got = self.fetcher.get(url, **validators)
        result.fetch_seconds += got.seconds
        return got

    def _feed(self, feed: Feed, result: CycleResult) -> bool:
        """Read one feed and handle its new items; False when the feed itself failed."""
        name = feed.name or urlsplit(feed.url).netloc
        etag, modified = self._state(lambda s: s.validators(feed.url))
        got = self._fetch(feed.url, result, etag=etag, last_modified=modified)
        if got.not_modified:
            self.log(f"watch: feed {feed.url}: not modified (HTTP 304)")
            self._end_feed(feed, 304, "not-modified", None, got.seconds)
            return True
        error = got.error
        content = None
        if error is None:
            if (
                got.content_type
                and got.content_type not in self.settings.feed_types
                and not got.content_type.endswith("+xml")
            ):
                error = f"content type {got.content_type} is not a feed"
            else:
                try:
                    content = parse_feed(got.body, got.final_url, got.content_type)
                except FeedError as exc:
                    error = str(exc)
        if content is None:
            self.log(f"watch: feed {feed.url}: {error}")
            self._end_feed(feed, got.status, "error", error, got.seconds)
            return False
        self._state(
            lambda s: s.log_fetch(
                feed.url,
                feed.url,
                got.status,
                "ok",
                f"{content.kind}, {len(content.items)} items",
                got.seconds,
            )
        )
        before = (result.coded, result.page_errors)
        transient = self._items(feed, name, content.language, content.items, result)
        new, errors = result.coded - before[0], result.page_errors - before[1]
        complete = not transient and not result.stopped
        self.log(
            f"watch: feed {feed.url}: {content.kind}, {len(content.items)} items, "
            f"{new} coded, {errors} page errors"
        )
        self._state(
            lambda s: s.finish_feed(
                feed.url,
                feed.name,
                "ok",
                None,
                new,
                errors,
                got.etag,
                got.last_modified,
                keep_validators=complete,
            )
        )
        return True

    def _end_feed(
        self, feed: Feed, status: int | None, outcome: str, error: str | None, seconds: float
    ) -> None:
        """Log the feed's own fetch and record a cycle in which none of its items was read:
        it was not modified, or it failed (which counts one error)."""

        def run(s: WatchState) -> None:
            s.log_fetch(feed.url, feed.url, status, outcome, error, seconds)
            s.finish_feed(feed.url, feed.name, outcome, error, 0, 1 if outcome == "error" else 0)

        self._state(run)

    def _items(
        self, feed: Feed, name: str, language: str | None, items: tuple[FeedItem, ...], result: CycleResult
    ) -> int:
        """Handle each new item; the count of transient failures (to retry next cycle)."""
        tracking = self.settings.tracking_parameters
        by_url: dict[str, FeedItem] = {}
        for item in items:
            by_url.setdefault(canonical_url(item.url, tracking), item)
        result.items_listed += len(items)
        self._mark_stored(feed, list(by_url))
        seen = self._state(lambda s: s.seen(list(by_url)))
        result.already_seen += len(by_url.keys() & seen)
        transient = 0
        pending: list[_Pending] = []
        for url, item in by_url.items():
            if url in seen:
                continue
            if self.stop.is_set():
                result.stopped = True
                break
            transient += self._article(feed, name, language, url, item, result, pending)
            if len(pending) >= self.settings.code_batch:
                self._flush(feed, pending, result)
        self._flush(feed, pending, result)
        return transient

    def _mark_stored(self, feed: Feed, urls: list[str]) -> None:
        """Mark seen the documents a killed run stored but had not marked yet, without
        fetching them again."""
        for url, doc_id, text, source, title in self._state(lambda s: s.stored_unmarked(urls)):
            fingerprint = (
                simhash(text, self.settings.shingle_words)
                if word_count(text) >= self.settings.min_words
                else None
            )
            self._state(
                lambda s: s.mark(
                    Seen(
                        url,
                        url,
                        feed.url,
                        CODED,
                        doc_id=doc_id,
                        simhash=fingerprint,
                        source=source,
                        title=title,
                    )
                )
            )
            self.log(f"watch: page {url}: stored by an interrupted run; marked seen")

    def _article(
        self,
        feed: Feed,
        name: str,
        language: str | None,
        url: str,
        item: FeedItem,
        result: CycleResult,
        pending: list[_Pending],
    ) -> int:
        """Fetch and check one article, and add it to ``pending`` when it is to be coded;
        1 when it failed in a way worth retrying next cycle."""
        got = self._fetch(item.url, result)
        source = item.source or feed.name or name

        def finish(outcome: str, detail: str | None, **seen: Any) -> None:
            self._state(lambda s: _record(s, feed, url, item, got, source, outcome, detail, seen))

        refused = self._refusal(got)
        if refused is not None:
            detail, retry = refused
            result.page_errors += 1
            self.log(f"watch: page {item.url}: {detail}")
            finish("error" if retry else REJECTED, detail)
            return 1 if retry else 0
        page = self._page(item, got)
        if not page.text.strip():
            result.no_text += 1
            self.log(f"watch: page {item.url}: no article text found; skipped")
            finish(NO_TEXT, "no article text")
            return 0
        lang = page.language or item.language or feed.language or language
        if lang and lang not in self.settings.languages:
            result.other_language += 1
            self.log(f"watch: page {item.url}: language {lang!r} is not coded yet; skipped")
            finish(OTHER_LANGUAGE, f"language {lang}")
            return 0
        fingerprint = None
        if word_count(page.text) >= self.settings.min_words:
            fingerprint = simhash(page.text, self.settings.shingle_words)
        copy = self._copy(url, page, fingerprint, source, pending)
        if copy is not None:
            note, detail, seen = copy
            result.duplicates += 1
            self.log(f"watch: page {item.url}: {note}")
            finish(DUPLICATE, detail, **seen)
            return 0
        pending.append(_Pending(_document(url, page, item, source), item, got, fingerprint))
        return 0

    def _refusal(self, got: Fetched) -> tuple[str, bool] | None:
        """Why a fetched page cannot be read, and whether to try it again next cycle;
        None when it can be read."""
        if got.error or not got.ok:
            return got.error or f"HTTP {got.status}", got.transient
        if got.content_type and got.content_type not in self.settings.page_types:
            return f"content type {got.content_type} is not a web page", False
        return None

    def _page(self, item: FeedItem, got: Fetched) -> HtmlText:
        markup, charset_note = decode_body(got)
        if charset_note:
            self.log(f"watch: page {item.url}: {charset_note}")
        return extract_html(markup, url=got.final_url)

    def _copy(
        self, url: str, page: HtmlText, fingerprint: int | None, source: str, pending: list[_Pending]
    ) -> tuple[str, str, dict[str, Any]] | None:
        """(log note, recorded detail, fields to mark it with) when the page copies an article
        already seen under its canonical URL, or tells a story already coded or waiting to be
        (by SimHash, for a page long enough to have one); None when it is new."""
        if page.canonical_url:
            canonical = canonical_url(page.canonical_url, self.settings.tracking_parameters)
            if canonical != url and (
                any(p.doc.url == canonical for p in pending) or self._state(lambda s: s.seen([canonical]))
            ):
                return (
                    f"canonical URL {canonical} already seen; copy dropped",
                    f"canonical URL {canonical}",
                    {},
                )
        if fingerprint is not None:
            copy = self._near_copy(page.text, fingerprint, pending)
            if copy is not None:
                return (
                    f"same story as {copy[0]}; copy dropped, source {source!r} kept as a mention",
                    f"same story as {copy[0]}",
                    {"duplicate_of": copy[1], "simhash": fingerprint},
                )
        return None

    def _flush(self, feed: Feed, pending: list[_Pending], result: CycleResult) -> None:
        """Code the pending articles together, store them in one transaction, then mark
        them seen (a kill before the marks is repaired by the next run's _mark_stored)."""
        if not pending:
            return
        started = time.perf_counter()
        coded, errors = self.coder([p.doc for p in pending])
        result.code_seconds += time.perf_counter() - started
        if coded:
            started = time.perf_counter()
            self.write(lambda store: store.ingest(coded, batch_size=len(coded)))
            if self.on_stored:
                self.on_stored()
            result.store_seconds += time.perf_counter() - started
            self.log(f"watch: stored {len(coded)} articles with {sum(len(evs) for _, evs in coded)} events")
        events = {doc.id: evs for doc, evs in coded}
        records: list[tuple[Any, ...]] = []
        for p in pending:
            doc = p.doc
            if doc.id not in events:
                result.page_errors += 1
                detail = next((e for e in errors if doc.id in e), "not coded")
                self.log(f"watch: page {p.item.url}: {detail}")
                records.append((doc.url, p, REJECTED, detail, {}))
                continue
            found = events[doc.id]
            result.coded += 1
            result.events += len(found)
            result.new_days.update(d for d in (date_floor(e.date) for e in found) if d)
            records.append(
                (doc.url, p, CODED, f"{len(found)} events", {"doc_id": doc.id, "simhash": p.fingerprint})
            )

        def record_all(s: WatchState) -> None:
            for url, p, outcome, detail, seen in records:
                _record(s, feed, url, p.item, p.got, p.doc.source, outcome, detail, seen)

        self._state(record_all)
        pending.clear()

    def _near_copy(self, text: str, fingerprint: int, pending: list[_Pending]) -> tuple[str, str] | None:
        """(url, doc_id) of an article coded, or waiting to be, that this text copies."""
        s = self.settings
        for p in pending:
            if (
                p.fingerprint is not None
                and distance(p.fingerprint, fingerprint) <= s.candidate_distance
                and similarity(text, p.doc.text, s.shingle_words) >= s.min_similarity
            ):
                return p.item.url, p.doc.id
        for url, doc_id, other in self._state(
            lambda st: st.near_candidates(fingerprint, s.candidate_distance)
        ):
            if similarity(text, other, s.shingle_words) >= s.min_similarity:
                return url, doc_id
        return None

    # -- alerts ------------------------------------------------------------------

    def _push_alerts(self, result: CycleResult) -> None:
        """Push alerts whose window holds a day with an event coded this cycle, when
        they were never pushed or have grown since."""
        from ..monitor.alerts import find_alerts

        if not self.pusher.active:
            return
        alerts = self.write(lambda store: find_alerts(store))
        for alert in alerts:
            if not any(alert.window_start <= d <= alert.window_end for d in result.new_days):
                continue
            key, casualties = alert_key(alert), alert.fatalities + alert.injured
            reason = push_reason(self._state(lambda s: s.pushed(key)), alert.observed, casualties)
            if reason is None:
                continue
            events = self._state(lambda s: driving_events(s.conn, [e["event_id"] for e in alert.events]))
            ok, detail = self.pusher.deliver(alert_body(alert, reason, events))
            self.log(
                f"watch: alert {alert.place} {alert.window_start}..{alert.window_end} "
                f"({reason}, {alert.observed} events): {detail}"
            )
            if ok:
                result.alerts_pushed += 1
                self._state(lambda s: s.record_push(key, alert.alert_id, alert.observed, casualties))
            else:
                result.push_failures += 1


def _record(
    state: WatchState,
    feed: Feed,
    url: str,
    item: FeedItem,
    got: Fetched,
    source: str | None,
    outcome: str,
    detail: str | None,
    seen: dict[str, Any],
) -> None:
    """Log an article's fetch and, unless it is to be retried, mark its URL seen."""
    state.log_fetch(feed.url, item.url, got.status, outcome, detail, got.seconds)
    if outcome != "error":
        state.mark(Seen(url, item.url, feed.url, outcome, source=source, title=item.title, **seen))


def _document(url: str, page: HtmlText, item: FeedItem, source: str) -> Document:
    """The document to code from a fetched page, dated by the page or else by its feed."""
    return Document(
        id="web-" + content_hash(url),
        text=page.text,
        date=parse_date(page.date) or parse_date(item.date),
        title=page.title or item.title,
        url=url,
        source=source,
        origin=item.url,
    )


def open_local_writer(db: str) -> tuple[EventStore, Write]:
    """The store at ``db`` opened for writing and a ``write`` that runs actions on it."""
    store = EventStore(db)

    def write(action: Callable[[EventStore], T]) -> T:
        return action(store)

    return store, write
