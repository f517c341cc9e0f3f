"""What the screens need (content, store, grader, clock), and where slow work runs.

SQLite connections belong to the thread that opened them, so the store is
opened and used on ONE background thread: the screens ``await services.db(...)``
and never block the event loop. Grading runs on that same thread, which also
keeps the grader's rubric cache single-threaded; the grader is built there on the
first grade, so start-up never imports it (Home's warm-up imports its module early).
"""

from __future__ import annotations

import asyncio
import random
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from gitops_tutor.cli.context import Settings
    from gitops_tutor.curriculum.models import Curriculum
    from gitops_tutor.curriculum.problems import Problem
    from gitops_tutor.grading import Grader
    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.tui.queries import HomeData

T = TypeVar("T")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Background:
    """A single worker thread; ``inline=True`` runs calls directly (for a store opened by the caller)."""

    def __init__(self, inline: bool = False) -> None:
        self.inline = inline
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gitops-tutor-bg")

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self.inline:
            return fn(*args, **kwargs)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def submit(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the worker thread and wait (used once, at shutdown)."""
        if self.inline:
            return fn(*args)
        return self._executor.submit(fn, *args).result()

    def start(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``fn`` on the worker thread without waiting: calls queued after it run after it."""
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)


class Services:
    """The content, the store and the rest; ``arriving`` builds one whose content and store are
    still loading on the store's thread (start-up drew Home from another process's figures)."""

    def __init__(
        self,
        curriculum: Curriculum,
        store: ProgressStore,
        clock: Clock,
        background: Background,
        rng: random.Random | None = None,
        problems: tuple[Problem, ...] = (),
        home_at_start: HomeData | None = None,
    ) -> None:
        self._loaded: Loaded | None = Loaded(curriculum, store, problems)
        self._loading: Future[Loaded] | None = None
        self._go: threading.Event | None = None
        self.clock = clock
        self.background = background
        self.rng = rng if rng is not None else random.Random()
        self.home_at_start = home_at_start
        self.window = uuid.uuid4().hex  # this process's drafts (progress.drafts)
        self._grader: Grader | None = None

    @classmethod
    def arriving(
        cls,
        loading: Future[Loaded],
        go: threading.Event,
        clock: Clock,
        background: Background,
        rng: random.Random,
        home_at_start: HomeData,
    ) -> Services:
        """Services whose content and store come from ``loading``, a load queued on ``background``
        that waits for ``go`` (set once Home's first frame is out) before it starts.

        Calls through ``db`` and ``grade`` queue behind it on that thread. The first use of
        ``curriculum``, ``store`` or ``problems`` before it is done sets ``go`` and waits for it
        (tens of ms, once); ``ready`` waits without holding up the event loop."""
        services = cls.__new__(cls)
        services._loaded, services._loading, services._go = None, loading, go
        services.clock, services.background, services.rng = clock, background, rng
        services.home_at_start = home_at_start
        services.window = uuid.uuid4().hex
        services._grader = None
        return services

    @property
    def curriculum(self) -> Curriculum:
        return self._wait().curriculum

    @property
    def store(self) -> ProgressStore:
        return self._wait().store

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._wait().problems

    def _wait(self) -> Loaded:
        if self._loaded is None:
            assert self._loading is not None and self._go is not None
            self._go.set()  # needed now: the load must not wait for Home's frame, which may wait for this
            self._loaded = self._loading.result()  # runs on the store's thread, which needs nothing from this one
        return self._loaded

    async def ready(self) -> None:
        """Wait for the content and the store without blocking the event loop; a StoreError propagates."""
        if self._loaded is None and self._loading is not None:
            self._loaded = await asyncio.wrap_future(self._loading)

    def take_home_at_start(self) -> HomeData | None:
        """Home's figures read by the loader, handed out once: Home's first refresh then needs no
        second trip to the store's thread, and later refreshes read the store afresh."""
        data, self.home_at_start = self.home_at_start, None
        return data

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call on the store's own thread."""
        return await self.background.run(fn, *args, **kwargs)

    async def grade(self, question: Any, answer: Any) -> Any:
        return await self.background.run(self._grade_here, question, answer)

    def _grade_here(self, question: Any, answer: Any) -> Any:
        """Grade on the store's thread, building the grader there the first time (it compiles and
        caches rubrics, so one grader serves the whole run)."""
        if self._grader is None:
            from gitops_tutor.grading import Grader

            self._grader = Grader(self.curriculum.aliases, self.curriculum.misconceptions)
        return self._grader.grade(question, answer)

    def now(self) -> datetime:
        return self.clock()


@dataclass
class Loaded:
    """The result of start-up work done off the event loop."""

    curriculum: Curriculum
    store: ProgressStore
    problems: tuple[Problem, ...]
    home: HomeData | None = None


def load_everything(
    settings: Settings,
    clock: Clock,
    curriculum: Curriculum | None,
    store: ProgressStore | None,
    *,
    with_home: bool = False,
) -> Loaded:
    """Load content, open the store and (``with_home``) read Home's figures; runs on the
    background thread.

    The heavy imports (YAML, fsrs) happen here, after the first screen is already on the
    terminal; the grader is not needed before the first answer (see ``Services.grade``).
    Home's figures are read in the same trip, so Home has them when it is built and needs
    no trip of its own. A StoreError propagates.
    """
    from gitops_tutor.progress import ProgressStore

    problems: tuple[Problem, ...] = ()
    if curriculum is None:
        result = settings.load_for_app()
        curriculum, problems = result.curriculum, tuple(result.errors)
    if store is None:
        store = ProgressStore.open(settings.db_path, clock=clock)
    home = None
    if with_home:
        from gitops_tutor.tui.queries import read_home_data

        home = read_home_data(store, curriculum, clock())
    return Loaded(curriculum, store, problems, home)
