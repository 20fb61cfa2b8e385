"""storydiff: find the versions of a news story and say precisely what each version changed.

>>> import storydiff
>>> result = storydiff.compare(text_a, text_b)
>>> for alignment, change in result.changes: ...
"""

from storydiff.errors import InputError, StorydiffError
from storydiff.pipeline import compare
from storydiff.records import Alignment, Change, Comparison, Document, Sentence, Side

__version__ = "0.1.0"
__all__ = [
    "Alignment",
    "Change",
    "Comparison",
    "Document",
    "InputError",
    "Sentence",
    "Side",
    "StorydiffError",
    "compare",
]
