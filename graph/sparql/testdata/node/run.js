// Runs SPARQL queries in Oxigraph for graph/sparql's comparison test.
//
// usage: node run.js QUADS.nq MERGED.nt < queries.json > answers.json
//
// QUADS.nq is the store's export, one named graph per document; MERGED.nt
// is the merged graph (each triple once), loaded as Oxigraph's default
// graph. That is the dataset Dossier queries: the default graph is the RDF
// merge of the named graphs. (Oxigraph's own use_default_graph_as_union
// option returns a triple once per graph that holds it, not once.) Both
// are loaded as one N-Quads document, so that a blank node label means
// the same node in the named graphs and in the default graph.
//
// queries.json is [{"query": "...", "form": "SELECT"|"ASK"|"CONSTRUCT"|
// "DESCRIBE"}, ...]; answers.json is [{"result": "..."} or {"error":
// "..."}, ...] where a result is the TSV results format for SELECT,
// "true"/"false" for ASK and N-Triples for the graph forms.
'use strict';
const fs = require('fs');
const ox = require('oxigraph');

const [quads, merged] = process.argv.slice(2);
const store = new ox.Store();
store.load(fs.readFileSync(quads, 'utf8') + fs.readFileSync(merged, 'utf8'), { format: 'application/n-quads' });

const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
const answers = queries.map(({ query, form }) => {
  try {
    switch (form) {
      case 'SELECT':
        return { result: store.query(query, { results_format: 'tsv' }) };
      case 'ASK':
        return { result: String(store.query(query)) };
      default:
        return { result: store.query(query, { results_format: 'application/n-triples' }) };
    }
  } catch (e) {
    return { error: String(e) };
  }
});
process.stdout.write(JSON.stringify(answers));
