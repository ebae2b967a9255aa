package rdfio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/knakk/rdf"

	"github.com/dossier-archive/dossier/ontology"
)

// knakk's text parsers (N-Triples, N-Quads, Turtle) run their lexer in a
// goroutine that sends tokens on an unbuffered channel. Three things about
// that shape this file:
//
//   - A parser that stops early (a syntax error, or a caller that stops
//     reading) leaves the lexer blocked on its channel for ever. Close, and
//     the first error, stop the input (once the line under way is read,
//     further reads give io.EOF) and drain the parser in the background so
//     the goroutine ends.
//   - The lexer takes any read error for the end of the input, so a disk
//     error would look like a short file. guardedReader keeps the error
//     and Decode returns it.
//   - Not every knakk error message carries its line. For the line-based
//     formats guardedReader notes the line number of every statement line
//     it hands to the lexer, in order, so that the n-th quad comes from
//     the n-th such line; for Turtle the line of the parser's last token
//     is read from the parser (tokenLine).

// guardedReader stands between the input and a knakk lexer.
type guardedReader struct {
	r       io.Reader
	stopped atomic.Bool
	lineEnd bool // the last byte read was '\n' (only the lexer's goroutine reads it)

	mu  sync.Mutex
	err error // a read error other than io.EOF

	// Line tracking for N-Triples and N-Quads (lineBased): the numbers of
	// the lines that hold a statement (not blank, not a comment), in order,
	// not yet matched with a decoded quad.
	lineBased bool
	line      int  // lines started so far
	atStart   bool // no significant byte seen yet on the current line
	pending   []int
}

func newGuardedReader(r io.Reader, lineBased bool) *guardedReader {
	return &guardedReader{r: r, lineBased: lineBased, atStart: true, lineEnd: true}
}

func (g *guardedReader) Read(p []byte) (int, error) {
	if g.stopped.Load() {
		// Stopped: finish the line under way, then end. knakk's lexer must
		// not get half a line: an IRI cut short at the end of its input
		// makes it panic where nothing can recover.
		if g.lineEnd {
			return 0, io.EOF
		}
		n, err := g.r.Read(p)
		if i := bytes.IndexByte(p[:n], '\n'); i >= 0 {
			n, err = i+1, nil
			g.lineEnd = true
		}
		return n, err
	}
	n, err := g.r.Read(p)
	if n > 0 {
		g.lineEnd = p[n-1] == '\n'
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if err != nil && err != io.EOF && g.err == nil {
		g.err = err
	}
	if g.lineBased {
		for _, c := range p[:n] {
			if g.line == 0 {
				g.line = 1
			}
			switch {
			case c == '\n':
				g.line++
				g.atStart = true
			case !g.atStart || c == ' ' || c == '\t' || c == '\r':
			case c == '#':
				g.atStart = false // a comment line: no statement
			default:
				g.atStart = false
				g.pending = append(g.pending, g.line)
			}
		}
	}
	return n, err
}

func (g *guardedReader) stop() { g.stopped.Store(true) }

func (g *guardedReader) readErr() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// statementLine returns the line of the next statement not yet decoded,
// and with pop removes it. 0 when unknown.
func (g *guardedReader) statementLine(pop bool) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.pending) == 0 {
		return 0
	}
	l := g.pending[0]
	if pop {
		g.pending = g.pending[1:]
	}
	return l
}

// knakkDecoder adapts a knakk triple or quad decoder to Decoder.
type knakkDecoder struct {
	in     *guardedReader
	filter *textFilter // in front of in
	name   string
	parser any                       // knakk's decoder, for tokenLine
	next   func() (rdf.Quad, error)  // the next statement; Ctx nil in the default graph
	check  func(ontology.Quad) error // extra checks of a decoded quad, or nil
	line   func(ontology.Quad) int   // line of a quad that fails check, or nil
	err    error                     // sticky: io.EOF at the end, or the first error
	done   bool                      // the parser reached the end or is being drained
}

func (d *knakkDecoder) Decode() (ontology.Quad, error) {
	if d.err != nil {
		return ontology.Quad{}, d.err
	}
	kq, err := d.safeNext()
	if err != nil {
		if err == io.EOF {
			d.done = true
		}
		// A read error cuts the input short: what knakk says about the rest
		// is only a consequence.
		if rerr := d.in.readErr(); rerr != nil {
			return ontology.Quad{}, d.fail(fmt.Errorf("%s: %w", d.displayName(), rerr))
		}
		fatal := d.filter.fatalError()
		if err != io.EOF {
			perr := d.parseError(err)
			if fatal != nil && (perr.Line == 0 || perr.Line >= fatal.Line) {
				// knakk stumbled on (or after) the line the filter cut:
				// the filter knows what was wrong there.
				perr = fatal
			}
			return ontology.Quad{}, d.fail(perr)
		}
		if fatal != nil {
			return ontology.Quad{}, d.fail(fatal)
		}
		d.err = io.EOF
		return ontology.Quad{}, io.EOF
	}
	line := 0
	if d.in.lineBased {
		line = d.in.statementLine(true)
	}
	q, cerr := fromKnakkQuad(kq)
	if cerr == nil && d.check != nil {
		cerr = d.check(q)
	}
	if cerr == nil {
		cerr = q.Check()
	}
	if cerr != nil {
		if line == 0 && d.line != nil {
			line = d.line(q)
		}
		if line == 0 {
			line = tokenLine(d.parser)
		}
		return ontology.Quad{}, d.fail(&ParseError{Name: d.name, Line: line, Msg: cerr.Error()})
	}
	return q, nil
}

func (d *knakkDecoder) displayName() string {
	if d.name == "" {
		return "input"
	}
	return d.name
}

// safeNext calls the parser, turning a runtime panic inside knakk (which
// its own recover re-panics) into an error.
func (d *knakkDecoder) safeNext() (q rdf.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser failure: %v", r)
		}
	}()
	return d.next()
}

// fail records err, starts draining the parser, and returns err.
func (d *knakkDecoder) fail(err error) error {
	d.err = err
	d.drain()
	return err
}

// drain stops the input and lets the parser run to its end in the
// background, so that the lexer goroutine exits. Each call of the parser
// consumes at least one token, and once the input is stopped only what
// bufio already holds remains, so the loop ends; the bound is a safeguard.
func (d *knakkDecoder) drain() {
	if d.done {
		return
	}
	d.done = true
	d.in.stop()
	go func() {
		for i := 0; i < 1<<20; i++ {
			if _, err := d.safeNext(); err == io.EOF {
				return
			}
		}
	}()
}

func (d *knakkDecoder) Close() error {
	if d.err == nil {
		d.err = errors.New("rdfio: decoder closed")
	}
	d.drain()
	return nil
}

// lineCol matches the "line:col" knakk puts in front of many messages.
var lineCol = regexp.MustCompile(`^(\d+):(\d+):? ?`)

// tokenNumber matches the bare token types knakk prints ("unexpected 6 as
// subject", "got 20").
var tokenNumber = regexp.MustCompile(`(unexpected|got) (\d+)`)

// knakkTokens names knakk's token types, in the order of its tokenType
// constants (lex.go).
var knakkTokens = []string{
	"end of input", "end of line", "error", "IRI", "relative IRI", "blank node",
	"literal", "long literal", "integer", "double", "decimal", "boolean",
	"'@'", "language tag", "'^^'", "'.'", "';'", "','", "'a'", "@prefix",
	"prefixed name", "local name", "@base", "PREFIX", "BASE", "'[]'", "'['",
	"']'", "'('", "')'",
}

// parseError turns a knakk error into a *ParseError with the best line
// known: the one in the message, the statement's line (line-based
// formats), or the parser's last token.
func (d *knakkDecoder) parseError(err error) *ParseError {
	msg := err.Error()
	line := 0
	if m := lineCol.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	if line == 0 && d.in.lineBased {
		line = d.in.statementLine(false)
	}
	if line == 0 {
		line = tokenLine(d.parser)
	}
	msg = tokenNumber.ReplaceAllStringFunc(msg, func(s string) string {
		m := tokenNumber.FindStringSubmatch(s)
		n, _ := strconv.Atoi(m[2])
		if n >= 0 && n < len(knakkTokens) {
			return m[1] + " " + knakkTokens[n]
		}
		return s
	})
	return &ParseError{Name: d.name, Line: line, Msg: msg}
}

// tokenLine returns the line of the token a knakk parser consumed last, or
// 0. knakk keeps it in unexported fields (tokens [n]token, peekCount int),
// which reflect can read but not change. If a later knakk renames them
// this returns 0 and messages lose only their line (the tests catch it).
func tokenLine(parser any) int {
	v := reflect.ValueOf(parser)
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return 0
	}
	toks, pc := v.FieldByName("tokens"), v.FieldByName("peekCount")
	if !toks.IsValid() || !pc.IsValid() || toks.Kind() != reflect.Array || pc.Kind() != reflect.Int {
		return 0
	}
	i := int(pc.Int())
	if i < 0 || i >= toks.Len() {
		return 0
	}
	tok := toks.Index(i)
	if tok.Kind() != reflect.Struct {
		return 0
	}
	line := tok.FieldByName("line")
	if !line.IsValid() || line.Kind() != reflect.Int {
		return 0
	}
	return int(line.Int())
}

// fromKnakk converts a knakk term.
func fromKnakk(t rdf.Term) (ontology.Term, error) {
	switch t := t.(type) {
	case rdf.IRI:
		return ontology.NewIRI(t.String()), nil
	case rdf.Blank:
		return ontology.NewBlank(t.String()), nil
	case rdf.Literal:
		if t.Lang() != "" {
			return ontology.NewLangString(t.String(), t.Lang()), nil
		}
		return ontology.NewTyped(t.String(), t.DataType.String()), nil
	case nil:
		return ontology.Term{}, nil
	}
	return ontology.Term{}, fmt.Errorf("unknown term type %T", t)
}

// fromKnakkQuad converts a knakk quad; a nil context, or the empty IRI
// (how the N-Quads decoder is told to mark the default graph), is the
// default graph.
func fromKnakkQuad(q rdf.Quad) (ontology.Quad, error) {
	var out ontology.Quad
	var err error
	if out.S, err = fromKnakk(q.Subj); err != nil {
		return out, err
	}
	if out.P, err = fromKnakk(q.Pred); err != nil {
		return out, err
	}
	if out.O, err = fromKnakk(q.Obj); err != nil {
		return out, err
	}
	if iri, ok := q.Ctx.(rdf.IRI); ok && iri.String() == "" {
		return out, nil
	}
	out.G, err = fromKnakk(q.Ctx)
	return out, err
}
