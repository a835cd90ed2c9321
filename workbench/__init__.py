"""workbench: a keyboard-first fact-check workbench for the terminal."""

from workbench.errors import WorkbenchError
from workbench.model import Article, CrossRef, Evidence, FactCheck, Sentence, Verdict

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CrossRef",
    "Evidence",
    "FactCheck",
    "Sentence",
    "Verdict",
    "WorkbenchError",
    "__version__",
]
