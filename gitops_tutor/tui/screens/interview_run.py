"""The running interview: countdown, question list with marks, one question at a time.

Nothing here shows a score. A half-second timer drives the session (alerts, time-out)
and saves: at once after any structural change, and every two seconds while the
candidate types, so a crash loses at most two seconds. Saving takes a snapshot on
the UI thread and writes it on the store's thread, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Header,
    Label,
    Markdown,
    OptionList,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, ManifestQuestion
from gitops_tutor.interview.answers import (
    TOOL_CHOICES,
    TOOL_LABELS,
    answer_for_indexes,
    answer_hint,
    choice_indexes,
    tool_answer,
)
from gitops_tutor.interview.lease import (
    HEARTBEAT_SECONDS,
    InterviewTakenOver,
    SaveOutcome,
    answers_text,
    taken_over_message,
)
from gitops_tutor.interview.render import clock_text
from gitops_tutor.interview.repository import Snapshot
from gitops_tutor.interview.session import Alert, InterviewSession, TimeUp
from gitops_tutor.tui.safe_text import safe_text, sanitize
from gitops_tutor.tui.widgets.answer import (
    NUMBER_KEYS,
    TOOL_KEYS,
    AnswerArea,
    MarkedRadioButton,
    OrderedRadioSet,
    OrderedSelectionList,
)
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import (
    after_typed_keys,
    handle_key_in_order,
    hold_keys,
    push_screen_with_keys,
    release_keys,
    screen_key_in_order,
)
from gitops_tutor.tui.wording import inline_markdown

if TYPE_CHECKING:
    from gitops_tutor.interview.report import InterviewReport
    from gitops_tutor.interview.service import InterviewService
    from gitops_tutor.tui.services import Services

TICK_SECONDS = 0.5
SAVE_EVERY_SECONDS = 2.0
NARROW_COLUMNS = 100  # below this the question list folds away (ctrl+l shows it) so the answer gets the width


def build_answer_widget(question: AnyQuestion, answer: str) -> Any:
    """The input for a question, showing ``answer`` (options in content order, numbered as in line mode)."""
    if isinstance(question, ChoiceQuestion):
        chosen = set(choice_indexes(answer, len(question.options)))
        labels = [safe_text(f"{i + 1}. {o.text}") for i, o in enumerate(question.options)]
        if question.type == "single-choice":
            radios = (MarkedRadioButton(label, value=i in chosen) for i, label in enumerate(labels))
            return OrderedRadioSet(*radios, id="iv-answer", shortcuts=NUMBER_KEYS)
        selections = (Selection(label, i, i in chosen) for i, label in enumerate(labels))
        return NumberedSelectionList(*selections, id="iv-answer")
    if question.type == "which-tool":
        picked = tool_answer(answer)
        buttons = (MarkedRadioButton(TOOL_LABELS[name], value=name == picked) for name in TOOL_CHOICES)
        return OrderedRadioSet(*buttons, id="iv-answer", shortcuts={**TOOL_KEYS, **NUMBER_KEYS})
    starter = question.starter if isinstance(question, ManifestQuestion) else ""
    return AnswerArea(
        sanitize(answer or starter),
        id="iv-answer",
        language="yaml" if question.type == "manifest" else None,
        soft_wrap=True,
        tab_behavior="indent",
        show_line_numbers=question.type == "manifest",
    )


class NumberedSelectionList(OrderedSelectionList):
    """The interview's multi-choice list: a digit ticks or unticks its option, as a digit picks in single-choice.

    The hint said "type their numbers" and digits did nothing (fresh-eyes-2 #3): a candidate
    who followed it left the question unanswered. The toggle is applied on the key itself,
    as ``OrderedRadioSet`` does its shortcuts, so digits typed in a burst with ctrl+s all
    land before the move reads the answer.
    """

    async def _on_key(self, event: events.Key) -> None:
        index = NUMBER_KEYS.get(event.key)
        if index is not None and index < self.option_count and self.app.focused is self:
            event.prevent_default()
            event.stop()
            self.toggle(index)
            self.highlighted = index
            return
        await super()._on_key(event)


def hint_in_app(question: AnyQuestion) -> str:
    """How to answer here: the line-mode hint, except where the app's widget works otherwise."""
    if question.type == "multi-choice":
        return "Choose every correct option: press its number to tick or untick it (or arrows and space)."
    return answer_hint(question)


def read_answer(widget: Any, question: AnyQuestion) -> str:
    """The widget's state as answer text (what the session stores and line mode would accept)."""
    if isinstance(widget, AnswerArea):
        starter = question.starter if isinstance(question, ManifestQuestion) else ""
        return "" if starter and widget.text.strip() == starter.strip() else widget.text
    if isinstance(widget, RadioSet):
        index = widget.pressed_index
        if index < 0:
            return ""
        return TOOL_CHOICES[index] if question.type == "which-tool" else str(index + 1)
    if isinstance(widget, SelectionList):
        return answer_for_indexes(list(widget.selected))
    return ""


class QuestionList(OptionList):
    """The question list (ctrl+l): keys apply in order, and Enter jumps at once.

    OptionList posts a message on Enter and the jump would come after the keys typed
    behind it, which then went to the list or were lost; here the jump starts inline,
    so those keys are held for the question it shows.
    """

    def __init__(self, jump: Callable[[int], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.jump = jump

    async def _on_key(self, event: events.Key) -> None:
        await handle_key_in_order(self, event, super()._on_key)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.jump(self.highlighted)


class FinishModal(ModalScreen[str]):
    """Finishing early is final, so ask; leaving keeps the interview for later instead."""

    DEFAULT_CSS = """
    FinishModal { align: center middle; }
    FinishModal > Vertical { width: 78; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    FinishModal #iv-modal-summary { width: 100%; height: auto; }
    FinishModal Horizontal { height: auto; margin-top: 1; }
    FinishModal Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss('stay')", "Keep going", id="iv-modal-stay")]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Finish the interview now?", style="bold"))
            yield Static(Text(self.summary), id="iv-modal-summary")
            with Horizontal():
                yield Button("Keep going", id="stay", variant="primary")
                yield Button("Finish: report", id="finish", variant="warning")
                yield Button("Leave for later", id="leave")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")


class TakenOverModal(ModalScreen[str]):
    """This window lost its interview to another one: say so plainly and show what it had typed.

    The answers shown are the ones the saved interview does not hold (typed here since the
    other window took over, or never saved before it did). They are also written to the
    database's ``interview_recoveries`` before this opens, so closing the window loses
    nothing; here they can be selected and copied, or the interview taken back.
    """

    DEFAULT_CSS = """
    TakenOverModal { align: center middle; }
    TakenOverModal > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 100%; border: thick $error; background: $surface;
        padding: 1 2;
    }
    TakenOverModal #iv-lost-detail { width: 100%; height: auto; }
    TakenOverModal #iv-lost-answers { height: 12; margin-top: 1; }
    TakenOverModal Horizontal { height: auto; margin-top: 1; }
    TakenOverModal Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss('leave')", "Leave", id="iv-lost-leave")]

    def __init__(self, reason: str, kept: list[tuple[int, str]], can_take_back: bool) -> None:
        super().__init__()
        self.reason = reason
        self.kept = kept
        self.can_take_back = can_take_back

    def compose(self) -> ComposeResult:
        if self.kept:
            detail = (
                "Nothing more is saved from this window. What you typed here that the saved interview does not "
                "hold is below (select it to copy it); it is also kept in the database's recovery copy."
            )
        else:
            detail = "Nothing more is saved from this window. Everything typed here was saved before that."
        with Vertical():
            yield Label(Text(self.reason + ".", style="bold"), id="iv-lost-title")
            yield Static(Text(detail), id="iv-lost-detail")
            if self.kept:
                yield TextArea(sanitize(answers_text(self.kept)), read_only=True, soft_wrap=True, id="iv-lost-answers")
            with Horizontal():
                yield Button("Leave", id="leave", variant="primary")
                if self.can_take_back:
                    yield Button("Take it back here", id="take-back")

    def on_mount(self) -> None:
        """Focus the text, not a button: keys still being typed when this opens must not press Leave."""
        if self.kept:
            self.query_one("#iv-lost-answers", TextArea).focus()
        else:
            self.query_one("#leave", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "leave")


class InterviewRunScreen(Screen[None]):
    DEFAULT_CSS = """
    InterviewRunScreen #iv-top { height: 1; padding: 0 1; background: $boost; }
    InterviewRunScreen #iv-body { height: 1fr; }
    InterviewRunScreen #iv-list { width: 42; max-width: 35%; height: 1fr; }
    InterviewRunScreen.-narrow #iv-list { display: none; }
    InterviewRunScreen.-narrow.-list-open #iv-list { display: block; width: 100%; max-width: 100%; }
    InterviewRunScreen.-narrow.-list-open #iv-card { display: none; }
    InterviewRunScreen #iv-card { width: 1fr; height: 1fr; padding: 0 1; }
    InterviewRunScreen #iv-question { height: auto; max-height: 60%; }
    InterviewRunScreen #iv-answer { height: 1fr; min-height: 5; }
    InterviewRunScreen #iv-top.low { background: $warning 40%; }
    InterviewRunScreen #iv-top.critical { background: $error 50%; }
    """
    BINDINGS = [
        Binding("ctrl+s", "next", "Next", tooltip="Submit this answer and go on", id="iv-next", priority=True),
        Binding("f2", "next", "Next", show=False, id="iv-next-f2", priority=True),
        Binding("ctrl+b", "previous", "Previous", tooltip="Back to the previous question", id="iv-prev", priority=True),
        Binding("ctrl+f", "flag", "Flag", tooltip="Flag this question for review", id="iv-flag", priority=True),
        Binding("ctrl+l", "question_list", "Questions", tooltip="Move between questions", id="iv-qlist", priority=True),
        Binding("ctrl+o", "finish", "Finish", tooltip="Finish early (asks first)", id="iv-finish", priority=True),
        Binding("escape", "escape", "Finish", show=False, id="iv-escape"),
    ]

    @property
    def leave_warning(self) -> str | None:
        """What the app says before a screen key takes the learner away from a running interview."""
        if not self.session.running or self.completing or self.lost:
            return None
        return (
            f"The clock keeps running while you are away ({clock_text(self.session.remaining_seconds())} left); "
            "your answers are kept. Press i to come back. A real interview would not let you look at the "
            "lessons or the Argo CD vs Flux table meanwhile."
        )

    def __init__(self, service: InterviewService, session: InterviewSession) -> None:
        super().__init__()
        self.service = service
        self.session = session
        self.answer_widget: Any = None
        self.answer_position: int | None = None  # the question the answer widget belongs to
        self.timer: Timer | None = None
        self.completing = False
        self.report: InterviewReport | None = None
        self.lost = False  # another window took the interview over: nothing more is saved from here
        self.left = False  # left for later: saved and released, no save on unmount
        self._last_save = 0.0
        self._last_beat = 0.0
        self._monotonic = session.monotonic

    @property
    def services(self) -> Services:
        services: Services | None = getattr(self.app, "services", None)
        assert services is not None
        return services

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="iv-top")
        with Horizontal(id="iv-body"):
            yield QuestionList(self._jump_to, id="iv-list")
            yield Vertical(id="iv-card")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.session.on_change = lambda _session: self.save()
        self._last_save = self._last_beat = self._monotonic()
        await self.show_current()
        self.timer = self.set_interval(TICK_SECONDS, self.tick)

    # -- showing ------------------------------------------------------------------------------

    async def show_current(self) -> None:
        card = self.query_one("#iv-card", Vertical)
        for child in card.children:
            child.display = False  # a text area rendered mid-removal fails
        await card.remove_children()
        session = self.session
        question, item = session.current_question, session.current_item
        self.answer_widget = build_answer_widget(question, item.answer)
        self.answer_position = session.position
        heading = f"Question {session.position + 1} of {len(session.items)} · {question.type}"
        if item.follow_up_of:
            heading += " · follow-up"
        prompt = VerticalScroll(
            Static(safe_text(heading, "dim"), id="iv-position"),
            Markdown(sanitize(question.prompt), id="iv-prompt"),
            Static(Text(hint_in_app(question), style="italic dim"), id="iv-hint"),
            id="iv-question",
        )
        await card.mount(self.answer_widget)
        if isinstance(self.answer_widget, AnswerArea) and item.answer:
            # A saved answer (resumed, or gone back to) is carried on, not rewritten: start at its end.
            self.answer_widget.move_cursor(self.answer_widget.document.end)
        self.set_class(False, "-list-open")
        # Focus at once (``focus()`` is queued) with the keys typed since the move, then show
        # the question, so a key typed the moment it shows goes into its answer after them.
        release_keys(self, self.answer_widget)
        await card.mount(prompt, before=0)
        self.refresh_list()
        self.refresh_top()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_COLUMNS, "-narrow")

    def refresh_top(self) -> None:
        session = self.session
        left = session.remaining_seconds()
        item = session.current_item
        marks = " · flagged" if item.flagged else ""
        top = self.query_one("#iv-top", Static)
        top.update(
            Text.assemble(
                (f"⏱ {clock_text(left)} left", "bold"),
                f"   Question {session.position + 1} of {len(session.items)}{marks}"
                f"   {clock_text(session.seconds_on(session.position))} on it"
                f"   answered {session.answered_count()}/{len(session.items)}",
            )
        )
        top.set_class(60 < left <= 300, "low")
        top.set_class(left <= 60, "critical")

    def refresh_list(self) -> None:
        listing = self.query_one("#iv-list", OptionList)
        listing.clear_options()
        self._list_marks = self._marks()
        for position, item in enumerate(self.session.items):
            follow = "↳ " if item.follow_up_of else ""
            prompt = self.session.question_at(position).prompt.strip().splitlines()[0]
            label = f"{self._list_marks[position]} {position + 1}. {follow}{prompt}"
            listing.add_option(Option(inline_markdown(label), id=f"q{position}"))  # cut at the list's width (CSS)
        listing.highlighted = self.session.position

    def _marks(self) -> list[str]:
        return [("✓" if item.answered else "·") + ("⚑" if item.flagged else " ") for item in self.session.items]

    # -- the clock ----------------------------------------------------------------------------

    def tick(self) -> None:
        session = self.session
        if not session.running or self.completing:
            return
        self.capture()
        for event in session.tick():
            if isinstance(event, Alert):
                self.notify(event.message, title="Time", severity="warning", timeout=8)
            elif isinstance(event, TimeUp):
                self.notify(event.message, title="Time is up", severity="error", timeout=10)
                self.run_worker(self.complete(), exclusive=True, group="iv-complete")
                return
        self.refresh_top()
        if self._marks() != getattr(self, "_list_marks", None):  # the header and the list agree on "answered"
            self.refresh_list()
        if not session.flush() and self._monotonic() - self._last_save >= SAVE_EVERY_SECONDS:
            self.save()
        if self._monotonic() - self._last_beat >= HEARTBEAT_SECONDS:
            self._last_beat = self._monotonic()
            self.run_worker(self._beat(), group="iv-save")

    def capture(self) -> None:
        """Copy the answer widget's state into the session (it only marks the session dirty).

        Only into the question the widget was built for: between a move and the next
        question's widget, the old widget may still take keys, and they are not the new answer.
        """
        session = self.session
        if self.answer_widget is not None and session.running and self.answer_position == session.position:
            session.set_answer(read_answer(self.answer_widget, session.current_question))

    def save(self) -> None:
        """Snapshot now, write on the store's thread; the single store thread keeps writes in order."""
        if self.lost:
            return
        self._last_save = self._last_beat = self._monotonic()
        snapshot = Snapshot.of(self.session)
        self.run_worker(self._write(snapshot), group="iv-save")

    async def _write(self, snapshot: Snapshot) -> None:
        outcome = await self.services.db(self.service.write, snapshot)
        self._check_outcome(outcome)

    async def _beat(self) -> None:
        """Tell other windows this one still has the interview open (and find out if it lost it)."""
        if self.lost or self.completing or not self.session.running:
            return
        outcome = await self.services.db(self.service.heartbeat, self.session.id)
        self._check_outcome(outcome)

    def _check_outcome(self, outcome: SaveOutcome) -> None:
        """A refused save means another window has the interview, unless this one is finishing it:
        then a save queued before the finish finds it closed, and completing checks the lease itself."""
        if outcome is not SaveOutcome.SAVED and self.session.running and not self.completing:
            self._lost(outcome)

    # -- another window took the interview over ---------------------------------------------

    def _lost(self, outcome: SaveOutcome) -> None:
        """Stop saving at once, keep what this window has, and tell the learner."""
        if self.lost:
            return
        self.capture()
        self.lost = True
        self._stop()
        self.session.on_change = None
        self.run_worker(self._keep_and_tell(taken_over_message(outcome), outcome), group="iv-lost")

    async def _keep_and_tell(self, reason: str, outcome: SaveOutcome) -> None:
        kept = await self.services.db(self.service.unsaved_answers, self.session)
        await self.services.db(self.service.keep_recovery, self.session, outcome)
        can_take_back = self.session.running and outcome is SaveOutcome.TAKEN_OVER
        self.app.push_screen(TakenOverModal(reason, kept, can_take_back), self._after_lost)

    def _after_lost(self, choice: str | None) -> None:
        if choice == "take-back":
            self.run_worker(self._take_back(), exclusive=True, group="iv-lost")
        else:
            self.left = True
            self.dismiss()

    async def _take_back(self) -> None:
        """This window's answers become the saved interview again; the other window is told it lost it."""
        outcome = await self.services.db(self.service.take_back, self.session)
        if outcome is not SaveOutcome.SAVED:
            self.notify(taken_over_message(outcome) + ".", severity="error")
            self.left = True
            self.dismiss()
            return
        self.lost = False
        self.session.on_change = lambda _session: self.save()
        self._last_save = self._last_beat = self._monotonic()
        self.timer = self.set_interval(TICK_SECONDS, self.tick)
        self.notify("The interview is open in this window again.", timeout=4)

    def saved_work(self) -> str | None:
        """Said when quitting asks about a draft elsewhere: the interview itself is saved as it goes."""
        if self.session.running and not self.completing:
            return "Your interview answers are saved; resume the interview with i."
        return None

    def on_unmount(self) -> None:
        """Quitting the app mid-interview: one last save, waited for, so the resume has every keystroke."""
        if not self.session.running or self.completing or self.lost or self.left:
            return
        self.capture()
        snapshot = Snapshot.of(self.session)
        try:
            self.services.background.submit(self.service.write, snapshot)
            self.services.background.submit(self.service.release, self.session.id)
        except Exception:  # noqa: BLE001 - shutting down: the save two seconds ago has to do
            return

    # -- moving around ------------------------------------------------------------------------

    def _move(self, move: Any) -> None:
        if not self.session.running or self.completing:
            return
        self.capture()
        self._retire_answer_widget()
        hold_keys(self)  # keys typed from here on belong to the question shown next
        move()
        self.run_worker(self.show_current(), exclusive=True, group="iv-show")

    def _retire_answer_widget(self) -> None:
        """Nothing more is read from the widget; it stays as it is (a read-only or disabled widget
        would hand keys still on their way to the app's own keys, e.g. r for Review) until the
        next question's widget replaces it."""
        self.answer_widget, self.answer_position = None, None

    # ctrl+s/b/f/l/o are priority keys (they must beat the text area's own ctrl+f and
    # friends), so they run before keys typed just ahead of them reach the answer: each
    # waits for those keys first.

    def action_next(self) -> None:
        after_typed_keys(self.app, lambda: self._move(self.session.submit))

    def action_previous(self) -> None:
        after_typed_keys(self.app, lambda: self._move(self.session.previous))

    def action_flag(self) -> None:
        after_typed_keys(self.app, self._flag)

    def _flag(self) -> None:
        if self.session.running and not self.completing:
            self.capture()
            flagged = self.session.toggle_flag()
            self.notify("Flagged for review." if flagged else "Flag removed.", timeout=2)
            self.refresh_list()
            self.refresh_top()

    def action_question_list(self) -> None:
        after_typed_keys(self.app, self._open_list)

    def _open_list(self) -> None:
        self.capture()
        self.add_class("-list-open")
        # Keys typed after ctrl+l are for the list, even those already on their way to the answer.
        hold_keys(self)
        release_keys(self, self.query_one("#iv-list", OptionList))

    def _close_list(self) -> None:
        self.remove_class("-list-open")
        if self.answer_widget is not None:
            hold_keys(self)
            release_keys(self, self.answer_widget)

    async def _on_key(self, event: events.Key) -> None:
        """Keys that reach the screen itself: held during a move, else its bindings in order."""
        await screen_key_in_order(self, event)

    def _jump_to(self, position: int) -> None:
        """Enter (or a click) on the question list."""
        if position != self.session.position:
            self._move(lambda: self.session.go_to(position))
        else:
            self._close_list()

    # -- ending -------------------------------------------------------------------------------

    def action_finish(self) -> None:
        after_typed_keys(self.app, self._ask_finish)

    def action_escape(self) -> None:
        """Esc closes the question list when it is open; otherwise it asks about finishing."""
        if self.has_class("-list-open") or (self.focused is not None and self.focused.id == "iv-list"):
            self._close_list()
        else:
            self._ask_finish()

    def _ask_finish(self) -> None:
        if not self.session.running or self.completing or isinstance(self.app.screen, FinishModal):
            return
        self.capture()
        s = self.session
        unanswered = len(s.unanswered_positions())
        summary = (
            f"{s.answered_count()} of {len(s.items)} answered ({unanswered} would score 0), "
            f"{clock_text(s.remaining_seconds())} left. The clock keeps running while you decide."
        )
        # Keys typed with ctrl+o (Tab Enter, typed fast) answer the question, not the answer box.
        push_screen_with_keys(self.app, FinishModal(summary), self._finish_chosen)

    def _finish_chosen(self, choice: str | None) -> None:
        if choice == "finish":
            self.run_worker(self.complete(), exclusive=True, group="iv-complete")
        elif choice == "leave":
            self.capture()
            self._stop()
            self.save()
            self.left = True
            self.run_worker(self.services.db(self.service.release, self.session.id), group="iv-save")
            self.notify("Interview saved: resume it from the Interview screen or with --resume.")
            self.dismiss()

    async def complete(self) -> None:
        """Finish on this thread (it saves), then report and record on the store's thread."""
        if self.completing:
            return
        self.completing = True
        self.capture()
        self._stop()
        reason = "time-up" if self.session.remaining_seconds() <= 0 else "finished"
        self.session.finish(reason=reason)
        self.session.on_change = None
        self._close_dialog_over_me()
        try:
            report = await self.services.db(self.service.complete, self.session)
        except InterviewTakenOver:
            self.completing = False
            self.lost = False
            self._lost(SaveOutcome.TAKEN_OVER)
            return
        setattr(self.app, "interview_report", report)  # noqa: B010 - read by the CLI after the app exits
        self.report = report
        if self.is_active:
            self.app.call_later(self._show_report)
        else:  # the candidate is on another screen (Home, Lessons ...): the report waits for them here
            self.app.notify("Time is up: your interview report is ready (press i).", title="Mock interview")

    def _close_dialog_over_me(self) -> None:
        """Time ran out while a dialog over this screen asked something (finish now? leave for now?
        quit?): its question and the time it shows are moot, and the report is shown as for Finish.

        Only the Finish dialog used to close: the "Leave the interview for now?" one stayed up,
        still saying "00:05 left" after the interview had ended (QA fresh-eyes-5)."""
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        stack = self.app.screen_stack
        if len(stack) >= 2 and stack[-2] is self and isinstance(stack[-1], (FinishModal, ConfirmModal)):
            self.app.pop_screen()

    def on_screen_resume(self) -> None:
        if self.report is not None:
            self.app.call_later(self._show_report)

    def _show_report(self) -> None:
        """Replace this screen by the report; not awaited, as replacing it waits for its own workers."""
        from gitops_tutor.tui.screens.interview_report import InterviewReportScreen

        if self.report is not None and self.is_active:
            self.app.switch_screen(InterviewReportScreen(self.report))

    def _stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
