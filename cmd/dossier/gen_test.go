package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gen writes the same archive for the same seed, which build then loads.
func TestGenWritesADeterministicArchive(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	out := mustDossier(t, "gen", "--docs", "12", "--seed", "3", "--out", a)
	if !strings.HasPrefix(out, "12 documents") {
		t.Errorf("gen printed %q", out)
	}
	mustDossier(t, "gen", "--docs", "12", "--seed", "3", "--out", b)
	files, err := filepath.Glob(filepath.Join(a, "0000", "*.txt"))
	if err != nil || len(files) != 12 {
		t.Fatalf("%d files (%v)", len(files), err)
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, "0000", filepath.Base(f)))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs of one seed (%v)", filepath.Base(f), err)
		}
	}
	store := filepath.Join(t.TempDir(), "store")
	if out := mustDossier(t, "--store", store, "build", a); !strings.HasPrefix(out, "12 documents (12 loaded") {
		t.Errorf("build printed %q", out)
	}
}

func TestGenNeedsAFolder(t *testing.T) {
	code, _, errs := dossier(t, "gen", "--docs", "3")
	if code == 0 || !strings.Contains(errs, "--out") {
		t.Errorf("exit %d, %q", code, errs)
	}
}
