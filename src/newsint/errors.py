"""One catalogue of errors. Each names the input, says what is wrong and what to do about it."""

from __future__ import annotations

import traceback
from typing import Any


class NewsintError(Exception):
    """Base error: `where` (a file, URL or setting), `problem`, and the `fix` a user can apply."""

    code = "error"

    def __init__(self, where: str, problem: str, fix: str) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        """The one line shown to the user."""
        return f"{self.where}: {self.problem} — {self.fix}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors travel from worker processes to the parent: pickle by fields, not by args.
        return (_rebuild, (type(self), self.where, self.problem, self.fix, dict(self.__dict__)))


def _rebuild(
    cls: type[NewsintError], where: str, problem: str, fix: str, state: dict[str, Any]
) -> NewsintError:
    error = cls.__new__(cls)
    NewsintError.__init__(error, where, problem, fix)
    error.__dict__.update(state)
    return error


class ConfigError(NewsintError):
    code = "config"


class InputError(NewsintError):
    """An input that cannot be turned into an article. The batch continues without it."""

    code = "input"


class NotFound(InputError):
    code = "not-found"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class TooLarge(InputError):
    code = "too-large"


class EncodingProblem(InputError):
    code = "encoding"


class ParseProblem(InputError):
    code = "parse"


class UnsupportedFormat(InputError):
    code = "unsupported"


class ModelMissing(NewsintError):
    code = "model-missing"


class FetchProblem(InputError):
    """A URL that could not be fetched: network error, bad status, wrong content type, too big."""

    code = "fetch"


class Refused(InputError):
    """A URL newsint will not fetch (private address, unsupported scheme) unless told to."""

    code = "refused"


class AnalysisProblem(InputError):
    """An article that was read but that a stage failed on; the others go on."""

    code = "analysis"


class StageFailed(AnalysisProblem):
    """A stage raised on a batch: names the stage, keeps the original error as the cause."""

    def __init__(self, where: str, stage: str, error: BaseException) -> None:
        self.stage = stage
        # where it broke (the last frames), for bug reports and fuzzing's distinct failures
        lines = traceback.format_exception(type(error), error, error.__traceback__)
        self.trace = "".join(lines[-4:])
        super().__init__(
            where,
            f"the {stage} stage failed ({type(error).__name__}: {error})",
            "report it with this input attached; the other articles go on",
        )


class OverBudget(AnalysisProblem):
    """An article whose analysis went over its time or memory budget ([limits])."""

    code = "over-budget"


class BadDate(InputError):
    """A publication date outside the range a news article can have ([limits])."""

    code = "date"


class StoreError(NewsintError):
    """The database cannot be opened or written."""

    code = "store"


class BudgetExceeded(BaseException):
    """Raised inside a stage when its article's wall-clock budget runs out.

    A BaseException, like KeyboardInterrupt, so that no stage's `except Exception` (a library
    wrapper that keeps going on errors) can swallow it; the pipeline turns it into OverBudget.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"over the {seconds:g} s budget")
