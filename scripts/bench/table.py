#!/usr/bin/env python3
"""table.py: print the results scripts/bench.sh collected as one Markdown
table, Dossier beside Oxigraph with their ratio and the goal of issue 7."""
import json
import re
import sys
from pathlib import Path

R = Path(sys.argv[1])


def bench_lines(name):
    """Go benchmark lines of a results file: {name: {unit: value}}."""
    out = {}
    p = R / name
    if not p.exists():
        return out
    for line in p.read_text().splitlines():
        if not line.startswith("Benchmark"):
            continue
        f = line.split()
        key = re.sub(r"-\d+$", "", f[0])
        vals = {}
        for i in range(2, len(f) - 1, 2):
            try:
                vals[f[i + 1]] = float(f[i])
            except ValueError:
                pass
        out[key] = vals
    return out


def size_name(n):
    n = int(n)
    if n % 1000000 == 0:
        return f"{n // 1000000}M"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def num(x, unit=""):
    if x is None:
        return "–"
    if x >= 100:
        s = f"{x:,.0f}"
    elif x >= 10:
        s = f"{x:.1f}"
    else:
        s = f"{x:.2f}"
    return s + unit


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.2f}×"


rows = []


def row(measure, dossier, oxigraph="–", r="–", goal=""):
    rows.append((measure, dossier, oxigraph, r, goal))


ex1 = bench_lines("extract-1.txt").get("BenchmarkExtract", {})
exn = bench_lines("extract-all.txt").get("BenchmarkExtractParallel", {})
row("extraction, 1 core (MB of text/s; per CPU-s)", f"{num(ex1.get('MB/s'))}; {num(ex1.get('MB/cpu-s'))}", goal="≥ 20 MB/s per core")
row("extraction, all cores (MB/s)", num(exn.get("MB/s")))

ox = [json.loads(l) for l in (R / "oxigraph.jsonl").read_text().splitlines()] if (R / "oxigraph.jsonl").exists() else []
ox_load = {size_name(o["size"]): o for o in ox if o["what"] == "load"}
ox_query = {o["name"]: o for o in ox if o["what"] == "query"}

load = bench_lines("load.txt")
sizes = sorted({k.split("/")[2] for k in load}, key=lambda s: float(s.rstrip("kM")) * (1e6 if s.endswith("M") else 1e3))
for size in sizes:
    o = ox_load.get(size, {})
    oq = o.get("quads_per_s")
    for store, goal in (("memory", "faster than Oxigraph"), ("bolt", "within 2× of Oxigraph"), ("postgres", "")):
        v = load.get(f"BenchmarkLoad/{store}/{size}")
        if v is None:
            continue
        row(f"load {size} quads into {store} (quads/s; per CPU-s)",
            f"{num(v.get('quads/s'))}; {num(v.get('quads/cpu-s'))}",
            f"{num(oq)}; {num(o.get('quads_per_cpu_s'))}" if o else "–",
            ratio(v.get("quads/s"), oq), goal)

build = (R / "build.txt").read_text() if (R / "build.txt").exists() else ""
m = re.search(r"(\d+) documents \((\d+) loaded.*?(\d+) quads added.*? in ([\d.]+)(m?s|m[\d.]+s|h[\dm.]+s)? \(([\d.]+) documents/s\)", build)
mem = json.loads((R / "build-mem.json").read_text()) if (R / "build-mem.json").exists() else {}
if m:
    docs, quads, dps = int(m.group(1)), int(m.group(3)), float(m.group(6))
    minutes = docs / dps / 60 if dps else None
    gen = (R / "gen.txt").read_text().strip() if (R / "gen.txt").exists() else ""
    mb = re.search(r"([\d.]+) MB", gen)
    row(f"full build, {docs:,} generated documents ({mb.group(1) if mb else '?'} MB, {quads:,} quads) into bolt",
        f"{dps:.1f} docs/s, {minutes:.1f} min", goal="< 5 min on 2 cores")
    row("full build: peak memory (RSS; of it anonymous / mapped store file)",
        f"{mem.get('peak_rss_mb', '?')} MB; {mem.get('peak_anon_mb', '?')} / {mem.get('peak_file_mb', '?')} MB", goal="< 1 GB")

query = bench_lines("query.txt")
qsize = sorted({k.split("/")[2] for k in query})
names = {"person": "person lookup (Gizmo; Oxigraph: SPARQL)", "twohop": "two-hop (Gizmo; Oxigraph: SPARQL)",
         "sparql-join": "SPARQL join with FILTER", "network": "co-mention network projection"}
for size in qsize:
    for name, label in names.items():
        o = ox_query.get(name)
        for store in ("memory", "bolt"):
            v = query.get(f"BenchmarkQuery/{store}/{size}/{name}")
            if v is None:
                continue
            goal = "p50 < 5 ms" if name == "person" else ""
            same = ""
            if o and v.get("rows/query") is not None:
                orows = o["rows"] / o["runs"]
                same = " ✓ same rows" if abs(orows - v["rows/query"]) < 1e-9 else f" ✗ rows differ: {v['rows/query']:.2f} vs {orows:.2f}"
            row(f"{label} at {size} quads, {store} (p50 / p95 ms){same}",
                f"{num(v.get('p50-ms'))} / {num(v.get('p95-ms'))}",
                f"{num(o['p50_ms'])} / {num(o['p95_ms'])}" if o else "–",
                ratio(v.get("p50-ms"), o["p50_ms"]) if o else "–", goal)

print((R / "machine.txt").read_text().strip().replace("\n", "  \n") if (R / "machine.txt").exists() else "")
print()
print("| measure | Dossier | Oxigraph | Dossier / Oxigraph | goal |")
print("|---|---:|---:|---:|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
