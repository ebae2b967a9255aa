#!/usr/bin/env bash
# score-dev.sh: extract every document of a gold set with dossier, score each
# with ../shared/eval/score.py (the contract), and print the figures per
# document and micro-averaged per type (the counts tp/pred/gold pooled over
# the documents, then P/R/F1 of the pool).
#
#   scripts/score-dev.sh [GOLD_DIR [CORPUS_DIR]]
#
# Defaults: ../shared/gold and ../shared/corpus (relative to the repository).
# `dossier eval --gold GOLD_DIR` prints the same figures from the Go port.
set -euo pipefail
cd "$(dirname "$0")/.."
gold_dir=${1:-../shared/gold}
corpus_dir=${2:-$gold_dir/../corpus}
scorer=${SCORER:-../shared/eval/score.py}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dossier" ./cmd/dossier
for g in "$gold_dir"/*.gold.json; do
  name=$(basename "$g" .gold.json)
  doc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["document"])' "$g")
  src="$corpus_dir/$doc"
  [ -f "$src" ] || src="$(dirname "$g")/$doc"
  "$tmp/dossier" extract --format json "$src" > "$tmp/$name.json"
  python3 "$scorer" --gold "$g" --pred "$tmp/$name.json" --json > "$tmp/$name.score.json"
done
python3 - "$tmp" <<'PY'
import glob, json, os, sys
tmp = sys.argv[1]
pool = {}
def add(key, tp_p, n_p, tp_r, n_g):
    a = pool.setdefault(key, [0, 0, 0, 0])
    for i, v in enumerate((tp_p, n_p, tp_r, n_g)):
        a[i] += v
def f1(tp_p, n_p, tp_r, n_g):
    p = tp_p / n_p if n_p else (1.0 if n_g == 0 else 0.0)
    r = tp_r / n_g if n_g else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
print(f"{'document':38s} {'type':13s} {'mention F1':>10s} {'entity F1':>10s} {'alias':>8s}")
for path in sorted(glob.glob(os.path.join(tmp, "*.score.json"))):
    name = os.path.basename(path)[:-len(".score.json")]
    s = json.load(open(path))["scores"]
    for t in ("Person", "Organization", "Place"):
        if t not in s:
            continue
        m, e = s[t]["mention"], s[t]["entity"]
        # recover the counts from score.py's rounded figures
        add((t, "mention"), round(m["p"] * m["pred"]), m["pred"], round(m["r"] * m["gold"]), m["gold"])
        add((t, "entity"), round(e["p"] * e["pred"]), e["pred"], round(e["r"] * e["gold"]), e["gold"])
        al = ""
        if "alias" in s[t]:
            a = s[t]["alias"]
            add((t, "alias"), round(a["acc"] * a["n"]), a["n"], 0, 0)
            al = f"{a['acc']:.3f}"
        print(f"{name:38s} {t:13s} {m['f1']:10.3f} {e['f1']:10.3f} {al:>8s}")
print()
print(f"{'micro-average':13s} {'mention P':>9s} {'R':>6s} {'F1':>6s}   {'entity P':>8s} {'R':>6s} {'F1':>6s}   {'alias':>6s}")
for t in ("Person", "Organization", "Place"):
    if (t, "mention") not in pool:
        continue
    mp, mr, mf = f1(*pool[(t, "mention")])
    ep, er, ef = f1(*pool[(t, "entity")])
    al = ""
    if (t, "alias") in pool:
        ok, n = pool[(t, "alias")][:2]
        al = f"{(ok / n if n else 1.0):.3f}"
    print(f"{t:13s} {mp:9.3f} {mr:6.3f} {mf:6.3f}   {ep:8.3f} {er:6.3f} {ef:6.3f}   {al:>6s}")
PY
