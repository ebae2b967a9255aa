package graph

// triple is a subject-predicate-object triple by node IDs.
type triple [3]uint64

// tripleRun is how many triples sortedTriples sorts in memory at once
// (32 MB of IDs); beyond that, sorted runs go to temporary files and are
// merged, so memory stays bounded whatever the size of the store.
var tripleRun = 1 << 20

// sortedTriples counts distinct triples with memory bounded by tripleRun:
// an external merge sort of node-ID triples (recordSorter) that drops
// repeats.
type sortedTriples struct {
	dir string
	rs  *recordSorter
}

func (ts *sortedTriples) sorter() *recordSorter {
	if ts.rs == nil {
		ts.rs = newRecordSorter(3, tripleRun, ts.dir)
		ts.rs.unique = true
	}
	return ts.rs
}

func (ts *sortedTriples) add(t triple) error {
	return ts.sorter().add(indexRecord{t[0], t[1], t[2]})
}

// count returns the number of distinct triples added.
func (ts *sortedTriples) count() (int, error) {
	n := 0
	err := ts.sorter().each(func(indexRecord) error { n++; return nil })
	return n, err
}

// runs is how many sorted runs went to files.
func (ts *sortedTriples) runs() int { return len(ts.sorter().runs) }

func (ts *sortedTriples) close() { ts.sorter().remove() }
