package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestProcessGrows: CPU time spent spinning shows in Process, and it
// never goes backwards.
func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no getrusage here")
	}
	before := Process()
	if before <= 0 {
		t.Fatalf("Process() = %v at the start of a test, want > 0", before)
	}
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x++
	}
	after := Process()
	if after < before+10*time.Millisecond {
		t.Errorf("after 50 ms of spinning Process() went from %v to %v (x=%d)", before, after, x)
	}
}
