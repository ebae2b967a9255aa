package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindWalksFoldersInOrder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), "b")
	write(t, filepath.Join(dir, "a.md"), "a")
	write(t, filepath.Join(dir, "sub", "c.TXT"), "c")
	write(t, filepath.Join(dir, "notes.pdf"), "x")
	write(t, filepath.Join(dir, ".hidden", "d.txt"), "d")
	write(t, filepath.Join(dir, ".e.txt"), "e")
	write(t, filepath.Join(dir, "README.md"), "about this folder")
	write(t, filepath.Join(dir, "sub", "Sources.txt"), "where these come from")
	got, err := Find([]string{dir, filepath.Join(dir, "a.md")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		rel, _ := filepath.Rel(dir, s.Path)
		names = append(names, rel)
	}
	want := "a.md b.txt sub/c.TXT"
	if strings.Join(names, " ") != want {
		t.Fatalf("got %v, want %s", names, want)
	}
}

func TestFindExplicitFileAnyName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "memo.dat")
	write(t, p, "text")
	got, err := Find([]string{p})
	if err != nil || len(got) != 1 || got[0].Size != 4 {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestFindErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Find([]string{dir})
	if !errors.Is(err, ErrNoDocuments) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("empty folder: %v", err)
	}
	missing := filepath.Join(dir, "missing.txt")
	_, err = Find([]string{missing})
	if err == nil || !strings.HasPrefix(err.Error(), missing+": ") {
		t.Fatalf("missing file: %v", err)
	}
}
