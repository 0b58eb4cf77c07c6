"""What the endpoint shows besides query results: the service description and a browser query page."""
from __future__ import annotations

import json

from crampkg.namespaces import PREFIXES, RESOURCE
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
    """The named queries as JSON: name, title, description, parameters (with their defaults) and SPARQL text."""
    entries = [{"name": q.name, "title": q.title, "description": q.description, "sparql": q.text,
                "params": {p.name: {"type": p.type, "default": p.default, "description": p.description} for p in q.params.values()}}
               for q in named_queries().values()]
    return json.dumps(entries, ensure_ascii=False, indent=1).encode("utf-8")


def _json_for_script(value: object) -> str:
    """``value`` as JSON that cannot end a ``<script>`` element or open a comment in it."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def query_page() -> bytes:
    """The query page: YASGUI (served from ``/static``, nothing from elsewhere) on ``/sparql``, crampkg's prefixes
    preloaded, a menu of the named queries that puts each one's SPARQL in the editor with inputs for its parameters
    (run through ``/queries/NAME``), and result IRIs of the graph linked to their ``/resource`` pages.
    ``/?run=NAME&param=value`` runs a named query at once."""
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items() if name)
    default_query = prefixes + "\nSELECT ?entity ?label WHERE {\n  ?entity rdfs:label ?label .\n  FILTER(lang(?label) = \"de\")\n} LIMIT 20\n"
    config = {"prefixes": {name: iri for name, iri in PREFIXES.items() if name}, "defaultQuery": default_query,
              "resource": str(RESOURCE)}
    return (_PAGE.replace("@CONFIG@", _json_for_script(config))).encode("utf-8")


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>crampkg SPARQL</title>
<link rel="stylesheet" href="/static/yasgui.min.css">
<style>body{font-family:sans-serif;margin:1em 2em} #named-bar{margin:.5em 0} #params label{margin-right:1em}
#params input{width:8em}</style></head>
<body><h1>crampkg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the knowledge graph of the article „Muskelkrampf im Rücken“ at <code>/sparql</code>.
The default graph is the union of <code>https://w3id.org/crampkg/graph/asserted</code> and
<code>…/graph/inferred</code>. Entities: <code>/resource/ID</code>; the ontology: <a href="/ontology">/ontology</a>;
the dataset: <a href="/.well-known/void">/.well-known/void</a>.</p>
<div id="named-bar"><label>Named query <select id="named"><option value="">(write your own)</option></select></label>
<span id="params"></span> <span id="description"></span></div>
<div id="yasgui"></div>
<script src="/static/yasgui.min.js"></script>
<script>
const CONFIG = @CONFIG@;
const Yasqe = Yasgui.Yasqe;
Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter(name => name !== 'class' && name !== 'property');
const here = location.origin;
const yasgui = new Yasgui(document.getElementById('yasgui'), {
  requestConfig: {endpoint: here + '/sparql', method: 'GET'},
  copyEndpointOnNewTab: true, persistenceId: null, populateFromUrl: false,
  endpointCatalogueOptions: {getData: () => [{endpoint: here + '/sparql'}]},
  yasqe: {value: CONFIG.defaultQuery},
  yasr: {prefixes: CONFIG.prefixes},
});
let catalog = {};
function tab() { return yasgui.getTab(); }
function paramArgs() {
  return Array.from(document.querySelectorAll('#params input')).filter(i => i.value !== '')
    .map(i => ({name: i.name, value: i.value}));
}
function choose(name) {
  const params = document.getElementById('params'); params.textContent = '';
  const entry = catalog[name];
  document.getElementById('description').textContent = entry ? entry.description : '';
  if (!entry) { tab().setEndpoint(here + '/sparql'); tab().setRequestConfig({args: []}); return; }
  Object.entries(entry.params).forEach(([param, info]) => {
    const label = document.createElement('label'); label.textContent = param + ' ';
    const input = document.createElement('input'); input.name = param; input.value = new URLSearchParams(location.search).get(param) || info.default || '';
    input.title = info.description || ''; label.appendChild(input); params.appendChild(label);
  });
  tab().setQuery(entry.sparql);
  tab().setEndpoint(here + '/queries/' + encodeURIComponent(name));
}
yasgui.on('queryBefore', (instance, t) => {
  const name = document.getElementById('named').value;
  t.setRequestConfig({args: name ? paramArgs() : []});
});
new MutationObserver(() => {
  document.querySelectorAll('#yasgui a[href^="' + CONFIG.resource + '"]').forEach(a => {
    a.setAttribute('href', '/resource/' + a.getAttribute('href').slice(CONFIG.resource.length)); a.removeAttribute('target');
  });
}).observe(document.getElementById('yasgui'), {childList: true, subtree: true});
fetch('/queries').then(r => r.json()).then(entries => {
  const select = document.getElementById('named');
  entries.forEach(e => { catalog[e.name] = e; const o = document.createElement('option');
    o.value = e.name; o.textContent = e.title; select.appendChild(o); });
  select.onchange = () => choose(select.value);
  const preset = new URLSearchParams(location.search).get('run');
  if (preset && catalog[preset]) { select.value = preset; choose(preset); tab().query(); }
});
</script></body></html>
"""
