"""Mock interview setup: presets, the unfinished interview to resume, and recent results.

The interview itself runs in ``interview_run`` and its report in ``interview_report``;
this screen is the ``interview`` mode's home, so every way in (the ``i`` key, the
command palette, ``gitops-tutor interview``) lands here first.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gitops_tutor.interview.config import PRESET_TITLES, PRESETS, InterviewConfig
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.render import clock_text, fresh_paper_text, signed
from gitops_tutor.tui.safe_text import safe_text
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import hand_keys_back, hand_keys_to, push_screen_with_keys
from gitops_tutor.tui.widgets.opening_list import OpeningOptionList

if TYPE_CHECKING:
    from gitops_tutor.interview.lease import Lease
    from gitops_tutor.interview.report import InterviewReport
    from gitops_tutor.interview.repository import SavedInterview
    from gitops_tutor.interview.service import InterviewService
    from gitops_tutor.interview.session import InterviewSession
    from gitops_tutor.tui.services import Services

REQUEST_ATTRIBUTE = "interview_request"


@dataclass
class InterviewRequest:
    """What ``gitops-tutor interview`` asked for, handed to the app; used once."""

    config: InterviewConfig
    resume: bool = False
    take_over: bool = False  # --take-over: resume an interview open in another window without asking
    used: bool = False


def monotonic_for(services: Services) -> Callable[[], float]:
    """The real monotonic clock, unless the app runs on an injected clock (tests), which then drives time."""
    from gitops_tutor.tui.services import utc_now

    if services.clock is utc_now:
        return time.monotonic
    return lambda: services.now().timestamp()


def make_service(services: Services) -> InterviewService:
    from gitops_tutor.interview.service import InterviewService

    return InterviewService(services.store, services.curriculum, clock=services.now, monotonic=monotonic_for(services))


async def offer_resume(app: App[Any]) -> None:
    """At start-up, point at an interview that a crash or a quit left unfinished (the issue's "offer")."""
    from gitops_tutor.interview.repository import InterviewRepository
    from gitops_tutor.progress import StoreError

    services: Services | None = getattr(app, "services", None)
    if services is None:
        return
    try:
        waiting = await services.db(InterviewRepository(services.store).resumable, services.now())
    except (InterviewError, StoreError):
        return
    if waiting is not None:
        app.notify(
            f"An unfinished mock interview is waiting ({waiting.answered} of {waiting.question_count} answered, "
            f"{clock_text(waiting.remaining_seconds)} left). Press i to resume or discard it.",
            title="Mock interview",
            timeout=15,
            markup=False,
        )


def history_text(reports: list[InterviewReport]) -> Text:
    if not reports:
        return Text("No mock interviews yet. A report with a score per question and domain follows each one.", "dim")
    text = Text("Recent interviews\n", style="bold")
    for report in reports:
        change = f" ({signed(report.change.delta)})" if report.change else ""
        text.append(
            f"  {report.started_at[:16].replace('T', ' ')}  {report.score:>3}/100 {report.band}{change}"
            f"  · {report.setup}\n"
        )
    return text


class InterviewScreen(TutorScreen):
    """Choose a preset (or resume); the run screen is pushed on top of this one."""

    DEFAULT_CSS = """
    InterviewScreen #interview-setup { padding: 0 1; }
    InterviewScreen #iv-choices, InterviewScreen #iv-history { margin-top: 1; }
    """
    BINDINGS = [Binding("enter", "choose", "Start", tooltip="Start or resume the highlighted choice", id="iv-start")]

    def __init__(self) -> None:
        super().__init__()
        self.service: InterviewService | None = None
        self.waiting: SavedInterview | None = None
        self.waiting_elsewhere: Lease | None = None  # the waiting interview is open in another window

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="interview-setup"):
            yield Static(Text("Mock interview", style="bold"), id="iv-title")
            yield Static(self._intro(), id="iv-intro")
            yield OpeningOptionList(id="iv-choices")
            yield Static("", id="iv-history")
        yield KeyBar()

    def _intro(self) -> Text:
        return Text(
            "Timed, no hints and no scores until the end; a missed concept may bring a follow-up question. "
            "Answers are saved as you type. Keys while answering: ctrl+s next, ctrl+b previous, ctrl+f flag, "
            "ctrl+l question list, ctrl+o finish.",
            style="dim",
        )

    def on_mount(self) -> None:
        self.query_one("#iv-choices", OptionList).focus()

    async def refresh_data(self) -> None:
        if self.service is None:
            self.service = make_service(self.services)
        service = self.service
        await self.services.db(service.discard_abandoned)
        self.waiting = await self.services.db(service.resumable)
        self.waiting_elsewhere = await self.services.db(service.open_elsewhere, self.waiting) if self.waiting else None
        reports = await self.services.db(service.history, 5)
        self._show_choices()
        self.query_one("#iv-history", Static).update(history_text(reports))
        await self._serve_request()

    def _request(self) -> InterviewRequest | None:
        request: InterviewRequest | None = getattr(self.app, REQUEST_ATTRIBUTE, None)
        return request if request is not None and not request.used else None

    def _show_choices(self) -> None:
        choices = self.query_one("#iv-choices", OptionList)
        choices.clear_options()
        options: list[Option] = []
        waiting = self.waiting
        if waiting is not None:
            options.append(
                Option(
                    safe_text(
                        f"Resume the interview from {waiting.created_at:%Y-%m-%d %H:%M} UTC: {waiting.answered} of "
                        f"{waiting.question_count} answered, {clock_text(waiting.remaining_seconds)} left"
                        + self._elsewhere_note()
                    ),
                    id="resume",
                )
            )
            options.append(Option(Text("Discard that unfinished interview"), id="discard"))
        request = self._request()
        if request is not None:
            options.append(
                Option(safe_text(f"Start: {request.config.describe()}"), id="request", disabled=waiting is not None)
            )
        for name, title in PRESET_TITLES.items():
            options.append(Option(Text(title), id=f"preset-{name}", disabled=waiting is not None))
        choices.add_options(options)
        choices.highlighted = 0

    def _elsewhere_note(self) -> str:
        """Said before Enter, so the question about taking it over is no surprise."""
        if self.waiting_elsewhere is None:
            return ""
        return f" (open in another window since {self.waiting_elsewhere.since:%H:%M} UTC)"

    async def _serve_request(self) -> None:
        """Started by ``gitops-tutor interview``: go straight in, unless an unfinished one needs a decision."""
        request = self._request()
        if request is None:
            return
        if request.resume:
            request.used = True
            if self.waiting is None:
                self.notify("There is no unfinished interview to resume.", severity="warning")
                return
            await self._resume(take_over=request.take_over)
        elif self.waiting is None:
            request.used = True
            await self._start(request.config)

    def action_choose(self) -> None:
        choices = self.query_one("#iv-choices", OptionList)
        if choices.highlighted is not None:
            self._run_choice(choices.get_option_at_index(choices.highlighted).id or "")

    @on(OptionList.OptionSelected, "#iv-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._run_choice(event.option.id or "")

    def _run_choice(self, choice: str) -> None:
        """Keys typed after the Enter wait for what it opens (the interview's first question, or the
        discard question); every way that opens nothing hands them back here."""
        if choice == "resume":
            self.run_worker(self._handing_back(self._resume()), exclusive=True, group="iv-setup")
        elif choice == "discard":
            self._ask_discard()
        elif choice == "request" and (request := self._request()) is not None:
            request.used = True
            self.run_worker(self._handing_back(self._start(request.config)), exclusive=True, group="iv-setup")
        elif choice.startswith("preset-") and self.waiting is None:
            config = PRESETS[choice.removeprefix("preset-")]
            self.run_worker(self._handing_back(self._start(config)), exclusive=True, group="iv-setup")
        else:
            hand_keys_back(self)

    async def _handing_back(self, opening: Awaitable[None]) -> None:
        try:
            await opening
        finally:
            hand_keys_back(self)  # nothing opened (an error, no interview to resume): the keys stay here

    async def _start(self, config: InterviewConfig) -> None:
        assert self.service is not None
        try:
            session = await self.services.db(self.service.start, config)
        except InterviewError as error:
            self.notify(str(error), title="Cannot start", severity="error", markup=False)
            return
        self._open(session)

    async def _resume(self, take_over: bool = False) -> None:
        """Resume the waiting interview; if it is open in another window, ask before taking it over."""
        from gitops_tutor.interview.lease import InterviewInUse

        assert self.service is not None
        waiting = self.waiting
        if waiting is None:
            return
        try:
            session = await self.services.db(self.service.resume, waiting, take_over=take_over)
        except InterviewInUse as error:
            self._ask_take_over(str(error))
            return
        except InterviewError as error:
            self.notify(str(error), title="Cannot resume", severity="error", markup=False)
            return
        self._open(session)

    def _ask_take_over(self, in_use: str) -> None:
        """The other window may be the learner's own forgotten one, or a crash a few seconds ago: they decide."""
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        detail = (
            "Taking it over here stops that window saving: it says so, and keeps what was typed there "
            "since its last save. Cancel to go on in the other window."
        )
        choices = [("cancel", "Cancel"), ("take-over", "Take it over")]

        def chosen(choice: str | None) -> None:
            if choice == "take-over":
                self.run_worker(self._resume(take_over=True), exclusive=True, group="iv-setup")

        self.app.push_screen(ConfirmModal(f"{in_use}.", detail, choices), chosen)

    def _ask_discard(self) -> None:
        """Discarding deletes every answer of the interview (up to a 90-minute exam), so ask first."""
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        waiting = self.waiting
        if waiting is None:
            hand_keys_back(self)
            return
        detail = (
            f"The interview from {waiting.created_at:%Y-%m-%d %H:%M} UTC has {waiting.answered} of "
            f"{waiting.question_count} questions answered and {clock_text(waiting.remaining_seconds)} left. "
            "Discarding deletes it and its answers; it cannot be resumed or undone."
        )
        choices = [("keep", "Keep it"), ("discard", "Discard it")]

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.run_worker(self._discard(), exclusive=True, group="iv-setup")

        push_screen_with_keys(self.app, ConfirmModal("Discard the unfinished interview?", detail, choices), chosen)

    async def _discard(self) -> None:
        assert self.service is not None
        if self.waiting is not None:
            await self.services.db(self.service.discard, self.waiting.id)
            self.notify("The unfinished interview was discarded.")
        await self.refresh_data()

    def _open(self, session: InterviewSession) -> None:
        from gitops_tutor.tui.screens.interview_run import InterviewRunScreen

        assert self.service is not None
        if len(session.items) < session.config.questions and session.answered_count() == 0:
            self.notify(f"Only {len(session.items)} questions match these filters.", severity="warning")
        if session.new_questions is not None and session.answered_count() == 0:
            self.notify(fresh_paper_text(session.new_questions, session.drawn_count, session.config.preset) + ".")
        run = InterviewRunScreen(self.service, session)
        self.app.push_screen(run)
        # Keys typed after the Enter that started it (held since then) go to its first question. Opened
        # by ``gitops-tutor interview`` no key started it, so none are held: typing goes straight in.
        hand_keys_to(run)
