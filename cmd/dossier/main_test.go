package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dossier runs the command line in-process and returns its exit status,
// standard output and standard error.
func dossier(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// mustDossier runs the command line and fails the test on a non-zero exit.
func mustDossier(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := dossier(t, args...)
	if code != 0 {
		t.Fatalf("dossier %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// samples copies the project's sample documents into a fresh folder.
func samples(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..", "data", "samples")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type counts struct {
	Documents, Persons, Organizations, Places, Events, Quads, Triples int
}

func stats(t *testing.T, store string) counts {
	t.Helper()
	var c counts
	if err := json.Unmarshal([]byte(mustDossier(t, "--store", store, "stats", "--json")), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// dump is the store's N-Quads export, lines sorted.
func dump(t *testing.T, store string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(mustDossier(t, "--store", store, "export", "--format", "nquads")), "\n")
	sort.Strings(lines)
	return lines
}

func TestBuildSamplesMatchesGolden(t *testing.T) {
	store := filepath.Join(t.TempDir(), "db")
	out := mustDossier(t, "--store", store, "build", samples(t))
	if !strings.Contains(out, "3 documents (3 loaded") {
		t.Errorf("summary: %s", out)
	}
	got := strings.Join(dump(t, store), "\n") + "\n"
	golden := filepath.Join("testdata", "samples.nq")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/dossier -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("export differs from %s (review, then go test ./cmd/dossier -run Golden -update):\n%s", golden, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestBuildTwiceAndReplace(t *testing.T) {
	dir := samples(t)
	store := filepath.Join(t.TempDir(), "db")
	mustDossier(t, "--store", store, "build", dir)
	first := stats(t, store)
	before := dump(t, store)
	out := mustDossier(t, "--store", store, "build", dir)
	if !strings.Contains(out, "3 unchanged") {
		t.Errorf("second build: %s", out)
	}
	if again := stats(t, store); again != first {
		t.Errorf("building twice changed the counts: %+v then %+v", first, again)
	}
	if after := dump(t, store); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Error("building twice changed the store")
	}
	// a changed document has its graph replaced: the store then equals a
	// fresh build of the changed folder
	p := filepath.Join(dir, "report-tirana-1961.txt")
	b, _ := os.ReadFile(p)
	changed := strings.Replace(string(b), "Ramiz Alia", "Hysni Kapo", 1)
	if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	mustDossier(t, "--store", store, "build", dir)
	fresh := filepath.Join(t.TempDir(), "fresh")
	mustDossier(t, "--store", fresh, "build", dir)
	if a, b := dump(t, store), dump(t, fresh); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("rebuilding a changed document differs from a fresh build: %s", firstDiff(strings.Join(b, "\n"), strings.Join(a, "\n")))
	}
}

func TestExportValidatesWithRapper(t *testing.T) {
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Skip("rapper (raptor2-utils) not installed")
	}
	store := filepath.Join(t.TempDir(), "db")
	mustDossier(t, "--store", store, "build", samples(t))
	c := stats(t, store)
	for _, f := range []struct {
		format, syntax string
		want           int
	}{{"turtle", "turtle", c.Triples}, {"ntriples", "ntriples", c.Triples}, {"nquads", "nquads", c.Quads}} {
		path := filepath.Join(t.TempDir(), "g."+f.format)
		mustDossier(t, "--store", store, "export", "--format", f.format, "-o", path)
		out, err := exec.Command("rapper", "-i", f.syntax, "-c", path).CombinedOutput()
		if err != nil {
			t.Fatalf("rapper rejected the %s export: %v\n%s", f.format, err, out)
		}
		m := regexp.MustCompile(`returned (\d+) triples`).FindSubmatch(out)
		if m == nil || string(m[1]) != itoa(f.want) {
			t.Errorf("%s: rapper counted %s, stats say %d", f.format, m, f.want)
		}
	}
}

// TestBadInputLeavesStoreUnchanged feeds every kind of bad input and
// checks the one-line error, the exit status and the store.
// TestInterruptedBuildIsDiscarded: a store still marked as being loaded
// in bulk (its build's process ended before the load did; here the mark
// is made by hand) is emptied by the next command, which says so, and a
// build then gives the same store as a build that was never interrupted.
func TestInterruptedBuildIsDiscarded(t *testing.T) {
	dir := samples(t)
	store := filepath.Join(t.TempDir(), "db")
	mustDossier(t, "--store", store, "build", dir)
	want := dump(t, store)
	if err := os.Mkdir(filepath.Join(store, "bulk-load"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errs := dossier(t, "--store", store, "stats", "--json")
	if code != 0 || !strings.Contains(errs, "has been emptied") || !strings.Contains(out, `"quads": 0`) {
		t.Fatalf("stats after an interrupted build: exit %d\n%s\n%s", code, out, errs)
	}
	mustDossier(t, "--store", store, "build", dir)
	if got := dump(t, store); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("built again, the store differs: %s", firstDiff(strings.Join(want, "\n"), strings.Join(got, "\n")))
	}
}

func TestBadInputLeavesStoreUnchanged(t *testing.T) {
	store := filepath.Join(t.TempDir(), "db")
	mustDossier(t, "--store", store, "build", samples(t))
	before := dump(t, store)

	bad := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(bad, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Comrade Enver Hoxha met Mehmet Shehu in Tirana on 3 May 1961.\n"))
	binary := write("scan.txt", []byte("PK\x03\x04\x00\x00binary"))
	latin1 := write("latin1.txt", []byte("Line one\nHito \xc7ako\n"))
	empty := write("empty.txt", []byte("  \n"))
	ttl := write("broken.ttl", []byte("@prefix ex: <http://example.org/> .\nex:a ex:b \"ok\" .\nex:c ex:d \"unterminated .\n"))
	emptyDir := t.TempDir()

	cases := []struct {
		name string
		args []string
		want string // in the error line
	}{
		{"binary", []string{"build", good, binary}, binary + ":1: not a text document"},
		{"invalid UTF-8", []string{"build", good, latin1}, latin1 + ":2: not valid UTF-8"},
		{"empty", []string{"build", empty}, empty + ": empty document"},
		{"missing", []string{"build", filepath.Join(bad, "missing.txt")}, "missing.txt: no such file or directory"},
		{"no documents", []string{"build", emptyDir}, emptyDir + ": no documents"},
		{"malformed turtle", []string{"import", ttl}, ttl + ":3:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := dossier(t, append([]string{"--store", store}, c.args...)...)
			if code == 0 {
				t.Fatal("exit status 0")
			}
			if lines := strings.Split(strings.TrimSpace(errs), "\n"); len(lines) != 1 {
				t.Errorf("want a one-line error, got %q", errs)
			}
			if !strings.Contains(errs, c.want) {
				t.Errorf("error %q does not contain %q", errs, c.want)
			}
			if after := dump(t, store); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Error("the store changed")
			}
		})
	}

	if err := os.Chmod(good, 0); err == nil && os.Geteuid() != 0 {
		code, _, errs := dossier(t, "--store", store, "build", good)
		if code == 0 || !strings.Contains(errs, good) {
			t.Errorf("unreadable file: exit %d, %q", code, errs)
		}
		_ = os.Chmod(good, 0o644)
	}

	// --keep-going loads the good file, names the bad ones, and exits 2
	code, out, errs := dossier(t, "--store", store, "build", "--keep-going", good, binary, latin1)
	if code != 2 {
		t.Errorf("--keep-going: exit %d, want 2\n%s", code, errs)
	}
	if !strings.Contains(out, "1 loaded") || !strings.Contains(errs, binary) || !strings.Contains(errs, latin1) {
		t.Errorf("--keep-going output:\n%s\n%s", out, errs)
	}
}

func TestQuery(t *testing.T) {
	store := filepath.Join(t.TempDir(), "db")
	mustDossier(t, "--store", store, "build", samples(t))
	out := mustDossier(t, "--store", store, "query",
		`g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://schema.org/Person>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	found := false
	for _, r := range rows {
		if r["id"] == "Zhou Enlai" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Zhou Enlai among the people's labels: %s", out)
	}

	code, _, errs := dossier(t, "--store", store, "query", `g.V(.All()`)
	if code != 1 || !strings.Contains(errs, "SyntaxError") {
		t.Errorf("bad query: exit %d, %q", code, errs)
	}
	code, _, errs = dossier(t, "--store", store, "query", "--timeout", "300ms", `while(true){}`)
	if code != 1 || !strings.Contains(errs, "deadline") {
		t.Errorf("runaway query: exit %d, %q", code, errs)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "db")
	// literals that break careless writers: quotes, backslashes, newlines,
	// tabs and names with diacritics
	ttl := `@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:cako rdfs:label "Hito \u00c7ako" ;
    ex:note "He said \"no\"\nthen left\\" ;
    ex:tab "a\tb" ;
    ex:translator "Elidor M\u00ebhilli"@sq .
ex:page\?id\=3 ex:see <http://example.org/letter(1)> .
`
	in := filepath.Join(dir, "authority.ttl")
	if err := os.WriteFile(in, []byte(ttl), 0o644); err != nil {
		t.Fatal(err)
	}
	mustDossier(t, "--store", store, "import", in)
	first := dump(t, store)
	if len(first) != 5 {
		t.Fatalf("imported %d quads, want 5:\n%s", len(first), strings.Join(first, "\n"))
	}
	for _, want := range []string{`"Hito Çako"`, `"Elidor Mëhilli"@sq`, `"He said \"no\"\nthen left\\"`, `"a\tb"`} {
		if !strings.Contains(strings.Join(first, "\n"), want) {
			t.Errorf("export lacks %s:\n%s", want, strings.Join(first, "\n"))
		}
	}
	// Turtle out, into a fresh store, and out again: the same statements
	ttlOut := filepath.Join(dir, "out.ttl")
	mustDossier(t, "--store", store, "export", "--format", "turtle", "-o", ttlOut)
	store2 := filepath.Join(dir, "db2")
	mustDossier(t, "--store", store2, "import", "--graph", graphOf(first[0]), ttlOut)
	if second := dump(t, store2); strings.Join(second, "\n") != strings.Join(first, "\n") {
		t.Errorf("round trip changed the data:\n%s", firstDiff(strings.Join(first, "\n"), strings.Join(second, "\n")))
	}
	// remove takes the file's graph out again
	mustDossier(t, "--store", store, "remove", "authority")
	if c := stats(t, store); c.Quads != 0 {
		t.Errorf("after remove: %+v", c)
	}
	if code, _, _ := dossier(t, "--store", store, "remove", "authority"); code == 0 {
		t.Error("removing a missing document succeeded")
	}
}

// graphOf returns the graph IRI of an N-Quads line.
func graphOf(line string) string {
	i := strings.LastIndex(line, " <")
	return strings.TrimSuffix(strings.TrimSuffix(line[i+2:], " ."), ">")
}

func TestExtractJSON(t *testing.T) {
	out := mustDossier(t, "extract", "--format", "json", filepath.Join("..", "..", "data", "samples", "zhou-pham-1966-11-20.md"))
	var doc struct {
		Document struct{ ID, Date string }
		Entities []struct {
			Type, Name string
			Mentions   []struct {
				Text       string
				Start, End int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Document.ID != "zhou-pham-1966-11-20" || doc.Document.Date != "1966-11-20" {
		t.Errorf("document: %+v", doc.Document)
	}
	text, _ := os.ReadFile(filepath.Join("..", "..", "data", "samples", "zhou-pham-1966-11-20.md"))
	runes := []rune(string(text))
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.End > len(runes) || string(runes[m.Start:m.End]) != m.Text {
				t.Errorf("%s: mention %q at %d-%d is not the text there", e.Name, m.Text, m.Start, m.End)
			}
		}
	}
}
