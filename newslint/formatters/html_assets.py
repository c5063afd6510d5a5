"""The fixed CSS and JavaScript of ``--format html``, and the page's Content-Security-Policy.

Both are constants: nothing from a run is ever put inside them, so article text can reach the page
only as escaped text and attribute values. The policy allows exactly these two blocks (by hash)
and nothing else: no network, no other script, even if escaping had a hole.
"""
from __future__ import annotations

import base64
import hashlib
import html

FAMILIES = ("repetition", "spin", "names", "boilerplate", "encoding", "spelling")

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72em;padding:1em;color:#222;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.5em 0 .3em;word-break:break-all}
table{border-collapse:collapse}td,th{padding:.15em .6em;text-align:left;border-bottom:1px solid #ddd}
td.n,th.n{text-align:right}meter{width:12em}
pre.text{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid #ddd;padding:.8em;
font:15px/1.6 Georgia,serif;max-height:40em;overflow:auto}
mark{background:#fe8;border-bottom:2px solid #a80;cursor:pointer;color:inherit}
mark.point{padding:0 .15em;background:#f66}
mark.multi{outline:1px dashed #555}
mark.off{background:none;border-bottom:none;outline:none}
mark.now{outline:2px solid #06c}
.fam-repetition{background:#fdc}.fam-spin{background:#f9c}.fam-names{background:#bdf}
.fam-boilerplate{background:#ddd}.fam-encoding{background:#cfc}.fam-spelling{background:#fe8}
li.finding{margin:.3em 0;background:transparent;padding-left:.3em}li.finding code{font-weight:bold}
.sev-error .sev{color:#b00}.sev-warning .sev{color:#a60}.sev-info .sev{color:#06a}
.fix{display:block;margin-left:1em}.safe{color:#070}.unsafe{color:#a40}
del{background:#fdd}ins{background:#dfd;text-decoration:none}
.about{color:#555;display:block;margin-left:1em}
#filters label{margin-right:1em;white-space:nowrap}
.note{color:#a40}
"""

# Filters: a finding is shown unless its family or its rule is unticked; a highlight is shown
# while any finding it belongs to is. Clicking a highlight goes to its (first) finding.
JS = """
(function(){
var boxes=Array.prototype.slice.call(document.querySelectorAll('#filters input'));
function apply(){
var off={},vis={};
boxes.forEach(function(b){if(!b.checked)off[b.getAttribute('data-key')]=true;});
Array.prototype.forEach.call(document.querySelectorAll('li.finding'),function(li){
var hide=off['family:'+li.getAttribute('data-family')]||off['code:'+li.getAttribute('data-code')];
li.hidden=!!hide;vis[li.id]=!hide;});
Array.prototype.forEach.call(document.querySelectorAll('mark[data-f]'),function(m){
var on=m.getAttribute('data-f').split(' ').some(function(id){return vis[id];});
m.classList.toggle('off',!on);});
}
boxes.forEach(function(b){b.addEventListener('change',apply);});
document.addEventListener('click',function(e){
var m=e.target.closest?e.target.closest('mark[data-f]'):null;if(!m)return;
var li=document.getElementById(m.getAttribute('data-f').split(' ')[0]);
if(li){li.scrollIntoView({block:'center'});li.focus();}});
apply();
})();
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(JS)}; base-uri 'none'; form-action 'none'"


def esc(text: str) -> str:
    """``text`` safe as HTML text or a quoted attribute value. Lone surrogates (a file name that
    is not UTF-8) become U+FFFD, and NUL, which HTML parsers drop or replace, too."""
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").replace("\x00", "\ufffd")
    return html.escape(text, quote=True)


def family_class(category: str) -> str:
    """The CSS class of a family; a plugin's own category gets the neutral one."""
    return f"fam-{category}" if category in FAMILIES else "fam-other"
