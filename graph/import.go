package graph

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/dossier-archive/dossier/ontology"
)

// QuadDecoder yields quads one at a time and io.EOF after the last (rdfio's
// decoders are one). Its errors should name the file and line.
type QuadDecoder interface {
	Decode() (ontology.Quad, error)
}

// Import adds the quads dec yields to the store. Quads without a graph go
// into defaultGraph, so a Turtle or N-Triples file lands in a named graph of
// its own and can be removed whole later; defaultGraph may be the zero Term
// only when every quad names its graph. Quads already in the store are
// left alone.
//
// Blank nodes are scoped to defaultGraph: label b1 becomes "<h>_b1", where
// <h> is derived from the graph name, so two files that both say _:b1 do
// not merge their nodes, and importing the same file again is idempotent.
//
// The input is read and checked to the end before anything is written (an
// input larger than one batch is spilled to a temporary file, so memory
// stays bounded by the batch), so a malformed input anywhere leaves the
// store exactly as it was. If writing itself fails halfway, the quads that
// were added are removed again.
func (s *Store) Import(ctx context.Context, dec QuadDecoder, defaultGraph ontology.Term) (Changes, error) {
	if !defaultGraph.IsZero() {
		if _, err := graphValue(defaultGraph); err != nil {
			return Changes{}, err
		}
	}
	sp := &spill{batch: s.batch, dir: s.tempDir}
	defer sp.close()
	prefix := blankPrefix(defaultGraph)
	for n := 1; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return Changes{}, err
			}
		}
		q, err := dec.Decode()
		if err == io.EOF {
			break
		} else if err != nil {
			return Changes{}, err
		}
		if q.G.IsZero() {
			if defaultGraph.IsZero() {
				return Changes{}, fmt.Errorf("quad %d has no graph and no default graph was given", n)
			}
			q.G = defaultGraph
		}
		q.S, q.O, q.G = scopeBlank(q.S, prefix), scopeBlank(q.O, prefix), scopeBlank(q.G, prefix)
		if _, err := toQuad(q); err != nil {
			return Changes{}, fmt.Errorf("quad %d: %w", n, err)
		}
		if err := sp.add(q); err != nil {
			return Changes{}, err
		}
	}
	if err := sp.rewind(); err != nil {
		return Changes{}, err
	}

	unlock, err := s.lock()
	if err != nil {
		return Changes{}, err
	}
	defer unlock()
	var written []graph.Delta // what was added, to undo on failure
	var ch Changes
	for {
		qs, err := sp.next()
		if err != nil {
			return Changes{}, s.undo(written, err)
		}
		if len(qs) == 0 {
			return ch, nil
		}
		batch := make([]quad.Quad, len(qs))
		for i, q := range qs {
			batch[i], _ = toQuad(q) // checked while reading
		}
		// Only quads missing from the store are written, so that an undo
		// removes exactly what this import added.
		missing, err := s.missing(ctx, batch)
		if err != nil {
			return Changes{}, s.undo(written, err)
		}
		deltas := make([]graph.Delta, len(missing))
		for i, q := range missing {
			deltas[i] = graph.Delta{Quad: q, Action: graph.Add}
		}
		if err := ctx.Err(); err != nil {
			return Changes{}, s.undo(written, err)
		}
		if len(deltas) > 0 {
			if err := s.w.ApplyTransaction(transaction(deltas)); err != nil {
				return Changes{}, s.undo(written, err)
			}
		}
		written = append(written, deltas...)
		ch.Added += len(deltas)
	}
}

// missing returns the quads of batch that are not in the store, each once,
// in batch order. Quads are looked up by subject: one index scan per
// distinct subject.
func (s *Store) missing(ctx context.Context, batch []quad.Quad) ([]quad.Quad, error) {
	type key [4]any
	isNew := make([]bool, len(batch))
	subjects := make(map[any]graph.Ref)
	want := make(map[key]int, len(batch))
	seen := make(map[quad.Quad]struct{}, len(batch))
	for i, q := range batch {
		if _, dup := seen[q]; dup {
			continue
		}
		seen[q] = struct{}{}
		var k key
		for j, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				continue
			}
			r, err := s.qs.ValueOf(v)
			if err != nil {
				return nil, err
			}
			if r == nil {
				isNew[i] = true // a node it uses is new, so the quad is new
				break
			}
			k[j] = refs.ToKey(r)
			if d == quad.Subject {
				subjects[k[j]] = r
			}
		}
		if !isNew[i] {
			want[k] = i
		}
	}
	for _, subj := range subjects {
		if len(want) == 0 {
			break
		}
		err := s.scan(ctx, s.qs.QuadIterator(quad.Subject, subj), func(r graph.Ref) error {
			var k key
			for j, d := range quad.Directions {
				v, err := s.qs.QuadDirection(r, d)
				if err != nil {
					return err
				}
				if v != nil {
					k[j] = refs.ToKey(v)
				}
			}
			delete(want, k)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, i := range want {
		isNew[i] = true
	}
	var out []quad.Quad
	for i, q := range batch {
		if isNew[i] {
			out = append(out, q)
		}
	}
	return out, nil
}

// blankPrefix derives the blank-node scope of an import from its graph.
func blankPrefix(g ontology.Term) string {
	h := sha1.Sum([]byte(g.Value))
	return "g" + hex.EncodeToString(h[:4]) + "_"
}

func scopeBlank(t ontology.Term, prefix string) ontology.Term {
	if t.Kind == ontology.Blank && !strings.HasPrefix(t.Value, prefix) {
		t.Value = prefix + t.Value
	}
	return t
}

// spill holds the quads of an import between reading and writing: the
// first batch in memory, everything after it in a temporary file.
type spill struct {
	batch int
	dir   string
	mem   []ontology.Quad
	f     *os.File
	w     *bufio.Writer
	r     *bufio.Reader
	buf   []ontology.Quad
}

func (sp *spill) add(q ontology.Quad) error {
	if sp.f == nil && len(sp.mem) < sp.batch {
		sp.mem = append(sp.mem, q)
		return nil
	}
	if sp.f == nil {
		f, err := os.CreateTemp(sp.dir, "dossier-import-*.bin")
		if err != nil {
			return fmt.Errorf("import: cannot spill to a temporary file: %w", err)
		}
		sp.f, sp.w = f, bufio.NewWriterSize(f, 1<<16)
	}
	for _, t := range [4]ontology.Term{q.S, q.P, q.O, q.G} {
		sp.w.WriteByte(byte(t.Kind))
		for _, str := range [3]string{t.Value, t.Lang, t.Datatype} {
			var n [binary.MaxVarintLen64]byte
			sp.w.Write(n[:binary.PutUvarint(n[:], uint64(len(str)))])
			sp.w.WriteString(str)
		}
	}
	return nil
}

func (sp *spill) rewind() error {
	if sp.f == nil {
		return nil
	}
	if err := sp.w.Flush(); err != nil {
		return fmt.Errorf("import: writing the temporary file: %w", err)
	}
	if _, err := sp.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	sp.r = bufio.NewReaderSize(sp.f, 1<<16)
	return nil
}

// next returns the next batch, empty at the end.
func (sp *spill) next() ([]ontology.Quad, error) {
	if sp.mem != nil {
		b := sp.mem
		sp.mem = nil
		return b, nil
	}
	if sp.r == nil {
		return nil, nil
	}
	sp.buf = sp.buf[:0]
	for len(sp.buf) < sp.batch {
		q, err := sp.read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("import: reading the temporary file: %w", err)
		}
		sp.buf = append(sp.buf, q)
	}
	return sp.buf, nil
}

func (sp *spill) read() (ontology.Quad, error) {
	var ts [4]ontology.Term
	for i := range ts {
		k, err := sp.r.ReadByte()
		if err != nil {
			if i > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return ontology.Quad{}, err
		}
		ts[i].Kind = ontology.TermKind(k)
		for _, dst := range [3]*string{&ts[i].Value, &ts[i].Lang, &ts[i].Datatype} {
			n, err := binary.ReadUvarint(sp.r)
			if err != nil {
				return ontology.Quad{}, errors.Join(io.ErrUnexpectedEOF, err)
			}
			b := make([]byte, n)
			if _, err := io.ReadFull(sp.r, b); err != nil {
				return ontology.Quad{}, err
			}
			*dst = string(b)
		}
	}
	return ontology.Quad{S: ts[0], P: ts[1], O: ts[2], G: ts[3]}, nil
}

func (sp *spill) close() {
	if sp.f != nil {
		sp.f.Close()
		os.Remove(sp.f.Name())
	}
}
