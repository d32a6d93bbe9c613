"""What goes wrong in an import, pinned to a file and a line."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileProblem:
    """One reason a file cannot be imported, at a 1-based line of that file (0: the whole file)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class InvalidFile(Exception):
    """Raised by the parsers for a file that cannot be imported."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.problem = FileProblem(path, line, message)
        super().__init__(str(self.problem))


class ImportFailed(Exception):
    """The run stopped on invalid files; nothing was written."""

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
