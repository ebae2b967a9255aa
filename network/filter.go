package network

import (
	"fmt"
	"strings"
	"time"
)

// Period is a span of days, both ends included. A zero end is open.
type Period struct {
	First, Last time.Time
}

// IsZero reports whether the period is unbounded (or unknown).
func (p Period) IsZero() bool { return p.First.IsZero() && p.Last.IsZero() }

// Overlaps reports whether p and q share a day; an open end reaches
// forever.
func (p Period) Overlaps(q Period) bool {
	return (p.Last.IsZero() || q.First.IsZero() || !q.First.After(p.Last)) &&
		(p.First.IsZero() || q.Last.IsZero() || !q.Last.Before(p.First))
}

func (p Period) String() string {
	f := func(t time.Time) string {
		if t.IsZero() {
			return "…"
		}
		return t.Format("2006-01-02")
	}
	return f(p.First) + "–" + f(p.Last)
}

// ParseDate reads a date as Dossier writes them (YYYY, YYYY-MM,
// YYYY-MM-DD, optionally with a time after 'T', which is ignored) or a span
// START/END of two such dates, and returns the days it covers: "1966" is
// 1966-01-01 to 1966-12-31.
func ParseDate(s string) (Period, error) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		p, err := ParseDate(a)
		if err != nil {
			return Period{}, err
		}
		q, err := ParseDate(b)
		if err != nil {
			return Period{}, err
		}
		if q.Last.Before(p.First) {
			return Period{}, fmt.Errorf("date span %q ends before it begins", s)
		}
		return Period{p.First, q.Last}, nil
	}
	if d, _, ok := strings.Cut(s, "T"); ok {
		s = d
	}
	for _, l := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if len(s) != len(l.layout) {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err != nil {
			break
		}
		return Period{t, l.next(t).AddDate(0, 0, -1)}, nil
	}
	return Period{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// Between returns the period from the first day of from to the last day of
// to (each YYYY, YYYY-MM or YYYY-MM-DD; "" leaves that end open).
func Between(from, to string) (Period, error) {
	var p Period
	if from != "" {
		f, err := ParseDate(from)
		if err != nil {
			return Period{}, fmt.Errorf("from: %w", err)
		}
		p.First = f.First
	}
	if to != "" {
		t, err := ParseDate(to)
		if err != nil {
			return Period{}, fmt.Errorf("to: %w", err)
		}
		p.Last = t.Last
	}
	if !p.First.IsZero() && !p.Last.IsZero() && p.Last.Before(p.First) {
		return Period{}, fmt.Errorf("period %s ends before it begins", p)
	}
	return p, nil
}

// Filter says which parts of the archive a projection reads.
type Filter struct {
	// Period keeps what is dated within it: documents by their date
	// (dcterms:date) for the co-mention and speaker projections; events
	// by their own date (sem:hasTimeStamp, or begin and end), else their
	// document's date, for the event projections. Anything undated is left
	// out when the period is bounded.
	Period Period
	// Documents keeps only these documents, by identifier
	// (dcterms:identifier) or IRI; empty keeps all.
	Documents []string
	// EventTypes keeps events of these types (Purge, Plenum, Meeting,
	// Publication, Other: an event of none of those), case aside, for the
	// event projections; empty keeps the projection's own (see
	// Projection.EventTypes).
	EventTypes []string
	// Kinds keeps nodes of these kinds; empty keeps persons and
	// organizations.
	Kinds []Kind
}

// String describes the filter in words, for titles and provenance; "" when
// it keeps everything.
func (f Filter) String() string {
	var parts []string
	if !f.Period.IsZero() {
		parts = append(parts, "dated "+f.Period.String())
	}
	if len(f.Documents) > 0 {
		parts = append(parts, "documents "+strings.Join(f.Documents, ", "))
	}
	if len(f.EventTypes) > 0 {
		parts = append(parts, "events "+strings.Join(f.EventTypes, ", "))
	}
	if len(f.Kinds) > 0 {
		k := make([]string, len(f.Kinds))
		for i, x := range f.Kinds {
			k[i] = strings.ToLower(string(x)) + "s"
		}
		parts = append(parts, strings.Join(k, " and ")+" only")
	}
	return strings.Join(parts, "; ")
}

func (f Filter) keepKind(k Kind) bool {
	if len(f.Kinds) == 0 {
		return k == Person || k == Organization
	}
	for _, x := range f.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

func (f Filter) keepDocument(iri, id string) bool {
	if len(f.Documents) == 0 {
		return true
	}
	for _, d := range f.Documents {
		if d == iri || d == id {
			return true
		}
	}
	return false
}

func (f Filter) keepDate(p Period) bool {
	if f.Period.IsZero() {
		return true
	}
	if p.IsZero() {
		return false
	}
	return f.Period.Overlaps(p)
}
