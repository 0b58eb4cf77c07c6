"""What the endpoint shows besides query results: the service description and a browser query page."""
from __future__ import annotations

import html
import json

from crampkg.sparql.catalog import named_queries


def service_description(endpoint: str) -> bytes:
    """A SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML , formats:SPARQL_Results_CSV ,
        formats:SPARQL_Results_TSV , formats:Turtle , formats:N-Triples , formats:JSON-LD ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
""".encode()


def catalog_json() -> bytes:
    """The named queries as JSON: name, title, description, parameters."""
    entries = [{"name": q.name, "title": q.title, "description": q.description,
                "params": {p.name: {"type": p.type, "default": p.default, "description": p.description} for p in q.params.values()}}
               for q in named_queries().values()]
    return json.dumps(entries, ensure_ascii=False, indent=1).encode("utf-8")


def query_page() -> bytes:
    """A small page to pick a named query or write SPARQL, run it, and see the rows."""
    options = "\n".join(f'<option value="{html.escape(q.name)}">{html.escape(q.title)}</option>' for q in named_queries().values())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>crampkg SPARQL</title>
<style>body{{font-family:sans-serif;margin:2em}} textarea{{width:100%;height:10em}} table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:2px 6px;text-align:left}}</style></head>
<body><h1>crampkg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the knowledge graph of the article „Muskelkrampf im Rücken“. Endpoint: <code>/sparql</code>.
Open <code>/?run=NAME</code> to run a named query at once.</p>
<label>Named query <select id="named"><option value="">(write your own)</option>{options}</select></label>
<button id="run-named">Run named query</button>
<p><textarea id="query">SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10</textarea></p>
<button id="run">Run</button> <span id="status"></span>
<table id="results"></table>
<script>
function show(data) {{
  const table = document.getElementById('results'); table.innerHTML = '';
  if (data.boolean !== undefined) {{ table.innerHTML = '<tr><td>' + data.boolean + '</td></tr>'; return; }}
  const vars = data.head.vars; const head = document.createElement('tr');
  vars.forEach(v => {{ const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }});
  table.appendChild(head);
  data.results.bindings.forEach(b => {{ const tr = document.createElement('tr'); tr.className = 'row';
    vars.forEach(v => {{ const td = document.createElement('td'); td.textContent = b[v] ? b[v].value : ''; tr.appendChild(td); }});
    table.appendChild(tr); }});
  document.getElementById('status').textContent = data.results.bindings.length + ' rows';
}}
async function run(url, options) {{
  document.getElementById('status').textContent = 'running…';
  const response = await fetch(url, options);
  if (!response.ok) {{ document.getElementById('status').textContent = await response.text(); return; }}
  show(await response.json());
}}
document.getElementById('run').onclick = () => run('/sparql', {{method: 'POST',
  headers: {{'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'}},
  body: document.getElementById('query').value}});
document.getElementById('run-named').onclick = () => {{ const name = document.getElementById('named').value;
  if (name) run('/queries/' + encodeURIComponent(name), {{headers: {{'Accept': 'application/sparql-results+json'}}}}); }};
const preset = new URLSearchParams(location.search).get('run');
if (preset) {{ document.getElementById('named').value = preset; document.getElementById('run-named').click(); }}
</script></body></html>
""".encode()
