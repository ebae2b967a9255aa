package graph

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// indexRecord is one entry of a quad index on its way to the store: the
// node IDs of the index's directions (unused ones zero) and the quad's ID
// last. Records sort by those IDs in order, which is the order of the
// index's keys and, within a key, of its quads.
type indexRecord [4]uint64

func compareRecords(a, b indexRecord) int {
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

// recordSorter sorts records of node IDs that may not fit in memory
// (index entries on their way to a bulk load, triples being counted): it
// keeps up to max records, and when they are full it sorts them and
// writes them as a run to a file in dir; each then merges the runs and
// what is left in memory. A run holds its records as uvarints, the first
// ID as the difference from the record before (runs are sorted, and IDs
// are mostly small), about a third of their size in memory.
type recordSorter struct {
	width  int // IDs per record that are used
	max    int
	dir    string
	unique bool // drop repeated records
	buf    []indexRecord
	runs   []string
}

func newRecordSorter(width, max int, dir string) *recordSorter {
	return &recordSorter{width: width, max: max, dir: dir}
}

func (rs *recordSorter) add(r indexRecord) error {
	if len(rs.buf) >= rs.max {
		if err := rs.spill(); err != nil {
			return err
		}
	}
	if rs.buf == nil {
		rs.buf = make([]indexRecord, 0, min(rs.max, 1<<16))
	}
	rs.buf = append(rs.buf, r)
	return nil
}

// sortBuf sorts the records in memory, dropping repeats when asked to.
func (rs *recordSorter) sortBuf() {
	slices.SortFunc(rs.buf, compareRecords)
	if rs.unique {
		rs.buf = slices.Compact(rs.buf)
	}
}

// spill writes the records in memory as one sorted run.
func (rs *recordSorter) spill() error {
	rs.sortBuf()
	f, err := os.CreateTemp(rs.dir, "run-*")
	if err != nil {
		return err
	}
	rs.runs = append(rs.runs, f.Name())
	w := bufio.NewWriterSize(f, 1<<20)
	var b [4 * binary.MaxVarintLen64]byte
	var prev uint64
	for _, r := range rs.buf {
		n := binary.PutUvarint(b[:], r[0]-prev)
		prev = r[0]
		for _, id := range r[1:rs.width] {
			n += binary.PutUvarint(b[n:], id)
		}
		if _, err := w.Write(b[:n]); err != nil {
			f.Close()
			return err
		}
	}
	err = errors.Join(w.Flush(), f.Close())
	rs.buf = rs.buf[:0]
	return err
}

// each calls fn with every record added, in order (a repeated one once
// when unique), and removes the runs.
func (rs *recordSorter) each(fn func(indexRecord) error) (err error) {
	defer func() { err = errors.Join(err, rs.remove()) }()
	rs.sortBuf()
	if len(rs.runs) == 0 {
		for _, r := range rs.buf {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	m := &recordMerge{}
	for _, name := range rs.runs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		src := &runReader{r: bufio.NewReaderSize(f, 1<<18), width: rs.width, name: name}
		if err := m.push(src); err != nil {
			return err
		}
	}
	if err := m.push(&memRun{recs: rs.buf}); err != nil {
		return err
	}
	var last indexRecord
	for n := 0; m.Len() > 0; n++ {
		src := m.srcs[0]
		if r := src.cur(); !rs.unique || n == 0 || r != last {
			if err := fn(r); err != nil {
				return err
			}
			last = r
		}
		more, err := src.next()
		if err != nil {
			return err
		}
		if more {
			heap.Fix(m, 0)
		} else {
			heap.Pop(m)
		}
	}
	return nil
}

// remove deletes the runs' files and forgets the records.
func (rs *recordSorter) remove() error {
	var err error
	for _, name := range rs.runs {
		if rerr := os.Remove(name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
	}
	rs.runs, rs.buf = nil, nil
	return err
}

// recordSource is a sorted run being merged.
type recordSource interface {
	cur() indexRecord
	next() (bool, error) // moves to the next record; false at the end
}

// memRun is the records still in memory, sorted.
type memRun struct {
	recs []indexRecord
	i    int
}

func (m *memRun) cur() indexRecord { return m.recs[m.i] }
func (m *memRun) next() (bool, error) {
	m.i++
	return m.i < len(m.recs), nil
}

// runReader reads a run written by spill.
type runReader struct {
	r     *bufio.Reader
	width int
	name  string
	rec   indexRecord
}

func (rr *runReader) cur() indexRecord { return rr.rec }
func (rr *runReader) next() (bool, error) {
	d, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("reading back %s: %w", rr.name, err)
	}
	rec := indexRecord{rr.rec[0] + d}
	for i := 1; i < rr.width; i++ {
		if rec[i], err = binary.ReadUvarint(rr.r); err != nil {
			return false, fmt.Errorf("reading back %s: %w", rr.name, noEOF(err))
		}
	}
	rr.rec = rec
	return true, nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// recordMerge is a heap of sources by their current record.
type recordMerge struct{ srcs []recordSource }

// push adds src at its first record, unless it has none.
func (m *recordMerge) push(src recordSource) error {
	if mr, ok := src.(*memRun); ok {
		if len(mr.recs) == 0 {
			return nil
		}
	} else if more, err := src.next(); err != nil || !more {
		return err
	}
	heap.Push(m, src)
	return nil
}

func (m *recordMerge) Len() int { return len(m.srcs) }
func (m *recordMerge) Less(i, j int) bool {
	return compareRecords(m.srcs[i].cur(), m.srcs[j].cur()) < 0
}
func (m *recordMerge) Swap(i, j int) { m.srcs[i], m.srcs[j] = m.srcs[j], m.srcs[i] }
func (m *recordMerge) Push(x any)    { m.srcs = append(m.srcs, x.(recordSource)) }
func (m *recordMerge) Pop() any {
	x := m.srcs[len(m.srcs)-1]
	m.srcs = m.srcs[:len(m.srcs)-1]
	return x
}
