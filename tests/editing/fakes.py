"""Stand-ins for what the open article is given in the window: a clock that moves only when
told, a worker whose reports arrive like queued signals, and scripted answers."""

from __future__ import annotations

from desktop_editor.storage.errors import StoreError


class FakeTimer:
    def __init__(self, due: float, callback):
        self.due = due
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeClock:
    def __init__(self):
        self.time = 0.0
        self.timers: list[FakeTimer] = []

    def now(self) -> float:
        return self.time

    def call_later(self, seconds: float, callback) -> FakeTimer:
        timer = FakeTimer(self.time + seconds, callback)
        self.timers.append(timer)
        return timer

    def advance(self, seconds: float = 0.0) -> None:
        """Move time on, running each timer that falls due, in order."""
        target = self.time + seconds
        while True:
            due = [t for t in self.timers if not t.cancelled and t.due <= target]
            if not due:
                break
            timer = min(due, key=lambda t: t.due)
            self.timers.remove(timer)
            self.time = max(self.time, timer.due)
            timer.callback()
        self.time = target


class Job:
    def __init__(self):
        self.result = None
        self.error = None

    def wait(self) -> None:
        pass  # the work ran at submit


class InlineWorker:
    """Runs the work at once; its report arrives on the next turn of the clock."""

    def __init__(self, clock: FakeClock):
        self.clock = clock
        self.submitted = 0

    def submit(self, fn, settled) -> Job:
        self.submitted += 1
        job = Job()
        try:
            job.result = fn()
        except Exception as error:  # noqa: BLE001 - reported like the real worker does
            job.error = error
        self.clock.call_later(0, lambda: settled(job))
        return job


class ScriptedPrompts:
    def __init__(self, conflict_choice: str = "reload", confirm: bool = False, revision_name: str | None = ""):
        self.conflict_choice = conflict_choice
        self.confirm_answer = confirm
        self.revision_name_answer = revision_name
        self.conflicts: list[str] = []
        self.questions: list[str] = []

    def resolve_conflict(self, sentence: str) -> str:
        self.conflicts.append(sentence)
        return self.conflict_choice

    def confirm(self, title: str, question: str) -> bool:
        self.questions.append(question)
        return self.confirm_answer

    def revision_name(self, suggested: str) -> str | None:
        return self.revision_name_answer


class FailingStore:
    """A real store whose saves fail while `failing` is set, as a full disk would."""

    def __init__(self, store):
        self._store = store
        self.failing = False
        self.saves = 0

    def save_article(self, *args, **kwargs):
        self._fail_if_failing()
        self.saves += 1
        return self._store.save_article(*args, **kwargs)

    def change_photos(self, *args, **kwargs):
        self._fail_if_failing()
        self.saves += 1
        return self._store.change_photos(*args, **kwargs)

    def _fail_if_failing(self) -> None:
        if self.failing:
            raise StoreError("The disk holding the store is full; free some space and try again.")

    def __getattr__(self, name):
        return getattr(self._store, name)
