package graph

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"

	"github.com/dossier-archive/dossier/ontology"
)

func TestParseStore(t *testing.T) {
	for _, c := range []struct{ in, backend, addr, err string }{
		{"memory", "memory", "", ""},
		{"./dossier.db", "bolt", "dossier.db", ""},
		{"/var/lib/dossier/", "bolt", "/var/lib/dossier", ""},
		{"postgres://u:pw@db/dossier?sslmode=disable", "postgres", "postgres://u:pw@db/dossier?sslmode=disable", ""},
		{"postgresql://db/dossier", "postgres", "postgresql://db/dossier", ""},
		{"cockroach://root@node1:26257/dossier?sslmode=disable", "cockroach", "postgresql://root@node1:26257/dossier?sslmode=disable", ""},
		{"mysql://u:secret@db/x", "", "", `unknown store scheme "mysql" in "mysql://u:xxxxx@db/x"`},
		{"", "", "", "no store given"},
	} {
		b, a, err := parseStore(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("parseStore(%q): error %v, want one containing %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || b != c.backend || a != c.addr {
			t.Errorf("parseStore(%q) = %q, %q, %v; want %q, %q", c.in, b, a, err, c.backend, c.addr)
		}
	}
}

func TestOpenUnknownScheme(t *testing.T) {
	_, err := Open(context.Background(), Config{Store: "badger://x"})
	if err == nil || !strings.Contains(err.Error(), `unknown store scheme "badger"`) {
		t.Fatalf("got %v", err)
	}
}

func TestBoltRefusesOddPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), Config{Store: file}); err == nil || !strings.Contains(err.Error(), "is not a directory") {
		t.Errorf("file as store: %v", err)
	}
	if _, err := Open(context.Background(), Config{Store: dir}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("non-empty directory as store: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, boltFile)); !os.IsNotExist(err) {
		t.Errorf("a refused store left %s behind", boltFile)
	}
}

func TestBoltPersists(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "a", "b") // created with parents
	s, err := Open(ctx, Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	qs := synthetic(1, 10)["https://dossier.example.org/doc/0"]
	mustReplace(t, s, "https://dossier.example.org/doc/0", qs)
	before := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := dump(t, s); strings.Join(after, "\n") != strings.Join(before, "\n") || len(after) != 10 {
		t.Errorf("after reopening:\n%s\nwant:\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}
	if ch := mustReplace(t, s, "https://dossier.example.org/doc/0", qs); ch != (Changes{}) {
		t.Errorf("reloading after reopen changed %+v", ch)
	}
}

const holdLockEnv = "DOSSIER_TEST_HOLD_LOCK"

// holdLock runs in a child process: it opens the store named by the
// environment, says "ready", and keeps it open until stdin closes.
func holdLock() {
	s, err := Open(context.Background(), Config{Store: os.Getenv(holdLockEnv)})
	if err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("ready\n")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

// TestBoltInUse opens a store that another process holds. Bolt's lock is a
// flock per open file, so the other holder must be another process for the
// test to mean anything.
func TestBoltInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(context.Background(), Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdLockEnv+"="+dir)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		stdin.Close()
		cmd.Wait()
		t.Fatalf("child: %q", line)
	}

	start := time.Now()
	_, err = Open(context.Background(), Config{Store: dir})
	if err == nil || err.Error() != "store "+dir+" is in use by another process" {
		t.Errorf("opening a store in use: %v", err)
	}
	if d := time.Since(start); d > lockTimeout/2 {
		t.Errorf("refusing took %v; the lock check should answer at once", d)
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(context.Background(), Config{Store: dir})
	if err != nil {
		t.Fatalf("after the other process closed it: %v", err)
	}
	s.Close()
}

// TestBoltLockTimeout covers the race the lock check cannot: the lock is
// taken after the check. openBoltKV must then give up, not hang.
func TestBoltLockTimeout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(context.Background(), Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// s holds the flock; a second bolt open in this process uses another
	// file description, so it conflicts just as another process would.
	start := time.Now()
	_, err = openBoltKV(dir, nil)
	if err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("got %v", err)
	}
	if d := time.Since(start); d < lockTimeout/2 || d > 5*lockTimeout {
		t.Errorf("gave up after %v, want about %v", d, lockTimeout)
	}
}

func TestClosedStore(t *testing.T) {
	s, err := Open(context.Background(), Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.ReplaceGraph(context.Background(), ontology.NewIRI("http://x/g"), nil); err == nil {
		t.Error("ReplaceGraph on a closed store succeeded")
	}
	if _, err := s.Stats(context.Background()); err == nil {
		t.Error("Stats on a closed store succeeded")
	}
}

// TestBoltIndexesLabels: a new bolt store indexes quads by graph label, or
// finding a document's graph would scan the whole store.
func TestBoltIndexesLabels(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(context.Background(), Config{Store: dir})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := hbolt.Open(filepath.Join(dir, boltFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var meta []byte
	err = hkv.View(context.Background(), db, func(tx hkv.Tx) error {
		meta, err = tx.Get(context.Background(), hkv.Key{[]byte("meta"), []byte("indexes")})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Directions are stored as bytes: s=1, p=2, o=3, l=4.
	if want := `{"dirs":"BAE=","unique":false}`; !strings.Contains(string(meta), want) {
		t.Errorf("indexes %s, want one with %s", meta, want)
	}
	if ckv.DefaultQuadIndexes[0].Dirs[0] != quad.Subject || len(ckv.DefaultQuadIndexes) != 2 {
		t.Errorf("Cayley's default indexes were left changed: %v", ckv.DefaultQuadIndexes)
	}
}
