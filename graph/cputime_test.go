package graph

import "github.com/dossier-archive/dossier/internal/cputime"

// cpuTime: the benchmarks report throughput per CPU-second too.
var cpuTime = cputime.Process
