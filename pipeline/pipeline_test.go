package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

func builder(t *testing.T) *Builder {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(context.Background(), graph.Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Builder{Extractor: x, Mapper: ontology.Mapper{}, Store: st, Workers: 2}
}

func docs(t *testing.T, files map[string]string) []corpus.Source {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	src, err := corpus.Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

const memo = "Washington, May 4, 1962.\n\nSecretary Rusk received Ambassador Dobrynin. They discussed Berlin.\n"

func TestBuildLoadsSkipsAndReplaces(t *testing.T) {
	b := builder(t)
	ctx := context.Background()
	src := docs(t, map[string]string{"a.txt": memo, "b.txt": "Tirana, 3 June 1961.\n\nEnver Hoxha spoke in Tirana.\n"})
	sum, err := b.Build(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 2 || sum.Loaded != 2 || sum.Unchanged != 0 || sum.Added == 0 || sum.Removed != 0 {
		t.Fatalf("first build: %+v", sum)
	}
	st, _ := b.Store.Stats(ctx)
	if st.Documents != 2 || st.Quads != sum.Added {
		t.Errorf("store after first build: %+v, summary %+v", st, sum)
	}
	again, err := b.Build(ctx, src)
	if err != nil || again.Unchanged != 2 || again.Loaded != 0 || again.Added != 0 {
		t.Fatalf("second build: %+v, %v", again, err)
	}
	// change one document: its graph is replaced, the other untouched
	if err := os.WriteFile(src[0].Path, []byte(strings.Replace(memo, "Berlin", "Cuba", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := b.Build(ctx, src)
	if err != nil || third.Loaded != 1 || third.Unchanged != 1 || third.Removed == 0 {
		t.Fatalf("third build: %+v, %v", third, err)
	}
	st3, _ := b.Store.Stats(ctx)
	if st3.Documents != 2 {
		t.Errorf("documents after replace: %d", st3.Documents)
	}
}

func TestBuildStopsBeforeWritingOnBadInput(t *testing.T) {
	b := builder(t)
	ctx := context.Background()
	src := docs(t, map[string]string{"a.txt": memo, "z.txt": "bad \xff byte"})
	_, err := b.Build(ctx, src)
	if !errors.Is(err, extract.ErrUTF8) || !strings.Contains(err.Error(), "z.txt:1:") {
		t.Fatalf("error: %v", err)
	}
	if st, _ := b.Store.Stats(ctx); st.Quads != 0 {
		t.Errorf("the store was written: %+v", st)
	}
	b.KeepGoing = true
	sum, err := b.Build(ctx, src)
	if err != nil || sum.Loaded != 1 || len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Error(), "z.txt") {
		t.Fatalf("keep going: %+v, %v", sum, err)
	}
}

func TestBuildRejectsTwoFilesWithOneID(t *testing.T) {
	b := builder(t)
	src := docs(t, map[string]string{"x/memo.txt": memo, "y/memo.md": memo})
	_, err := b.Build(context.Background(), src)
	if err == nil || !strings.Contains(err.Error(), `document ID "memo" is already taken`) {
		t.Fatalf("error: %v", err)
	}
}

// TestBuildNewBoltStore: the first build of a new bolt store goes through
// the bulk load, says when it writes the indexes, and gives the store the
// same content as a build into memory; later builds replace documents as
// usual.
func TestBuildNewBoltStore(t *testing.T) {
	ctx := context.Background()
	files := map[string]string{"a.txt": memo, "b.txt": "Tirana, 3 June 1961.\n\nEnver Hoxha spoke in Tirana.\n"}
	src := docs(t, files)
	mem := builder(t)
	if _, err := mem.Build(ctx, src); err != nil {
		t.Fatal(err)
	}
	b := builder(t)
	st, err := graph.Open(ctx, graph.Config{Store: t.TempDir() + "/store"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b.Store = st
	var events []string
	b.Progress = func(done, total int) { events = append(events, "progress") }
	b.Finishing = func() { events = append(events, "finishing") }
	sum, err := b.Build(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "progress progress finishing"; strings.Join(events, " ") != want {
		t.Errorf("callbacks %q, want %q", strings.Join(events, " "), want)
	}
	want, _ := mem.Store.Stats(ctx)
	got, _ := st.Stats(ctx)
	if got != want || sum.Added != want.Quads {
		t.Errorf("bolt store %+v (added %d), memory store %+v", got, sum.Added, want)
	}
	if err := os.WriteFile(src[1].Path, []byte("Tirana, 4 June 1961.\n\nMehmet Shehu spoke in Durrës.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := b.Build(ctx, src)
	if err != nil || again.Loaded != 1 || again.Unchanged != 1 || again.Removed == 0 {
		t.Fatalf("second build: %+v, %v", again, err)
	}
}
