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
.panes pre{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid #ddd;padding:.8em;
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
.tools{margin:.4em 0}.tools button,.fix button{margin-left:.4em;font-size:.85em}
.panes{display:flex;gap:1em}.panes pre{flex:1 1 0;min-width:0}pre.restored{background:#f4fff4}
li.accepted .fix{outline:2px solid #070}li.accepted .accept{font-weight:bold}
li.rejected .fix{text-decoration:line-through;color:#888}li.rejected .reject{font-weight:bold}
li.finding:focus{outline:2px solid #06c}
.verdict{border-left:4px solid #c36;padding:.3em .8em;background:#fff0f5}
.keys{color:#555;font-size:.9em}
"""

# The page's script. Filters: a finding is shown unless its family or its rule is unticked; a
# highlight is shown while any finding it belongs to is. Articles' bodies are JSON data blocks,
# turned into markup when near the screen (or when a finding of theirs is reached). Fixes: the
# accepted ones are chosen as fixer.apply_fixes chooses (by start then code, skipping any that
# overlaps one taken), applied to the article's text from its JSON block, and the end of the file
# restored as fixer._end_as_before restores it. Text is only ever set through text nodes.
JS = """
(function(){
var boxes=[].slice.call(document.querySelectorAll('#filters input'));
var off={};
function each(sel,root,f){[].forEach.call((root||document).querySelectorAll(sel),f);}
function hidden(li){return !!(off['family:'+li.getAttribute('data-family')]||off['code:'+li.getAttribute('data-code')]);}
function paint(root){
var vis={};each('li.finding',null,function(li){vis[li.id]=!hidden(li);});
each('mark[data-f]',root,function(m){
m.classList.toggle('off',!m.getAttribute('data-f').split(' ').some(function(id){return vis[id];}));});}
function apply(root){off={};boxes.forEach(function(b){if(!b.checked)off[b.getAttribute('data-key')]=true;});
each('li.finding',root,function(li){li.hidden=hidden(li);});paint(root);}
function render(art){if(!art||art.body)return;var s=art.querySelector('script.body');if(!s)return;
art.body=JSON.parse(s.textContent);art.insertAdjacentHTML('beforeend',art.body.html);apply(art);}
var seen=window.IntersectionObserver?new IntersectionObserver(function(es){es.forEach(function(e){
if(e.isIntersecting){render(e.target);seen.unobserve(e.target);}});},{rootMargin:'1500px'}):null;
var arts=[].slice.call(document.querySelectorAll('article.file'));
arts.forEach(function(a){if(seen)seen.observe(a);else render(a);});
function source(art){render(art);return art.body?art.body.text:null;}
function edits(li){return JSON.parse(li.getAttribute('data-edits'));}
function overlaps(a,b){if(a[0]===a[1]&&b[0]===b[1]&&a[0]===b[0])return true;return a[0]<b[1]&&b[0]<a[1];}
function fixText(text,lis){
var cps=Array.from(text),taken=[];
lis=lis.slice().sort(function(x,y){var d=(+x.getAttribute('data-start'))-(+y.getAttribute('data-start'));
if(d)return d;var a=x.getAttribute('data-code'),b=y.getAttribute('data-code');return a<b?-1:a>b?1:0;});
lis.forEach(function(li){var es=edits(li).sort(function(a,b){return a[0]-b[0];});
if(es.some(function(e){return e[0]<0||e[1]>cps.length||e[0]>e[1];}))return;
for(var i=1;i<es.length;i++)if(overlaps(es[i-1],es[i]))return;
if(es.some(function(e){return taken.some(function(t){return overlaps(e,t);});}))return;
taken.push.apply(taken,es);});
taken.sort(function(a,b){return a[0]-b[0];});
var out=[],pos=0;taken.forEach(function(e){out.push(cps.slice(pos,e[0]).join(''),e[2]);pos=e[1];});
out.push(cps.slice(pos).join(''));var res=out.join(''),last=taken[taken.length-1];
if(last&&last[1]===cps.length&&last[2]==='')res=endAsBefore(res,text);return {text:res,edits:taken};}
function endAsBefore(res,text){var re=/(?:\\r?\\n[ \\t]*)+$/,o=re.exec(text),n=re.exec(res);
if(!n||!o||n[0].length<=o[0].length)return res;return res.slice(0,n.index)+o[0];}
function tally(art){var all=art.querySelectorAll('li.finding[data-edits]').length;
var n=art.querySelectorAll('li.finding.accepted').length,t=art.querySelector('.tally');
if(t)t.textContent=n+' of '+all+' fixes accepted';}
function decide(li,how){if(!li||!li.hasAttribute('data-edits'))return;
li.classList.toggle('accepted',how==='accept'&&!li.classList.contains('accepted'));
li.classList.toggle('rejected',how==='reject'&&!li.classList.contains('rejected'));
tally(li.closest('article'));}
function download(art){var text=source(art);if(text===null)return;
var r=fixText(text,[].slice.call(art.querySelectorAll('li.finding.accepted')));
var a=document.createElement('a');a.href=URL.createObjectURL(new Blob([r.text],{type:'text/plain;charset=utf-8'}));
a.download=art.getAttribute('data-name');document.body.appendChild(a);a.click();a.remove();}
function restore(art){render(art);var pre=art.querySelector('pre.restored'),text=source(art);
if(!pre||text===null)return;if(!pre.hidden){pre.hidden=true;return;}
var r=fixText(text,[].slice.call(art.querySelectorAll('li.finding[data-family="spin"][data-edits]')));
var cps=Array.from(text),pos=0;pre.textContent='';
r.edits.forEach(function(e){pre.appendChild(document.createTextNode(cps.slice(pos,e[0]).join('')));
var ins=document.createElement('ins');ins.textContent=e[2];pre.appendChild(ins);pos=e[1];});
pre.appendChild(document.createTextNode(cps.slice(pos).join('')));pre.hidden=false;}
var current=null;
function go(li){if(!li)return;var art=li.closest('article');render(art);
each('mark.now',null,function(m){m.classList.remove('now');});current=li;
var first=null;each('mark[data-f]',art,function(m){if(m.getAttribute('data-f').split(' ').indexOf(li.id)>=0){
m.classList.add('now');first=first||m;}});
li.focus({preventScroll:true});(first||li).scrollIntoView({block:'center'});}
function step(by){var a=current?arts.indexOf(current.closest('article')):(by>0?-1:arts.length);
var within=current?[].slice.call(arts[a].querySelectorAll('li.finding')).filter(function(li){return !li.hidden;}):[];
var i=within.indexOf(current)+by;if(current&&i>=0&&i<within.length){go(within[i]);return;}
for(var n=0;n<arts.length;n++){a=(a+by+arts.length)%arts.length;render(arts[a]);
var lis=[].slice.call(arts[a].querySelectorAll('li.finding')).filter(function(li){return !li.hidden;});
if(lis.length){go(lis[by>0?0:lis.length-1]);return;}}}
boxes.forEach(function(b){b.addEventListener('change',function(){apply();});});
document.addEventListener('focusin',function(e){var li=e.target.closest&&e.target.closest('li.finding');if(li)current=li;});
document.addEventListener('keydown',function(e){
if(e.ctrlKey||e.metaKey||e.altKey||(e.target.closest&&e.target.closest('input,textarea,select')))return;
var k=e.key;if(k==='j'||k==='n')step(1);else if(k==='k'||k==='p')step(-1);
else if(k==='a')decide(current,'accept');else if(k==='r')decide(current,'reject');else return;e.preventDefault();});
document.addEventListener('click',function(e){var t=e.target;if(!t.closest)return;
var b=t.closest('button');if(b){var art=b.closest('article'),li=b.closest('li.finding');
if(b.classList.contains('accept'))decide(li,'accept');else if(b.classList.contains('reject'))decide(li,'reject');
else if(b.classList.contains('download'))download(art);else if(b.classList.contains('restore'))restore(art);
if(li){current=li;}return;}
var m=t.closest('mark[data-f]');if(m){var li2=document.getElementById(m.getAttribute('data-f').split(' ')[0]);
if(li2){current=li2;li2.scrollIntoView({block:'center'});li2.focus();}return;}
var a=t.closest('li.finding > a');if(a){e.preventDefault();go(a.closest('li.finding'));}});
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
