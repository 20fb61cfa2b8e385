"""One self-contained HTML page: the two versions side by side, aligned, changes highlighted by type.

Every character that came from an input goes through ``html.escape``; the page's only script is ours and
reads nothing from the article text. A Content-Security-Policy forbids loading anything else.
"""

from __future__ import annotations

from html import escape

from storydiff.records import Alignment, Comparison, Side

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 4px}
.summary span{margin-right:14px}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td{vertical-align:top;padding:6px 10px;border-bottom:1px solid #eee;background:#fff}
td.meta{width:150px;font-size:12px;color:#555}
tr.identical td.meta,tr.stylistic td.meta{color:#5c5c5c}
tr.role-caption td,tr.role-byline td,tr.role-boilerplate td,tr.role-headline td.side{color:#5c5c5c}
tr.only td.empty{background:#f3f3f3}
.role{font-size:11px;text-transform:uppercase;color:#555;margin-right:4px}
mark{border-radius:3px;padding:0 1px}
mark.major{background:#ffc9c9;border-bottom:2px solid #c92a2a}
mark.minor{background:#fff3bf}
.chg{display:block;font-size:12px;margin-top:3px}
.chg.major{color:#c92a2a}.chg.minor{color:#6e5600}a.back{color:inherit}
details.version>summary{cursor:pointer;padding:8px 20px;font-weight:600}
.moved{color:#5f3dc4;font-weight:600}
body.hide-same tr.identical,body.hide-same tr.stylistic,body.hide-same tr.paraphrase{display:none}
a.jump{color:inherit;text-decoration:none}
.below{display:none}mark.below{display:inline;background:none;border:0}
.conf{font-variant-numeric:tabular-nums;color:#555}
div.filter label{margin-right:18px}
div.filter{position:sticky;top:0;display:block;padding:6px 20px;background:#fff;
  border-bottom:1px solid #ddd;z-index:1}
ol.changes{margin:6px 0;padding-left:22px;font-size:13px}
details.phrases ul{margin:2px 0;padding-left:16px}details.phrases li.changed i{color:#c92a2a}
ol.changes li.major a{color:#c92a2a}ol.changes li.minor a{color:#6e5600}
tr:target td{outline:2px solid #5f3dc4}
section.comparison{margin-bottom:28px}
.members td{padding:4px 8px}
ul.tree{list-style:none;margin:6px 0;padding-left:0}ul.tree ul{list-style:none;padding-left:22px;
  border-left:1px solid #bbb;margin-left:6px}ul.tree li{margin:4px 0}
ul.tree .why{display:block;font-size:12px;color:#555}
nav{padding:8px 20px;background:#222}nav a{color:#fff;margin-right:6px}
.compare-form,.search,p.downloads,p.error,table.stories,body>p,ul.threads{margin:12px 20px}
.pair{display:flex;gap:16px}.pair label{flex:1;display:flex;flex-direction:column;gap:6px}
textarea{width:100%;font:13px/1.4 ui-monospace,monospace}
button{font-size:15px;padding:6px 18px;margin-top:10px}
p.error{color:#c92a2a;font-weight:600}
table.stories{width:auto}table.stories td{padding:4px 10px}a.on{font-weight:700}
body{overflow-wrap:anywhere}
kbd{font:12px ui-monospace,monospace;border:1px solid #bbb;border-radius:3px;padding:0 3px}
tr.para td{border-top:2px solid #d5d5d5}
@media (min-width:1100px){
  section.comparison{display:grid;grid-template-columns:minmax(0,1fr) 360px;align-items:start}
  section.comparison>table{grid-column:1;grid-row:1}
  section.comparison>header{grid-column:2;grid-row:1;position:sticky;top:36px;max-height:calc(100vh - 44px);
    overflow:auto;border-left:1px solid #ddd;border-bottom:0}
}
@media (max-width:640px){
  table,thead,tbody,tr,td{display:block;width:auto}colgroup,thead{display:none}
  td.meta{width:auto;border-bottom:0}td.side:empty,td.empty{display:none}
  .pair{flex-direction:column}div.filter label{display:block;margin:2px 0}
}
@media (prefers-color-scheme:dark){
  body{background:#15171a;color:#e8e8e8}header,td,div.filter{background:#1d2024;border-color:#33373d}
  td.meta,tr.identical td.meta,tr.stylistic td.meta,.role,.conf{color:#b8bcc2}
  tr.role-caption td,tr.role-byline td,tr.role-boilerplate td,tr.role-headline td.side{color:#a9adb3}
  tr.only td.empty{background:#24282d}tr.para td{border-top-color:#444}
  section.comparison>header{border-left-color:#33373d}
  mark.major{background:#6b2020;color:#fff;border-bottom-color:#ff8787}mark.minor{background:#5a4b00;color:#fff}
  .chg.major,ol.changes li.major a,p.error{color:#ff8787}.chg.minor,ol.changes li.minor a{color:#ffd43b}
  .moved{color:#b197fc}a{color:#74c0fc}nav{background:#000}
  textarea,input,select,button{background:#101215;color:#e8e8e8;border:1px solid #444}
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
SCRIPT = """
document.addEventListener('keydown',function(e){
  if(e.ctrlKey||e.metaKey||e.altKey||/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))return;
  if(e.key!=='n'&&e.key!=='p')return;
  var links=Array.prototype.filter.call(document.querySelectorAll('ol.changes li a'),function(a){
    return a.offsetParent!==null;});
  if(!links.length)return;
  var at=links.findIndex(function(a){return a.getAttribute('href')===location.hash;});
  var next=e.key==='n'?Math.min(at+1,links.length-1):Math.max(at-1,0);
  location.hash=links[next].getAttribute('href');});
function reveal(){var t=location.hash&&document.getElementById(location.hash.slice(1));
  for(var d=t;d;d=d.parentElement){if(d.tagName==='DETAILS')d.open=true;}
  if(t)t.scrollIntoView();}
window.addEventListener('hashchange',reveal);reveal();
var hide=document.getElementById('hide'),conf=document.getElementById('min-confidence');
if(hide){hide.addEventListener('change',function(e){
  document.body.classList.toggle('hide-same',e.target.checked);});}
if(conf){conf.addEventListener('change',function(e){
  var min=parseFloat(e.target.value);
  document.querySelectorAll('[data-confidence]').forEach(function(el){
    el.classList.toggle('below',parseFloat(el.getAttribute('data-confidence'))<min);});});}
"""
FILTERS = """<div class="filter">
<label><input type="checkbox" id="hide"> hide identical, stylistic and paraphrase</label>
<label>show changes with confidence at least <select id="min-confidence">
<option value="0">any</option><option value="0.3">0.3</option><option value="0.5">0.5</option>
<option value="0.7">0.7</option><option value="0.9">0.9</option></select></label>
<span><kbd>n</kbd> / <kbd>p</kbd>: next / previous change</span></div>"""


def render_html(result: Comparison) -> str:
    a, b = escape(_label(result.a)), escape(_label(result.b))
    return page(f"storydiff: {a} vs {b}", section(result))


def page(title_html: str, body_html: str, filters: bool = True) -> str:
    """The one page shell (CSP, styles, the filter script) every HTML report and web page uses.

    ``filters`` adds the bar that hides unchanged rows and low-confidence changes: only pages that show
    comparisons have something for it to act on.
    """
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title_html}</title>
<style>{CSS}</style></head>
<body>
{FILTERS if filters else ""}
{body_html}
<script>{SCRIPT}</script>
</body></html>
"""


def section(result: Comparison, prefix: str = "", heading: str | None = None) -> str:
    """One comparison: summary, a list of changes (major first) linking to their rows, the aligned table."""
    s = result.summary
    rel = s["relations"]
    counts = " ".join(
        f"<span>{rel.get(k, 0)} {k}</span>"
        for k in ("identical", "stylistic", "paraphrase", "translation", "changed")
        if k != "translation" or k in rel
    )
    notes = "".join(f'<div class="summary note">{escape(n)}</div>' for n in s.get("language_notes", ()))
    types = ", ".join(f"{escape(k)}: {v}" for k, v in sorted(s["change_types"].items())) or "none"
    src_a, src_b = escape(_label(result.a)), escape(_label(result.b))
    title = heading or f'storydiff: <span class="src">{src_a}</span> vs <span class="src">{src_b}</span>'
    row_of = {id(al): f"{prefix}row-{k}" for k, al in enumerate(result.alignments)}
    linked = [(row_of[id(al)], c) for al, c in result.changes]
    linked += [(f"{prefix}only-{x.side}-{x.sentence}", x.change) for x in result.lone]
    linked.sort(key=lambda p: p[1].severity != "major")
    # Linked both ways: the list links to each change's row, each row's note links back to its list item.
    item_of = {id(c): f"{prefix}chg-{k}" for k, (_, c) in enumerate(linked)}
    items = "".join(
        f'<li id="{item_of[id(c)]}" class="{c.severity}"{_data(c)}><a href="#{row}">{c.severity} '
        f"{escape(c.type)}</a>{_conf(c)}: {escape(c.explanation)}</li>"
        for row, c in linked
    )
    rows = "\n".join(_rows(result, prefix, item_of))
    return f"""<section class="comparison" id="{prefix}top"><header>
<h1>{title}</h1>
<div class="summary"><span><b>{s["major"]} major</b>, {s["minor"]} minor changes</span>{counts}
<span>{s["moved"]} moved</span><span>{len(result.only_a)} only in A</span>
<span>{len(result.only_b)} only in B</span></div>
<div class="summary">change types: {types}</div>{_languages(result)}{notes}
<ol class="changes">{items}</ol>
</header>
<table><colgroup><col style="width:150px"><col><col></colgroup>
<thead><tr><td class="meta"></td><td><b>A</b>{_lang_tag(result.a)}</td>
<td><b>B</b>{_lang_tag(result.b)}</td></tr></thead>
<tbody>
{rows}
</tbody></table></section>"""


def _rows(result: Comparison, prefix: str = "", item_of: dict[int, str] | None = None) -> list[str]:
    """Rows in A's reading order; sentences only in B go after the row holding their predecessor in B."""
    keyed: list[tuple[float, str]] = []
    row_of_b: dict[int, float] = {}
    for k, al in enumerate(result.alignments):
        key = float(min(al.a))
        for j in al.b:
            row_of_b[j] = key
        keyed.append((key, _aligned_row(result, al, f"{prefix}row-{k}", prefix, item_of or {})))
    lone = {(x.side, x.sentence): x.change for x in result.lone}
    for i in result.only_a:
        keyed.append((float(i), _only_row(result.a, i, "a", prefix, lone.get(("a", i)))))
    for j in result.only_b:
        prev = max((row_of_b[k] for k in row_of_b if k < j), default=-1.0)
        keyed.append((prev + 0.5 + j / 1e6, _only_row(result.b, j, "b", prefix, lone.get(("b", j)))))
    keyed.sort(key=lambda r: r[0])
    return [r for _, r in keyed]


def _aligned_row(result: Comparison, al: Alignment, row_id: str, prefix: str, item_of: dict[int, str]) -> str:
    a_marks = [(c.a_span, c) for c in al.changes]
    b_marks = [(c.b_span, c) for c in al.changes]
    left = " ".join(_sentence(result.a, i, a_marks, "a", prefix) for i in al.a)
    right = " ".join(_sentence(result.b, j, b_marks, "b", prefix) for j in al.b)
    back = {id(c): item_of.get(id(c), prefix + "top") for c in al.changes}
    notes = "".join(
        f'<span class="chg {c.severity}"{_data(c)}><a class="back" href="#{back[id(c)]}">'
        f"{c.severity} {escape(c.type)}</a>{_conf(c)}: {escape(c.explanation)}</span>"
        for c in al.changes
    )
    moved = (
        f'<span class="moved">moved: A #{", #".join(str(i + 1) for i in al.a)} is B '
        f"#{', #'.join(str(j + 1) for j in al.b)}</span><br>"
        if al.moved
        else ""
    )
    role = result.a.sentences[al.a[0]].role
    meta = f"{moved}{al.relation}<br>similarity {al.similarity:.2f}{notes}{_phrases(al)}"
    para = " para" if _opens_paragraph(result.a, al.a[0]) else ""
    return (
        f'<tr id="{row_id}" class="{al.relation} role-{role}{para}"><td class="meta">{meta}</td>'
        f'<td class="side">{left}</td><td class="side">{right}</td></tr>'
    )


def _phrases(al: Alignment) -> str:
    """The phrase pairs (``--chunks``) that are not word for word the same: what corresponds to what."""
    shown = [c for c in al.chunks if c.relation != "same"]
    if not shown:
        return ""
    items = "".join(
        f'<li class="{c.relation}">{escape(c.a_text)} ⟷ {escape(c.b_text)} <i>{c.relation}</i></li>'
        for c in shown
    )
    summary = f"<summary>{len(shown)} phrase{'s' if len(shown) > 1 else ''} reworded</summary>"
    return f'<details class="phrases">{summary}<ul>{items}</ul></details>'


def _only_row(side: Side, i: int, which: str, prefix: str, change=None) -> str:
    sent = side.sentences[i]
    cell = _sentence(side, i, [], which, prefix)
    note = (
        f'<span class="chg {change.severity}"{_data(change)}>{change.severity} {escape(change.type)}'
        f"{_conf(change)}</span>"
        if change
        else ""
    )
    other = '<td class="empty"></td>'
    cells = f'<td class="side">{cell}</td>{other}' if which == "a" else f'{other}<td class="side">{cell}</td>'
    return (
        f'<tr id="{prefix}only-{which}-{i}" class="only only-{which} role-{sent.role}">'
        f'<td class="meta">only in {which.upper()}{note}</td>'
        f"{cells}</tr>"
    )


def _sentence(side: Side, i: int, marks, which: str, prefix: str = "") -> str:
    sent = side.sentences[i]
    label = f'<span class="role">{sent.role}</span>' if sent.role != "content" else ""
    pieces, pos = [], sent.start
    inside = sorted(
        ((span, c) for span, c in marks if sent.start <= span[0] < span[1] <= sent.end),
        key=lambda m: (m[0], m[1].severity != "major"),
    )
    for (s, e), c in inside:
        if s < pos:
            continue  # overlapping highlights: the earlier one wins, a major one on ties
        pieces.append(escape(side.text[pos:s]))
        pieces.append(
            f'<mark class="{c.severity} t-{escape(c.type)}"{_data(c)} title="{escape(c.explanation)}">'
            f"{escape(side.text[s:e])}</mark>"
        )
        pos = e
    pieces.append(escape(side.text[pos : sent.end]))
    return f'<span id="{prefix}{which}-{i}"{_lang_attrs(side)}>{label}{"".join(pieces)}</span>'


def _lang_attrs(side: Side) -> str:
    """``lang`` (fonts and screen readers pick the right CJK forms and voice) and ``dir`` (Arabic right to
    left); nothing for English or an undetermined language."""
    from storydiff.text.language import Language

    if not side.language or side.language in ("en", "und"):
        return ""
    lang = Language(side.language, 1.0)
    return f' lang="{escape(lang.code)}" dir="{lang.direction}"'


def _lang_tag(side: Side) -> str:
    from storydiff.text.language import Language

    if not side.language or side.language == "und":
        return ""
    return f' <span class="role">{escape(Language(side.language, 1.0).name)}</span>'


def _languages(result: Comparison) -> str:
    if {result.a.language, result.b.language} <= {"en", "und", ""}:
        return ""
    return f'<div class="summary">languages: A{_lang_tag(result.a)}, B{_lang_tag(result.b)}</div>'


def _opens_paragraph(side: Side, i: int) -> bool:
    """Whether sentence i starts a paragraph of its version: the rows keep the story's paragraphs."""
    sent = side.sentences[i]
    return i > 0 and "\n" in side.text[side.sentences[i - 1].end : sent.start]


def _label(side: Side) -> str:
    """A side's name for a title: its file name, or its headline when it has no name of its own ("A")."""
    if len(side.source) > 1:
        return side.source
    headline = next((s.text for s in side.sentences if s.role == "headline"), "")
    return f"{side.source}: {headline[:80]}" if headline else side.source


def _data(c) -> str:
    """The attribute the confidence filter reads; none on the rules-only path (never hidden)."""
    return "" if c.confidence is None else f' data-confidence="{c.confidence:.4f}"'


def _conf(c) -> str:
    return "" if c.confidence is None else f' <span class="conf">({c.confidence:.2f})</span>'
