#!/usr/bin/env python3
"""Check micro-averaged scores against floors.

floors.json maps "Type.metric" (e.g. "Person.entity.f1", "Date.value_acc",
"Event.roles.f1") to a minimum. Exit 1, listing each shortfall, if any
score is below its floor."""
import json
import sys

floors = json.load(open(sys.argv[1]))
scores = json.load(open(sys.argv[2]))["micro"]
bad = 0
for path, floor in sorted(floors.items()):
    v = scores
    for k in path.split("."):
        v = v.get(k) if isinstance(v, dict) else None
    ok = isinstance(v, (int, float)) and v >= floor
    print(f"{'ok  ' if ok else 'FAIL'} {path:28s} {v!s:8s} floor {floor}")
    bad += not ok
sys.exit(1 if bad else 0)
