package archive

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/pipeline"
)

// samples builds the project's sample documents into a memory store.
func samples(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	src, err := corpus.Find([]string{filepath.Join("..", "data", "samples")})
	if err != nil {
		t.Fatal(err)
	}
	b := &pipeline.Builder{Extractor: x, Mapper: ontology.Mapper{}, Store: st}
	if _, err := b.Build(ctx, src); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestReadGivesBackTheDocument(t *testing.T) {
	st := samples(t)
	ctx := context.Background()
	docs, err := Documents(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("documents: %v", docs)
	}
	iri := ontology.DefaultBase + "document/zhou-pham-1966-11-20"
	d, err := Read(ctx, st, iri)
	if err != nil || d == nil {
		t.Fatalf("read: %v, %v", d, err)
	}
	if d.ID != "zhou-pham-1966-11-20" || d.Date != "1966-11-20" || !strings.HasPrefix(d.Text, "November 20, 1966") {
		t.Errorf("document: id %q date %q text %.20q", d.ID, d.Date, d.Text)
	}
	// every mention and date is the text at its offsets, as the extractor
	// saw it: NIF counts characters, and "Nhân" would break byte offsets
	if len(d.Mentions) < 20 || len(d.Dates) < 10 {
		t.Fatalf("%d mentions, %d dates", len(d.Mentions), len(d.Dates))
	}
	for _, m := range d.Mentions {
		if got := d.Str(m.Span); got != m.Anchor {
			t.Errorf("mention %q at %v reads %q", m.Anchor, m.Span, got)
		}
	}
	for _, dt := range d.Dates {
		if got := d.Str(dt.Span); got != dt.Anchor || dt.Value == "" {
			t.Errorf("date %q=%q at %v reads %q", dt.Anchor, dt.Value, dt.Span, got)
		}
	}
	// the purge of Peng Zhen and Lu Dingyi, with its sentence
	var purge *Event
	for _, ev := range d.Events {
		if ev.Stamp == "1966-05" {
			purge = ev
		}
	}
	if purge == nil || !purge.HasEvidence {
		t.Fatalf("no dated purge with evidence among %d events", len(d.Events))
	}
	var targets []string
	for _, iri := range purge.Targets {
		targets = append(targets, d.Label(iri))
	}
	if strings.Join(targets, ", ") != "Lu Dingyi, Peng Zhen" || !strings.Contains(d.Str(purge.Evidence), "dismissed Peng Zhen") {
		t.Errorf("purge: targets %v, evidence %q", targets, d.Str(purge.Evidence))
	}
	if s := d.SentenceOf(purge.Evidence); d.Str(s) != d.Str(purge.Evidence) {
		t.Errorf("the evidence is a sentence: %q", d.Str(s))
	}
	// speaker turns know their speakers
	if len(d.Turns) == 0 || d.Label(d.Turns[0].Speaker) != "Zhou Enlai" {
		t.Errorf("turns: %+v", d.Turns)
	}
	if missing, err := Read(ctx, st, ontology.DefaultBase+"document/nothing"); missing != nil || err != nil {
		t.Errorf("missing document: %v, %v", missing, err)
	}
}

func TestEachVisitsEveryDocumentInOrder(t *testing.T) {
	st := samples(t)
	var ids []string
	err := Each(context.Background(), st, func(d *Document) error {
		ids = append(ids, d.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids, " "); got != "frus-style-rusk-gromyko-1963 report-tirana-1961 zhou-pham-1966-11-20" {
		t.Errorf("documents: %s", got)
	}
}

func TestFold(t *testing.T) {
	for _, c := range [][2]string{{"Phạm  Văn Đồng", "pham van dong"}, {"Mëhilli", "mehilli"}, {"Łódź", "lodz"}} {
		if got := Fold(c[0]); got != c[1] {
			t.Errorf("Fold(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	if !LessFold("ćako", "Dulles") || LessFold("Zhou", "abe") {
		t.Error("LessFold ignores case and accents")
	}
}
