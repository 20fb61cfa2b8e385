"""Pronouns whose gender or number changed ("her" / "his"): embeddings barely see these (cosine 0.78-0.98)."""

from storydiff.classify.view import View
from storydiff.records import Change

CLASSES = {
    **dict.fromkeys(("he", "him", "his", "himself"), "masculine"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "feminine"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "plural"),
    **dict.fromkeys(("it", "its", "itself"), "neuter"),
    **dict.fromkeys(("i", "me", "my", "mine", "myself"), "first person singular"),
    **dict.fromkeys(("we", "us", "our", "ours", "ourselves"), "first person plural"),
}


def _klass(tok) -> str | None:
    if tok.norm == "us" and tok.text.isupper():  # "US", the country
        return None
    return CLASSES.get(tok.norm)


def detect(view: View) -> list[Change]:
    changes = []
    for h in view.hunks:
        pa = [t for t in view.outside_quotes(h.a, "a") if _klass(t)]
        pb = [t for t in view.outside_quotes(h.b, "b") if _klass(t)]
        for ta, tb in zip(pa, pb):
            ka, kb = _klass(ta), _klass(tb)
            if ka != kb:
                changes.append(
                    Change(
                        "pronoun",
                        "major",
                        ta.text,
                        tb.text,
                        (ta.start, ta.end),
                        (tb.start, tb.end),
                        f"pronoun changed from {ka} to {kb}: {ta.text} became {tb.text}",
                    )
                )
    return changes
