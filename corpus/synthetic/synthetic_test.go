package synthetic_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/corpus/synthetic"
	"github.com/dossier-archive/dossier/extract"
)

func generator(t testing.TB, seed uint64, docs int) *synthetic.Generator {
	t.Helper()
	g, err := synthetic.New(seed, docs)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// The same seed gives the same documents, whatever else was generated
// before and in whichever order; another seed gives others.
func TestDeterministic(t *testing.T) {
	a, b := generator(t, 3, 500), generator(t, 3, 500)
	for _, i := range []int{499, 0, 17} { // b in another order, after other documents
		b.Document(i + 1)
		if da, db := a.Document(i), b.Document(i); !bytes.Equal(da.Text, db.Text) || da.Name != db.Name {
			t.Errorf("document %d differs between two generators of one seed", i)
		}
	}
	if bytes.Equal(a.Document(5).Text, generator(t, 4, 500).Document(5).Text) {
		t.Error("seeds 3 and 4 gave the same document 5")
	}
}

// Every document is valid text of 2–30 KB in one of the three layouts, and
// the extractor reads its header: title and date always, the dateline's
// place in a memorandum, speaker turns in a record of conversation.
func TestLayoutsReadByTheExtractor(t *testing.T) {
	g := generator(t, 1, 300)
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[synthetic.Layout]int{}
	var total int
	for i := range 60 {
		d := g.Document(i)
		seen[d.Layout]++
		total += len(d.Text)
		if len(d.Text) < 2048 || len(d.Text) > 31<<10 {
			t.Errorf("%s: %d bytes", d.Name, len(d.Text))
		}
		if !utf8.Valid(d.Text) {
			t.Fatalf("%s: not UTF-8", d.Name)
		}
		if !strings.HasPrefix(d.Name, d.Layout.String()+"-") {
			t.Errorf("%s: name does not say the layout %s", d.Name, d.Layout)
		}
		doc, err := x.Extract(d.Name, d.Text)
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		m := doc.Meta
		if m.Title == "" || m.Date != d.Date {
			t.Errorf("%s (%s): title %q, date %q; want a title and the date %s", d.Name, d.Layout, m.Title, m.Date, d.Date)
		}
		switch d.Layout {
		case synthetic.Record:
			if len(doc.Turns) < 2 {
				t.Errorf("%s: %d speaker turns", d.Name, len(doc.Turns))
			}
			if !strings.Contains(m.Citation, "not an archival record") {
				t.Errorf("%s: the citation %q does not say it is synthetic", d.Name, m.Citation)
			}
		case synthetic.Memo:
			if m.Place == "" || m.Subject == "" || m.Classification == "" {
				t.Errorf("%s: place %q, subject %q, classification %q", d.Name, m.Place, m.Subject, m.Classification)
			}
		case synthetic.Report:
			if m.Place == "" || m.Classification == "" {
				t.Errorf("%s: place %q, classification %q", d.Name, m.Place, m.Classification)
			}
		}
		if len(doc.Entities) < 3 || len(doc.Dates) < 2 || len(doc.Events) < 1 {
			t.Errorf("%s: %d entities, %d dates, %d events", d.Name, len(doc.Entities), len(doc.Dates), len(doc.Events))
		}
	}
	for _, l := range []synthetic.Layout{synthetic.Record, synthetic.Memo, synthetic.Report} {
		if seen[l] == 0 {
			t.Errorf("no %s among 60 documents", l)
		}
	}
	if mean := total / 60; mean < 4000 || mean > 12000 {
		t.Errorf("mean size %d bytes, want the genre's 4–12 KB", mean)
	}
}

// People recur as in an archive: the most named person is in a large share
// of the documents, while most of the cast is named in few or none.
func TestZipfRepetition(t *testing.T) {
	const docs = 1000
	g := generator(t, 1, docs)
	count := make([]int, len(g.Cast()))
	for i := range docs {
		for _, p := range g.Document(i).People {
			count[p]++
		}
	}
	top, rare := 0, 0
	for _, c := range count {
		top = max(top, c)
		if c <= 2 {
			rare++
		}
	}
	if top < docs/5 {
		t.Errorf("the most named person is in %d of %d documents", top, docs)
	}
	if rare < len(count)/2 {
		t.Errorf("only %d of %d people are named in two documents or fewer", rare, len(count))
	}
	if count[0] < count[len(count)/2] {
		t.Errorf("the head of the cast (%d documents) is named less than its middle (%d)", count[0], count[len(count)/2])
	}
	real := 0
	for _, p := range g.Cast()[:20] {
		if p.Real {
			real++
		}
	}
	if real != 20 {
		t.Errorf("%d of the 20 central figures come from the lexicon's authority list", real)
	}
}

// WriteDir writes the archive in folders of a thousand, and the corpus
// walker finds every document.
func TestWriteDir(t *testing.T) {
	g := generator(t, 2, 1200)
	dir := t.TempDir()
	sum, err := g.WriteDir(context.Background(), dir, 1200)
	if err != nil {
		t.Fatal(err)
	}
	src, err := corpus.Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(src) != 1200 || sum.Documents != 1200 {
		t.Fatalf("wrote %d, found %d documents", sum.Documents, len(src))
	}
	var bytes int64
	for _, s := range src {
		bytes += s.Size
	}
	if bytes != sum.Bytes {
		t.Errorf("summary says %d bytes, the files hold %d", sum.Bytes, bytes)
	}
	d := g.Document(1100)
	got, err := os.ReadFile(filepath.Join(dir, "0001", d.Name))
	if err != nil || string(got) != string(d.Text) {
		t.Errorf("document 1100 is not in 0001/%s as generated (%v)", d.Name, err)
	}
}
