package graph

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
)

// triple is a subject-predicate-object triple by node IDs.
type triple [3]uint64

func tripleCmp(a, b triple) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// tripleRun is how many triples sortedTriples sorts in memory at once
// (24 MB of IDs); beyond that, sorted runs go to temporary files and are
// merged, so memory stays bounded whatever the size of the store.
var tripleRun = 1 << 20

// sortedTriples counts distinct triples with memory bounded by tripleRun:
// an external merge sort of node-ID triples.
type sortedTriples struct {
	dir  string
	buf  []triple
	runs []*os.File
}

func (ts *sortedTriples) add(t triple) error {
	ts.buf = append(ts.buf, t)
	if len(ts.buf) >= tripleRun {
		return ts.spill()
	}
	return nil
}

// sortUnique sorts the buffer and drops repeats.
func (ts *sortedTriples) sortUnique() {
	slices.SortFunc(ts.buf, tripleCmp)
	ts.buf = slices.Compact(ts.buf)
}

func (ts *sortedTriples) spill() error {
	ts.sortUnique()
	f, err := os.CreateTemp(ts.dir, "dossier-triples-*.bin")
	if err != nil {
		return fmt.Errorf("counting triples: %w", err)
	}
	ts.runs = append(ts.runs, f)
	w := bufio.NewWriterSize(f, 1<<16)
	var rec [24]byte
	for _, t := range ts.buf {
		for i, x := range t {
			binary.BigEndian.PutUint64(rec[8*i:], x)
		}
		w.Write(rec[:])
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("counting triples: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	ts.buf = ts.buf[:0]
	return nil
}

// count returns the number of distinct triples added.
func (ts *sortedTriples) count() (int, error) {
	if len(ts.runs) == 0 {
		ts.sortUnique()
		return len(ts.buf), nil
	}
	if len(ts.buf) > 0 {
		if err := ts.spill(); err != nil {
			return 0, err
		}
	}
	h := &runHeap{}
	for _, f := range ts.runs {
		r := &run{r: bufio.NewReaderSize(f, 1<<16)}
		ok, err := r.next()
		if err != nil {
			return 0, err
		}
		if ok {
			h.runs = append(h.runs, r)
		}
	}
	heap.Init(h)
	n := 0
	var last triple
	for len(h.runs) > 0 {
		r := h.runs[0]
		if n == 0 || r.cur != last {
			n++
			last = r.cur
		}
		ok, err := r.next()
		if err != nil {
			return 0, err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return n, nil
}

func (ts *sortedTriples) close() {
	for _, f := range ts.runs {
		f.Close()
		os.Remove(f.Name())
	}
	ts.runs = nil
}

// run reads one sorted run back.
type run struct {
	r   *bufio.Reader
	cur triple
}

func (r *run) next() (bool, error) {
	var rec [24]byte
	if _, err := io.ReadFull(r.r, rec[:]); err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("counting triples: reading a temporary file: %w", err)
	}
	for i := range r.cur {
		r.cur[i] = binary.BigEndian.Uint64(rec[8*i:])
	}
	return true, nil
}

type runHeap struct{ runs []*run }

func (h *runHeap) Len() int           { return len(h.runs) }
func (h *runHeap) Less(i, j int) bool { return tripleCmp(h.runs[i].cur, h.runs[j].cur) < 0 }
func (h *runHeap) Swap(i, j int)      { h.runs[i], h.runs[j] = h.runs[j], h.runs[i] }
func (h *runHeap) Push(x any)         { h.runs = append(h.runs, x.(*run)) }
func (h *runHeap) Pop() any {
	r := h.runs[len(h.runs)-1]
	h.runs = h.runs[:len(h.runs)-1]
	return r
}
