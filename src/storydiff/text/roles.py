"""What each paragraph is: headline, byline, caption, boilerplate or content.

Rules, not a model: the signals (a picture agency's credit glued at both ends, "By ..." lines, share/comment
footers) are lexical and precise, and a wrong role only moves a sentence to a greyed-out section.
"""

from __future__ import annotations

import re

from storydiff.records import Role

_AGENCIES = (
    r"EPA(?:-EFE)?|Getty(?: Images)?|Reuters|AFP|AP|PA(?: Media)?|Alamy|Shutterstock|Bloomberg|"
    r"BBC|Xinhua|Anadolu|Sputnik|TASS|Tass|KCNA|Kremlin|Handout|NurPhoto|Zuma|Press Association"
)
_CAPTION = re.compile(
    rf"^\s*(?:(?P<credit>{_AGENCIES})\b.*(?P=credit)\s*$"  # "EPA Putin driving ... seatEPA"
    r"|(?:image|photo|picture|video) (?:caption|source|credit)s?\b"
    r"|(?:photo|picture|image|credit|source|pictured|above|below|left|right|top|main picture)\s*:"
    r"|\(?(?:photo|photograph|picture|image)s? (?:by|courtesy|via)\b)",
    re.I,
)
_BYLINE = re.compile(
    r"^\s*(?:by\s+\S.{0,80}|(?:reporting|writing|editing|additional reporting) by\b.{0,160}"
    r"|(?:from )?(?:our|staff) (?:correspondent|reporter)s?.{0,60})$",
    re.I,
)
_BOILERPLATE = re.compile(
    r"^\s*(?:leave a (?:comment|reply)|\d* ?comments?|share (?:this|on|via)\b.*|share|tweet|print|email"
    r"|subscribe\b.*|sign up\b.*|follow us\b.*|read more\b.*|related (?:topics|articles|stories|content)\b.*"
    r"|more on this story|advertisement|click here\b.*|all rights reserved\b.*|©.*|copyright\b.*"
    r"|this article (?:was|is|has been)\b.{0,120}|you may also like\b.*|recommended\b.*"
    r"|get our .{0,40}newsletter.*|skip to (?:content|main content)|back to top|top stories)\s*$",
    re.I,
)
# A correction note is content (compare reports it as a change), but it also dates a version: a copy that
# carries one was made after the text it corrects (the corpus's derivation tree reads it).
CORRECTION = re.compile(
    r"^\s*(?:\*?\s*)?(?:correction|clarification|editor'?s note|update[ds]?)\b\s*[:.\-–—]"
    r"|\ban earlier version of this (?:story|article|report|piece)\b"
    r"|\bthis (?:story|article|report) (?:has been|was) (?:corrected|amended|updated)\b",
    re.IGNORECASE,
)
_END_PUNCT = tuple(".!?\"”’'…:)") + tuple("。！？」』）")  # full-width: Japanese and Chinese


ENUMERATOR = re.compile(r"^[(\[]?(?:\d{1,3}|[０-９]{1,3}|[A-Za-z]|[ivxIVX]{1,4})[.)\]．）]?$|^[•·*\-–—①-⑳]$")


def paragraph_role(paragraph: str, index: int, count: int) -> Role:
    """Role of one paragraph given its position; the first unpunctuated short line is the headline. A
    line that is only a list's number or bullet ("1.", "b)", "•") says nothing: furniture, like a footer."""
    p = paragraph.strip()
    words = len(p.split())
    if ENUMERATOR.match(p):
        return "boilerplate"
    if _BOILERPLATE.match(p) and words <= 25:
        return "boilerplate"
    if _CAPTION.match(p) and words <= 60:
        return "caption"
    if _BYLINE.match(p) and words <= 14:
        return "byline"
    if index == 0 and count > 2 and words <= 25 and not p.endswith(_END_PUNCT):
        return "headline"
    return "content"
