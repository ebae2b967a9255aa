package sparql

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/dossier-archive/dossier/ontology"
)

// Grouping and aggregates. Each aggregate of the query gets a hidden
// variable slot; grouping fills it per group, so HAVING, the SELECT
// expressions and ORDER BY read aggregates like any variable.

type grouping struct {
	keys []groupKey
	aggs []*aggC
}

type groupKey struct {
	e    cexpr
	slot int
}

type aggC struct {
	name     string
	distinct bool
	star     bool
	arg      cexpr
	sep      string
	slot     int
}

func (c *compiler) aggregate(a *exprAgg) (cexpr, error) {
	if err := c.groupClause(); err != nil {
		return nil, err
	}
	ac := &aggC{name: a.name, distinct: a.distinct, star: a.star, sep: a.sep}
	if a.arg != nil {
		arg, err := c.expr(a.arg)
		if err != nil {
			return nil, err
		}
		ac.arg = arg
	}
	c.p.q.bnodes++
	ac.slot = c.slot(fmt.Sprintf(" agg%d", c.p.q.bnodes))
	c.aggs = append(c.aggs, ac)
	return ceAgg{slot: ac.slot}, nil
}

// aggState accumulates one aggregate over one group.
type aggState struct {
	c      *aggC
	seen   map[vkey]struct{} // DISTINCT (by row key for COUNT(DISTINCT *))
	rows   map[string]struct{}
	count  int64
	sum    number
	failed bool // a value could not be added: the result is unbound
	best   ontology.Term
	has    bool
	parts  []string
	lang   string
	mixed  bool
}

func newAggState(c *aggC) *aggState {
	s := &aggState{c: c, sum: number{kind: nInteger}}
	if c.distinct {
		s.seen = map[vkey]struct{}{}
		s.rows = map[string]struct{}{}
	}
	return s
}

func (s *aggState) add(e *evaluator, mu solution) error {
	if s.c.star {
		if s.seen != nil {
			k := rowKey(mu, e.p.named)
			if _, dup := s.rows[k]; dup {
				return nil
			}
			s.rows[k] = struct{}{}
		}
		s.count++
		return nil
	}
	if v, ok := s.c.arg.(ceVar); ok && s.c.name == "COUNT" {
		// COUNT(?x) needs no value, only whether there is one
		x := mu[v.slot]
		if !x.bound() {
			return nil
		}
		if s.seen != nil {
			k := keyOf(x)
			if _, dup := s.seen[k]; dup {
				return nil
			}
			s.seen[k] = struct{}{}
		}
		s.count++
		return nil
	}
	t, err := s.c.arg.eval(e, mu)
	if fatal(err) {
		return err
	}
	if err != nil {
		if s.c.name != "COUNT" && s.c.name != "SAMPLE" {
			s.failed = true
		}
		return nil
	}
	if s.seen != nil {
		k := vkey{t: t}
		if _, dup := s.seen[k]; dup {
			return nil
		}
		s.seen[k] = struct{}{}
	}
	s.count++
	switch s.c.name {
	case "SUM", "AVG":
		n, ok := parseNumber(t)
		if !ok {
			s.failed = true
			return nil
		}
		r, err := arith("+", s.sum, n)
		if err != nil {
			s.failed = true
			return nil
		}
		s.sum = r
	case "MIN", "MAX":
		if !s.has {
			s.best, s.has = t, true
			return nil
		}
		c := orderTerms(t, s.best)
		if s.c.name == "MIN" && c < 0 || s.c.name == "MAX" && c > 0 {
			s.best = t
		}
	case "SAMPLE":
		if !s.has {
			s.best, s.has = t, true
		}
	case "GROUP_CONCAT":
		if !isStringLit(t) {
			s.failed = true
			return nil
		}
		if len(s.parts) == 0 {
			s.lang = t.Lang
		} else if t.Lang != s.lang {
			s.mixed = true
		}
		s.parts = append(s.parts, t.Value)
	}
	return nil
}

func (s *aggState) result() (ontology.Term, bool) {
	switch s.c.name {
	case "COUNT":
		return ontology.NewTyped(fmt.Sprint(s.count), xsd+"integer"), true
	}
	if s.failed {
		return ontology.Term{}, false
	}
	switch s.c.name {
	case "SUM":
		return s.sum.term(), true
	case "AVG":
		if s.count == 0 {
			return number{kind: nInteger}.term(), true
		}
		r, err := arith("/", s.sum, number{kind: nInteger, i: s.count})
		if err != nil {
			return ontology.Term{}, false
		}
		return r.term(), true
	case "MIN", "MAX", "SAMPLE":
		return s.best, s.has
	case "GROUP_CONCAT":
		v := strings.Join(s.parts, s.c.sep)
		if s.lang != "" && !s.mixed {
			return ontology.NewLangString(v, s.lang), true
		}
		return ontology.NewString(v), true
	}
	return ontology.Term{}, false
}

// rowKey is a hashable form of the values of slots: the store node of a
// value from the store (its id, or its value hash on the SQL backends),
// the term of any other. (A slot holds store values or computed ones,
// never both for one term: constants are looked up in the store, so the
// two forms cannot split one term.)
func rowKey(mu solution, slots []int) string {
	var b []byte
	for _, s := range slots {
		b = appendKey(b, mu[s])
	}
	return string(b)
}

// appendKey appends an encoding of v that is unambiguous in a sequence:
// each form has its own tag and a fixed length or a terminator.
func appendKey(b []byte, v val) []byte {
	if !v.bound() {
		return append(b, 'u')
	}
	k := keyOf(v)
	switch {
	case k.node && k.hash.Valid():
		return append(append(b, 'h'), k.hash[:]...)
	case k.node && k.t.Value != "":
		// a node of another kind of store, by its printed key
		b = binary.AppendUvarint(append(b, 'k'), uint64(len(k.t.Value)))
		return append(b, k.t.Value...)
	case k.node:
		return binary.LittleEndian.AppendUint64(append(b, 'n'), k.id)
	}
	b = append(b, 't')
	b = k.t.AppendNTriples(b)
	return append(b, 0)
}
