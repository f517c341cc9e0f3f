"""A run of questions: card, answer, graded result, rating, next. Used by practice,
review, lesson checks and the which-tool drill; only the question source differs.

Grading and saving run on the background thread (``services``), so a long answer
never freezes the screen; the attempt is saved when the learner picks a rating.
On the feedback of a free-text answer, ``d`` disputes the verdict (``screens.dispute``):
the claim is recorded at once, under the uid the attempt will be saved with.

What the learner types in a text box is copied to the store as a draft every second it
changes (``progress.drafts``): a dead terminal or a quit loses nothing, the draft is put back
the next time the question is asked, and recording the attempt drops it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Markdown, Static

from gitops_tutor.curriculum.models import SHIPPED_PACK, AnyQuestion, FreeTextQuestion
from gitops_tutor.progress import StoreError
from gitops_tutor.progress.disputes import JudgedAnswer, rating_for_claim
from gitops_tutor.tui.safe_text import safe_text, sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.screens.dispute import Claim, DisputeModal
from gitops_tutor.tui.services import Services
from gitops_tutor.tui.widgets.answer import AnswerArea, AnswerInput, OrderedRadioSet
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import (
    after_typed_keys,
    hand_keys_back,
    hold_keys,
    push_screen_with_keys,
    release_keys,
    screen_key_in_order,
)
from gitops_tutor.tui.widgets.result import RATINGS, ResultView
from gitops_tutor.tui.wording import inline_markdown

if TYPE_CHECKING:
    from gitops_tutor.progress.drafts import Draft


class QuestionSource(Protocol):
    """Where the next question comes from; ``total`` is None when it is open-ended (review)."""

    total: int | None

    async def next_id(self, services: Services) -> str | None: ...

    def skip(self, question_id: str) -> None: ...


@dataclass
class ListSource:
    ids: list[str]
    position: int = 0
    total: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.total = len(self.ids)

    async def next_id(self, services: Services) -> str | None:
        if self.position >= len(self.ids):
            return None
        self.position += 1
        return self.ids[self.position - 1]

    def skip(self, question_id: str) -> None:
        """A skipped question comes back after the others, so skipping never shrinks the session."""
        self.ids.append(question_id)


@dataclass
class ReviewSource:
    """The spaced-repetition queue, re-read after every answer since each answer reschedules a card."""

    total: int | None = None
    skipped: dict[str, None] = field(default_factory=dict)  # an ordered set

    async def next_id(self, services: Services) -> str | None:
        queue = await services.db(services.store.review_queue, services.curriculum, services.now())
        known = [item.question_id for item in queue if item.question_id in services.curriculum.questions]
        fresh = [question_id for question_id in known if question_id not in self.skipped]
        skipped_due = [question_id for question_id in self.skipped if question_id in known]
        waiting = fresh or skipped_due
        return waiting[0] if waiting else None

    def skip(self, question_id: str) -> None:
        """A skipped card stays due: it comes back once the rest of the queue is answered (oldest skip first)."""
        self.skipped.pop(question_id, None)
        self.skipped[question_id] = None


@dataclass
class Pending:
    """A graded answer waiting for the learner's rating."""

    question: AnyQuestion
    answer_text: str
    result: Any
    started_at: datetime
    ended_at: datetime
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)  # the attempt's, known before it is saved
    claim: Claim | None = None  # the verdict the learner disputes it with, once recorded

    @property
    def suggested_rating(self) -> str:
        """The grader's suggestion, or, once the learner disputed the verdict, the rating their claim earns.

        A learner who is right that the answer deserved a pass should not see the card again
        tomorrow because a rubric missed a wording; their judgement is what scheduling is for.
        It is only a suggestion: a rating picked by hand (a number key, another button) wins.
        """
        return rating_for_claim(self.claim.verdict) if self.claim is not None else str(self.result.rating)

    def judged(self) -> JudgedAnswer:
        question, result = self.question, self.result
        return JudgedAnswer(
            question.id, question.content_hash, self.answer_text, str(result.verdict), int(result.score), self.uid
        )


DRAFT_SAVE_SECONDS = 1.0  # at most this much typing is at risk when the terminal dies

NextStep = Callable[[int], "tuple[str, Callable[[], object]] | None"]
"""Given how many questions were answered, a button label and what it does, or None."""


class SessionScreen(TutorScreen):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", tooltip="Grade the answer", id="submit", priority=True),
        Binding("f2", "submit", "Submit", show=False, id="submit-f2", priority=True),
        Binding("1", "rate('again')", "Again", id="rate-again"),
        Binding("2", "rate('hard')", "Hard", id="rate-hard"),
        Binding("3", "rate('good')", "Good", id="rate-good"),
        Binding("4", "rate('easy')", "Easy", id="rate-easy"),
        Binding("d", "dispute", "Dispute", tooltip="Wrong verdict? Say what it deserves", id="dispute"),
        Binding("ctrl+n", "skip", "Skip", tooltip="Skip this question without answering", id="skip"),
        Binding("escape", "leave", "Back", tooltip="Leave the session (asks before an answer is lost)", id="leave"),
        Binding("n", "next_step", "Next lesson", tooltip="Once the checks are done: the next lesson", id="next-step"),
    ]

    HOLDS_KEYS_UNTIL_READY = True  # keys typed with the key that opened the session go to its first question

    def __init__(
        self, source: QuestionSource, mode: str, title: str, on_finish: Any = None, next_step: NextStep | None = None
    ) -> None:
        super().__init__()
        self.next_step = next_step
        self.offered_step: tuple[str, Callable[[], object]] | None = None
        self.source = source
        self.mode = mode
        self.session_title = title
        self.on_finish = on_finish
        self.question: AnyQuestion | None = None
        self.input: AnswerInput | None = None
        self.pending: Pending | None = None
        self.started_at: datetime | None = None
        self.answered = 0
        self.scores: list[int] = []
        self.busy = False
        self.draft_of: str | None = None  # the question whose box is copied as a draft (None while switching)
        self.draft_sent: str | None = ""  # the text last sent to the store for it; None: send it again
        self.retiring: tuple[str, str] | None = None  # another window's draft put back here, retired on our first write
        self.draft_warned = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(safe_text(self.session_title, "bold"), id="session-title")
        yield Vertical(id="card")
        yield KeyBar()

    def on_mount(self) -> None:
        hold_keys(self)  # keys typed as the session opens are for its first question
        self.set_interval(DRAFT_SAVE_SECONDS, self.keep_draft)
        self.run_worker(self._next(), exclusive=True, group="session")

    async def _on_key(self, event: events.Key) -> None:
        """While a card is replaced (question, feedback, next question) keys are held for the
        widget shown next; a screen key (a rating) runs here, in order with the keys behind it."""
        await screen_key_in_order(self, event)

    async def _next(self) -> None:
        self.draft_of = None
        question_id = await self.source.next_id(self.services)
        card = await self._cleared_card()
        self.pending = None
        if question_id is None:
            await self._finish(card)
            return
        self.question = self.services.curriculum.questions[question_id]
        self.input = AnswerInput(self.question, self.services.rng)
        self.started_at = self.services.now()
        draft = await self._draft_of(self.question) if isinstance(self.input.widget, AnswerArea) else None
        with_prompt, *rest = self._card_widgets(self.question, self.input)
        await card.mount_all(rest)
        self._track_draft(self.question, self.input.widget, draft)
        if isinstance(self.input.widget, OrderedRadioSet):
            self.input.widget.on_shortcut = self._submit_now  # one key answers a drill question
        # Focus first (at once, not queued like ``focus()``) with the keys typed since the
        # last card, then show the question: a key typed the moment it shows goes after them.
        release_keys(self, self.input.widget)
        await card.mount(with_prompt, before=0)
        self.refresh_bindings()

    # -- drafts: what is typed is in the store within a second (progress.drafts) -----------------

    async def _draft_of(self, question: AnyQuestion) -> Draft | None:
        try:
            return await self.services.db(self.services.store.draft_for, question.id)
        except StoreError as error:
            self.notify(f"Could not read your saved draft: {error}", severity="error", markup=False)
            return None

    def _track_draft(self, question: AnyQuestion, widget: Any, draft: Draft | None) -> None:
        """Put a kept draft back in the box (cursor at its end, where the learner stopped), then
        start copying the box; keys typed meanwhile are still held, so they land after it."""
        if not isinstance(widget, AnswerArea):
            return
        self.draft_sent, self.retiring = "", None
        if draft is not None:
            widget.load_text(draft.answer)
            widget.move_cursor(widget.document.end)
            when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.notify(f"Your unsubmitted answer from {when} is back in the box.", title="Draft restored")
            if draft.window == self.services.window:
                self.draft_sent = draft.answer
            else:  # taken over: written as this window's own at once, the other window's row retired
                self.draft_sent, self.retiring = None, draft.version
        self.draft_of = question.id

    def _draft_text(self) -> str | None:
        """The box's text as a draft ("" for an empty box or an untouched manifest starter), or None
        when there is no box to copy (a choice question, feedback shown, a switch under way)."""
        if self.input is None or self.question is None or self.draft_of != self.question.id:
            return None
        widget = self.input.widget
        if not isinstance(widget, AnswerArea) or self.pending is not None:
            return None
        return widget.text if self.input.has_draft() else ""

    def _unsent_draft(self) -> tuple[str, str] | None:
        """(question id, text) when the box changed since its last copy to the store, else None."""
        text = self._draft_text()
        if text is None or text == self.draft_sent or self.draft_of is None:
            return None
        return self.draft_of, text

    def keep_draft(self) -> None:
        """Copy the box to the store if it changed since the last copy (every second, and before
        anything that moves away from the question)."""
        unsent = self._unsent_draft()
        if unsent is not None:
            self.draft_sent = unsent[1]
            self.run_worker(self._write_draft(*unsent), group="draft")

    async def _write_draft(self, question_id: str, text: str) -> None:
        services, retiring = self.services, self.retiring
        try:
            await services.db(services.store.save_draft, question_id, text, services.window, retiring)
            if self.retiring == retiring:
                self.retiring = None
        except StoreError as error:
            self.draft_sent = None  # try again on the next tick
            if not self.draft_warned:
                self.draft_warned = True
                self.notify(f"Your draft is not being saved: {error}", severity="error", markup=False)

    def keep_draft_now(self) -> None:
        """At quit: write the box on the store's thread and wait (the app is about to close the store)."""
        unsent = self._unsent_draft()
        if unsent is None:
            return
        services = self.services
        try:
            services.background.submit(services.store.save_draft, *unsent, services.window, self.retiring)
        except (StoreError, RuntimeError):
            pass  # the store is gone or failing; the copy from a second ago is what is kept
        else:
            self.draft_sent = unsent[1]

    def drop_draft(self) -> None:
        """The learner chose to throw the answer away: its draft goes too (and the draft it took over)."""
        if self.question is not None:
            question_id, retiring = self.question.id, self.retiring
            self.draft_of, self.draft_sent, self.retiring = None, "", None
            self.run_worker(self._drop_draft(question_id, retiring), group="draft")

    async def _drop_draft(self, question_id: str, retiring: tuple[str, str] | None) -> None:
        services = self.services
        try:
            await services.db(services.store.discard_draft, question_id, services.window, retiring)
        except StoreError as error:
            self.notify(f"Could not discard the saved draft: {error}", severity="error", markup=False)

    def on_screen_resume(self) -> None:
        """Back from another screen: the answer box has the focus again, never the Submit button."""
        super().on_screen_resume()
        if self.input is not None and self.pending is None and self.input.widget.is_attached:
            self.input.widget.focus()

    def unsaved_work(self) -> str | None:
        """What leaving now would cost, in the learner's words, or None. A typed answer is kept as a
        draft, and the question says so; a graded answer's rating and a picked option are lost."""
        title = sanitize(self.session_title)
        if self.pending is not None:
            return f"Your graded answer in “{title}” is saved only when you pick a rating; the grade would be lost."
        if self.input is not None and self.input.has_draft():
            if self._draft_text() is not None:
                return (
                    f"Your answer in “{title}” is not submitted yet. It is kept as a draft and comes back "
                    "when that question is asked again."
                )
            return f"Your answer in “{title}” is not submitted yet. It would be lost."
        return None

    def on_unmount(self) -> None:
        """Leaving the session any way (a mode key, quit): the box's last second is written too."""
        self.keep_draft_now()

    async def _cleared_card(self) -> Vertical:
        """Empty the card; its widgets are hidden first, as a text area rendered mid-removal fails."""
        card = self.query_one("#card", Vertical)
        for child in card.children:
            child.display = False
        await card.remove_children()
        return card

    def _card_widgets(self, question: AnyQuestion, answer: AnswerInput) -> list[Any]:
        with_prompt = VerticalScroll(
            Static(self._position_line(question), id="position"),
            Markdown(sanitize(question.prompt), id="prompt"),
            Static(answer.describe(), id="hint"),
            id="question",
        )
        buttons = Horizontal(
            Button("Submit (ctrl+s)", id="submit", variant="primary"),
            Button("Skip", id="skip"),
            id="card-buttons",
        )
        return [with_prompt, answer.widget, buttons]

    def _position_line(self, question: AnyQuestion) -> Text:
        total = self.source.total
        where = f"Question {self.answered + 1}" + (f" of {total}" if total else "")
        lesson = self.services.curriculum.lessons.get(question.lesson)
        parts = [where, question.type, f"difficulty {question.difficulty}"]
        if lesson is not None:
            parts.append(lesson.title)
        if question.pack != SHIPPED_PACK:
            parts.append(f"[{question.pack}]")
        return safe_text(" · ".join(parts), "dim")

    async def _finish(self, card: Vertical) -> None:
        self.question = self.input = None
        average = round(sum(self.scores) / len(self.scores)) if self.scores else None
        summary = f"Done: {self.answered} answered"
        summary += f", average score {average}/100." if average is not None else "."
        if self.mode == "review":
            summary = "Nothing more is due for review. " + summary
        await card.mount(Static(safe_text(summary, "bold"), id="finished"))
        if self.on_finish is not None:
            await self.on_finish(self.services, self.answered)
        self.offered_step = self.next_step(self.answered) if self.next_step is not None else None
        if self.offered_step is not None:  # R4: where the learner goes next, offered where they finish
            await card.mount(Button(safe_text(self.offered_step[0]), id="next-step", variant="primary"))
            await card.mount(Button("Back (esc)", id="back"))
            release_keys(self, card.query_one("#next-step", Button))
        else:
            await card.mount(Button("Back (esc)", id="back", variant="primary"))
            release_keys(self, card.query_one("#back", Button))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.input is not None and self.pending is None
        if action == "rate":
            return self.pending is not None
        if action == "dispute":  # rubric-graded answers: choice and manifest checks have no rubric to fix
            return self.pending is not None and isinstance(self.pending.question, FreeTextQuestion)
        if action == "skip":
            return self.input is not None and self.pending is None
        if action == "next_step":
            return self.offered_step is not None
        return True

    def action_next_step(self) -> None:
        """Leave the finished session, then go where it points (the next lesson)."""
        if self.offered_step is None:
            return
        go = self.offered_step[1]
        self.dismiss()
        self.app.call_later(go)

    @on(Button.Pressed, "#next-step")
    def _next_step_pressed(self) -> None:
        self.action_next_step()

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self._submit_now()

    @on(Button.Pressed, "#skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#ratings Button")
    def _rating_pressed(self, event: Button.Pressed) -> None:
        if event.button.id:
            self.action_rate(event.button.id.removeprefix("rate-"))

    def action_submit(self) -> None:
        """ctrl+s is a priority key: grade only once the answer box has every key typed before it."""
        after_typed_keys(self.app, self._submit_now)

    def _submit_now(self) -> None:
        if self.input is None or self.question is None or self.pending is not None or self.busy:
            return
        answer = self.input.answer()
        if answer is None:
            self.notify("Choose an option first.", severity="warning")
            return
        self.keep_draft()  # the exact text graded is the draft until its attempt is recorded
        self.busy = True
        hold_keys(self)  # keys typed from here on are for the feedback
        self.run_worker(self._grade(self.question, *answer), exclusive=True, group="session")

    async def _grade(self, question: AnyQuestion, answer: Any, answer_text: str) -> None:
        ended = self.services.now()
        try:
            result = await self.services.grade(question, answer)
        except Exception as error:  # noqa: BLE001 - a grader bug must not crash the app or lose the answer
            message = f"Could not grade this answer ({error}); it is still in the box."
            self.notify(message, severity="error", markup=False)
            release_keys(self, self.input.widget if self.input is not None else None)
            return
        finally:
            self.busy = False
        assert self.started_at is not None
        self.pending = Pending(question, answer_text, result, self.started_at, ended)
        shown_order = self.input.shuffled.order if self.input is not None and self.input.shuffled else None
        card = await self._cleared_card()
        await card.mount(Static(inline_markdown(question.prompt, "bold"), id="prompt-again"))  # `code`, no backticks
        await card.mount(ResultView(question, answer_text, result, shown_order=shown_order, picks=answer))
        release_keys(self, self._suggested_rating())
        self.refresh_bindings()

    def _suggested_rating(self) -> Button | None:
        """The feedback's suggested rating button (it takes the focus, so Enter accepts it)."""
        if self.pending is None:
            return None
        return self.query_one(f"#rate-{self.pending.suggested_rating}", Button)

    def action_dispute(self) -> None:
        """Ask which verdict a fair interviewer would give; keys typed after ``d`` are the dialog's."""
        pending = self.pending
        if pending is None or self.busy or not isinstance(pending.question, FreeTextQuestion):
            return
        modal = DisputeModal(str(pending.result.verdict), int(pending.result.score), pending.claim)
        push_screen_with_keys(self.app, modal, lambda claim: self._claimed(pending, claim))

    def _claimed(self, pending: Pending, claim: Claim | None) -> None:
        """The dialog closed; the keys typed after its Enter or Esc come back here, and after an Enter
        they wait until the card shows the claim and the rating it suggests (Enter then accepts that)."""
        if claim is not None and pending is self.pending and not self.busy:
            self.busy = True
            hold_keys(self)
            self.run_worker(self._record_claim(pending, claim), group="dispute")
        hand_keys_back(self)

    async def _record_claim(self, pending: Pending, claim: Claim) -> None:
        """Record the claim, then show it beside the verdict and move the suggested rating to it."""
        store = self.services.store
        try:
            dispute = await self.services.db(store.record_dispute, pending.judged(), claim.verdict, claim.note)
        except (StoreError, ValueError) as error:
            self.notify(f"Dispute not recorded: {error}", severity="error", markup=False)
        else:
            pending.claim = Claim(dispute.claimed, dispute.note)
            result_view = self.query_one(ResultView)
            await result_view.show_claim(dispute.claimed)
            result_view.mark_suggested(pending.suggested_rating)
        finally:
            self.busy = False
            release_keys(self, self._suggested_rating())

    def action_rate(self, rating: str) -> None:
        if self.pending is None or rating not in dict(RATINGS) or self.busy:
            return
        pending, self.pending = self.pending, None
        self.busy = True
        hold_keys(self)  # keys typed from here on are for the next question
        self.run_worker(self._save_then_next(pending, rating), exclusive=True, group="session")

    async def _save_then_next(self, pending: Pending, rating: str) -> None:
        if await self._saved(pending, rating):
            await self._next()
        else:
            release_keys(self, self._suggested_rating())

    async def _saved(self, pending: Pending, rating: str) -> bool:
        """Save the result; on a store error keep it pending (nothing is lost) and say how to retry."""
        try:
            await self._save(pending, rating)
        except StoreError as error:
            self.pending = pending
            self.notify(f"Not saved: {error}. Pick a rating again to retry.", severity="error", markup=False)
            return False
        finally:
            self.busy = False
        return True

    async def _save(self, pending: Pending, rating: str) -> None:
        store = self.services.store
        await self.services.db(
            store.record_attempt,
            pending.question,
            pending.answer_text,
            pending.result,
            rating=rating,
            mode=self.mode,
            started_at=pending.started_at,
            ended_at=pending.ended_at,
            uid=pending.uid,
        )
        self.answered += 1
        self.scores.append(pending.result.score)

    def action_skip(self) -> None:
        """Skip to the next question; a typed or picked answer is not thrown away without asking (as Esc asks)."""
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        if self.input is not None and self.pending is None and not self.busy and self.input.has_draft():
            choices = [("stay", "Keep writing"), ("submit", "Submit it"), ("skip", "Discard it and skip")]
            detail = "You have not submitted this answer. Skipping now throws it away."
            if self._draft_text() is not None:  # short labels: four buttons fit the dialog at 80 columns
                choices = [*choices[:2], ("keep", "Keep draft"), ("skip", "Discard")]
                detail = (
                    "You have not submitted this answer. Skip and keep it as a draft (it comes back when the "
                    "question is asked again), or skip and discard it."
                )
            # Keys typed behind ctrl+n answer the dialog (as with Esc's), never join the answer being skipped.
            push_screen_with_keys(self.app, ConfirmModal("Skip this question?", detail, choices), self._skip_chosen)
        else:
            self._skip_now()

    def _skip_chosen(self, choice: str | None) -> None:
        if choice == "skip":
            self.drop_draft()
            self._skip_now()
        elif choice == "keep":
            self.keep_draft()
            self._skip_now()
        else:
            self._left(choice)  # Submit it, or keep writing

    def _skip_now(self) -> None:
        if self.input is not None and self.question is not None and self.pending is None and not self.busy:
            self.source.skip(self.question.id)
            hold_keys(self)
            self.run_worker(self._next(), exclusive=True, group="session")

    def action_leave(self) -> None:
        """Leave the session; an unsubmitted answer or an unrated result is never lost or saved without asking."""
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        if self.busy:
            return
        if self.pending is not None:
            suggested = self.pending.suggested_rating
            choices = [("stay", "Stay"), ("save", f"Save as {suggested.title()} and leave"), ("discard", "Don't save")]
            detail = f"It is saved when you pick a rating; {suggested.title()} is the suggestion."
            modal = ConfirmModal("Leave without rating this answer?", detail, choices)
            push_screen_with_keys(self.app, modal, self._left)
        elif self.input is not None and self.input.has_draft():
            choices = [("stay", "Keep writing"), ("submit", "Submit it"), ("discard", "Discard it and leave")]
            detail = "You have not submitted this answer. Leaving now throws it away."
            if self._draft_text() is not None:  # short labels: four buttons fit the dialog at 80 columns
                choices = [*choices[:2], ("keep", "Keep draft"), ("discard", "Discard")]
                detail = (
                    "You have not submitted this answer. Leave and keep it as a draft (it comes back when the "
                    "question is asked again), or leave and discard it."
                )
            push_screen_with_keys(self.app, ConfirmModal("Leave this question?", detail, choices), self._left)
        else:
            self.dismiss()

    def _left(self, choice: str | None) -> None:
        if choice == "submit":
            self._submit_now()
        elif choice == "save" and self.pending is not None:
            pending, self.pending = self.pending, None
            self.busy = True
            self.run_worker(self._save_then_leave(pending), exclusive=True, group="session")
        elif choice == "discard":
            if self.pending is None:  # "Discard" the typed answer; after grading, "Don't save" only skips the rating
                self.drop_draft()
            self.pending = None
            self.dismiss()
        elif choice == "keep":
            self.keep_draft()
            self.dismiss()
        elif self.input is not None and self.pending is None:
            self.input.widget.focus()

    async def _save_then_leave(self, pending: Pending) -> None:
        if not await self._saved(pending, pending.suggested_rating):
            return
        self.notify(f"Saved with the rating {pending.suggested_rating.title()}.")
        self.dismiss()
