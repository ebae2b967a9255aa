// oxigraph.js: the Oxigraph side of scripts/bench.sh. Loads each N-Quads
// file the Go side wrote (go run ./bench/benchdata) into a fresh in-memory
// Oxigraph store and reports its load rate, then asks the store of the
// query size the same SPARQL questions Dossier answers (queries.json),
// five times each, and reports p50/p95 latency. One JSON object per line.
//
//   node scripts/bench/oxigraph.js DIR SIZE,SIZE,... QUERY_SIZE
'use strict';
const fs = require('fs');
const path = require('path');
const ox = require(path.join(__dirname, 'node_modules', 'oxigraph'));

const [dir, sizesArg, querySize] = process.argv.slice(2);
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

function load(size) {
  const text = fs.readFileSync(path.join(dir, `${size}.nq`), 'utf8');
  const store = new ox.Store();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  store.load(text, { format: 'application/n-quads' });
  const s = seconds(t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { store, s, cpuS };
}

// warm up the WebAssembly engine (compilation, first allocations) on the
// smallest file, so that the first measured load is not the slowest; the
// Go side needs no warm-up of its kind
load(sizesArg.split(',').map(Number).sort((a, b) => a - b)[0]);

for (const size of sizesArg.split(',')) {
  const { store, s, cpuS } = load(size);
  console.log(JSON.stringify({ what: 'load', size: Number(size), quads: store.size, seconds: s,
    quads_per_s: store.size / s, quads_per_cpu_s: store.size / cpuS }));
}

const { store } = load(querySize);
const questions = JSON.parse(fs.readFileSync(path.join(dir, 'queries.json'), 'utf8'));
const byName = {};
for (const q of questions) (byName[q.Name] = byName[q.Name] || []).push(q);
for (const [name, qs] of Object.entries(byName)) {
  const lat = [];
  let rows = 0;
  for (let run = 0; run < 5; run++) {
    for (const q of qs) {
      const t0 = process.hrtime.bigint();
      const res = store.query(q.Sparql, { use_default_graph_as_union: true });
      rows += res.length;
      lat.push(seconds(t0) * 1000);
    }
  }
  lat.sort((a, b) => a - b);
  console.log(JSON.stringify({ what: 'query', name, size: Number(querySize), runs: lat.length, rows,
    p50_ms: lat[Math.floor(lat.length / 2)], p95_ms: lat[Math.ceil(lat.length * 0.95) - 1] }));
}
