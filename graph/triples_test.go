package graph

import (
	"math/rand/v2"
	"testing"
)

// sortedTriples must count each distinct triple once, in memory and when
// it spills sorted runs to files and merges them.
func TestSortedTriplesCount(t *testing.T) {
	for _, run := range []int{1 << 20, 1000, 97} {
		saved := tripleRun
		tripleRun = run
		r := rand.New(rand.NewPCG(1, 2))
		ts := &sortedTriples{dir: t.TempDir()}
		want := map[triple]bool{}
		for range 5000 {
			// small ranges, so that many triples repeat
			tr := triple{r.Uint64N(20), r.Uint64N(5), r.Uint64N(40)}
			want[tr] = true
			if err := ts.add(tr); err != nil {
				t.Fatal(err)
			}
		}
		spilled := ts.runs()
		got, err := ts.count()
		if err != nil {
			t.Fatal(err)
		}
		ts.close()
		tripleRun = saved
		if got != len(want) {
			t.Errorf("run %d: counted %d distinct triples, want %d", run, got, len(want))
		}
		if run < 5000 && spilled == 0 {
			t.Errorf("run %d: nothing was spilled", run)
		}
	}
}
