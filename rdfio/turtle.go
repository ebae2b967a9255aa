package rdfio

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dossier-archive/dossier/ontology"
)

// turtleEncoder writes Turtle: all @prefix directives first, then one
// block per run of quads with the same subject, predicates joined by ';'
// and objects of one predicate by ','.
//
// Turtle holds one graph, so graph labels are dropped and the output is
// the merged graph. A triple repeated within one subject block is written
// once; a subject whose quads are not consecutive gets several blocks,
// and a triple repeated across blocks is written again (Turtle readers
// count it once). Feed subject-grouped quads, as graph.Export does, for
// compact output.
//
// What it never does, unlike knakk's encoder (see the research notes
// §4.2): write a prefixed name whose local part Turtle (or knakk's reader)
// could misread, write a lexical form unescaped or unquoted, or put a
// directive after the first triple. Prefixed names are used only when the
// local part is [A-Za-z0-9_][A-Za-z0-9_-]*; every other IRI is written in
// full as <IRI> (an IRI that Check accepts has nothing IRIREF would need
// escaped).
type turtleEncoder struct {
	w        *bufio.Writer
	prefixes []ontology.Prefix // longest namespace first
	subj     ontology.Term     // subject of the open block; zero when none
	pred     ontology.Term
	block    map[[2]ontology.Term]struct{} // (predicate, object) in the open block
	buf      []byte
	err      error
}

// NewTurtleEncoder returns a Turtle encoder. It writes the prefixes of
// ontology.Prefixes(o.Base) and o.Prefixes at once. A prefix name must be
// [A-Za-z][A-Za-z0-9_-]* and must not start with "true", "false", "base"
// or "prefix" in any case (knakk's reader takes those for keywords).
func NewTurtleEncoder(w io.Writer, o EncodeOptions) (Encoder, error) {
	ps := o.prefixes()
	for _, p := range ps {
		if err := checkPrefixName(p.Name); err != nil {
			return nil, err
		}
		if err := ontology.CheckIRI(p.Namespace); err != nil {
			return nil, fmt.Errorf("turtle: prefix %s: %w", p.Name, err)
		}
	}
	e := &turtleEncoder{w: bufio.NewWriter(w), block: map[[2]ontology.Term]struct{}{}}
	for _, p := range ps {
		e.buf = append(e.buf[:0], "@prefix "...)
		e.buf = append(e.buf, p.Name...)
		e.buf = append(e.buf, ": <"...)
		e.buf = append(e.buf, p.Namespace...)
		e.buf = append(e.buf, "> .\n"...)
		e.write(e.buf)
	}
	e.prefixes = append([]ontology.Prefix(nil), ps...)
	sort.SliceStable(e.prefixes, func(i, j int) bool {
		return len(e.prefixes[i].Namespace) > len(e.prefixes[j].Namespace)
	})
	return e, nil
}

func checkPrefixName(name string) error {
	ok := name != ""
	for i := 0; i < len(name) && ok; i++ {
		c := name[i]
		ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' ||
			i > 0 && (c >= '0' && c <= '9' || c == '_' || c == '-')
	}
	if !ok {
		return fmt.Errorf("turtle: prefix name %q: want [A-Za-z][A-Za-z0-9_-]*", name)
	}
	lower := strings.ToLower(name)
	for _, kw := range []string{"base", "prefix"} {
		if strings.HasPrefix(lower, kw) {
			return fmt.Errorf("turtle: prefix name %q starts with the keyword %q", name, kw)
		}
	}
	for _, kw := range []string{"true", "false"} {
		if strings.HasPrefix(name, kw) {
			return fmt.Errorf("turtle: prefix name %q starts with the keyword %q", name, kw)
		}
	}
	return nil
}

func (e *turtleEncoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *turtleEncoder) Encode(q ontology.Quad) error {
	if e.err != nil {
		return e.err
	}
	q.G = ontology.Term{}
	if err := q.Check(); err != nil {
		return err
	}
	b := e.buf[:0]
	key := [2]ontology.Term{q.P, q.O}
	switch {
	case e.subj == q.S:
		if _, dup := e.block[key]; dup {
			return nil
		}
		if e.pred == q.P {
			b = append(b, ", "...)
		} else {
			b = append(b, " ;\n\t"...)
			b = e.appendPredicate(b, q.P)
			b = append(b, ' ')
		}
	default:
		if !e.subj.IsZero() {
			b = append(b, " .\n"...)
		}
		b = append(b, '\n')
		b = e.appendTerm(b, q.S)
		b = append(b, ' ')
		b = e.appendPredicate(b, q.P)
		b = append(b, ' ')
		clear(e.block)
		e.subj = q.S
	}
	b = e.appendTerm(b, q.O)
	e.pred = q.P
	e.block[key] = struct{}{}
	e.buf = b
	e.write(b)
	return e.err
}

func (e *turtleEncoder) Close() error {
	if !e.subj.IsZero() {
		e.write([]byte(" .\n"))
		e.subj = ontology.Term{}
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

func (e *turtleEncoder) appendPredicate(b []byte, p ontology.Term) []byte {
	if p.Value == ontology.RDFType {
		return append(b, 'a')
	}
	return e.appendIRI(b, p.Value)
}

func (e *turtleEncoder) appendTerm(b []byte, t ontology.Term) []byte {
	switch t.Kind {
	case ontology.IRI:
		return e.appendIRI(b, t.Value)
	case ontology.Blank:
		b = append(b, "_:"...)
		return append(b, t.Value...)
	case ontology.Literal:
		b = append(b, '"')
		b = ontology.AppendEscapedString(b, t.Value)
		b = append(b, '"')
		switch {
		case t.Lang != "":
			b = append(b, '@')
			return append(b, strings.ToLower(t.Lang)...)
		case t.Datatype != "" && t.Datatype != ontology.XSDString:
			b = append(b, "^^"...)
			return e.appendIRI(b, t.Datatype)
		}
	}
	return b
}

// appendIRI writes a prefixed name when a prefix's namespace starts the
// IRI and the rest is a safe local name, else <IRI>.
func (e *turtleEncoder) appendIRI(b []byte, iri string) []byte {
	for _, p := range e.prefixes {
		if strings.HasPrefix(iri, p.Namespace) && safeLocal(iri[len(p.Namespace):]) {
			b = append(b, p.Name...)
			b = append(b, ':')
			return append(b, iri[len(p.Namespace):]...)
		}
	}
	b = append(b, '<')
	b = append(b, iri...)
	return append(b, '>')
}

// safeLocal reports whether s can be written as a local name without
// escapes by a conservative reading of PN_LOCAL that knakk's lexer also
// reads right: [A-Za-z0-9_] first, then [A-Za-z0-9_-]. No dots, so no
// trailing dot; no '%', ':' or backslash escapes.
func safeLocal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || i > 0 && c == '-') {
			return false
		}
	}
	return true
}
