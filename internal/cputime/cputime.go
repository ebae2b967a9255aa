// Package cputime reads the CPU time this process has used, so that
// benchmarks can report throughput per CPU-second beside throughput per
// second of wall time: on a machine shared with other work the wall-clock
// figure moves with that work, the CPU-time figure much less.
package cputime

import "time"

// Process returns the CPU time (user and system, all threads) this
// process has used so far, or 0 where the platform does not tell.
func Process() time.Duration { return process() }
