package extract_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/extract"
)

// The golden outputs pin the whole extraction, so that work on speed (or
// any refactoring) cannot change a single output unnoticed. For every
// document the project wrote (data/samples, testdata/events,
// testdata/heldout) testdata/golden holds the JSON contract as
// `dossier extract --format json` prints it. The development corpus
// (../shared/corpus) must not be copied into the project, so for its
// documents only SHA-256 digests of the outputs are kept, in
// testdata/golden/corpus.sha256.
//
// layers.sha256 holds, for every document, a digest of all layers,
// including those the JSON contract leaves out but the RDF mapping reads
// (paragraphs, sentences, turns, the names and titles of mentions,
// memberships, event triggers, header fields).
//
// After a change that is meant to alter the output, review the diff and
// regenerate with: go test ./extract -run TestGolden -update
var update = flag.Bool("update", false, "rewrite the golden outputs in testdata/golden")

const goldenDir = "testdata/golden"

// goldenDocument is one input of the golden test.
type goldenDocument struct {
	path   string // as read
	name   string // its key in testdata/golden: the path, slashes turned to '_'
	corpus bool   // from ../shared: only digests are kept
}

func goldenDocuments(t *testing.T) []goldenDocument {
	t.Helper()
	var out []goldenDocument
	add := func(pattern string, corpus bool) {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		for _, f := range files {
			if strings.HasSuffix(f, ".json") {
				continue
			}
			name := strings.TrimLeft(strings.ReplaceAll(filepath.ToSlash(f), "/", "_"), "._")
			out = append(out, goldenDocument{path: f, name: name, corpus: corpus})
		}
	}
	add(filepath.Join("..", "data", "samples", "*"), false)
	add(filepath.Join("testdata", "events", "*"), false)
	add(filepath.Join("testdata", "heldout", "*"), false)
	add(filepath.Join("..", "..", "shared", "corpus", "*.txt"), true)
	return out
}

// contractJSON is the document as the JSON contract prints it.
func contractJSON(t *testing.T, d *extract.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := extract.NewJSONEncoder(&buf, false).Encode(d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// layers prints every layer of a document, every field included.
func layers(d *extract.Document) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "meta %+v\n", d.Meta)
	fmt.Fprintf(&buf, "paragraphs %+v\n", d.Paragraphs)
	fmt.Fprintf(&buf, "sentences %+v\n", d.Sentences)
	fmt.Fprintf(&buf, "turns %+v\n", d.Turns)
	for _, m := range d.Mentions {
		fmt.Fprintf(&buf, "mention %+v\n", m)
	}
	for _, e := range d.Entities {
		fmt.Fprintf(&buf, "entity %+v\n", e)
	}
	for _, dt := range d.Dates {
		fmt.Fprintf(&buf, "date %+v\n", dt)
	}
	for _, ev := range d.Events {
		fmt.Fprintf(&buf, "event %+v\n", ev)
	}
	return buf.Bytes()
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// readDigests reads a file of "digest  name" lines.
func readDigests(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return map[string]string{}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("%s:%d: want \"digest  name\"", path, n)
		}
		out[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// writeDigests writes a digest file, keeping the entries of documents
// absent from this run (the corpus may be missing on this machine).
func writeDigests(t *testing.T, path string, old, now map[string]string) {
	t.Helper()
	merged := map[string]string{}
	for k, v := range old {
		merged[k] = v
	}
	for k, v := range now {
		merged[k] = v
	}
	names := make([]string, 0, len(merged))
	for k := range merged {
		names = append(names, k)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&buf, "%s  %s\n", merged[n], n)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGolden(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	docs := goldenDocuments(t)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	corpusFile := filepath.Join(goldenDir, "corpus.sha256")
	layersFile := filepath.Join(goldenDir, "layers.sha256")
	corpusWant := readDigests(t, corpusFile)
	layersWant := readDigests(t, layersFile)
	corpusGot := map[string]string{}
	layersGot := map[string]string{}
	for _, gd := range docs {
		b, err := os.ReadFile(gd.path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := x.Extract(filepath.Base(gd.path), b)
		if err != nil {
			t.Fatalf("%s: %v", gd.path, err)
		}
		got := contractJSON(t, d)
		if !json.Valid(got) {
			t.Fatalf("%s: output is not JSON", gd.path)
		}
		layersGot[gd.name] = digest(layers(d))
		if gd.corpus {
			corpusGot[gd.name] = digest(got)
			if !*update && corpusWant[gd.name] != corpusGot[gd.name] {
				t.Errorf("%s: JSON output changed (SHA-256 %s, want %s)", gd.path, corpusGot[gd.name], corpusWant[gd.name])
			}
		} else {
			file := filepath.Join(goldenDir, gd.name+".json")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(file); err != nil {
				t.Errorf("%s: %v (run with -update to create it)", gd.path, err)
			} else if !bytes.Equal(got, want) {
				t.Errorf("%s: JSON output differs from %s at byte %d", gd.path, file, firstDiff(got, want))
			}
		}
		if !*update && layersWant[gd.name] != layersGot[gd.name] {
			t.Errorf("%s: layers changed (SHA-256 %s, want %s)", gd.path, layersGot[gd.name], layersWant[gd.name])
		}
	}
	if *update {
		writeDigests(t, corpusFile, corpusWant, corpusGot)
		writeDigests(t, layersFile, layersWant, layersGot)
		return
	}
	if len(corpusGot) == 0 {
		t.Log("development corpus absent: its digests were not checked")
	}
}

// firstDiff is the offset of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
