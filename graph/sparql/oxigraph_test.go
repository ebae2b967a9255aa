package sparql

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestOxigraph runs every query of testdata/queries on each data set in
// Dossier and in Oxigraph (an independent, complete SPARQL 1.1 engine, run
// with Node on the store's own export) and requires the same answers.
//
// Compared: the TSV results of SELECT as rows (sorted, unless the query's
// first line is "# ordered", when the order must agree too), ASK's
// boolean, and the N-Triples of CONSTRUCT and DESCRIBE as sorted lines.
// Normalized only what SPARQL leaves open: blank node labels, row order
// without ORDER BY, and the column order of SELECT *.
func TestOxigraph(t *testing.T) {
	node := oxigraph(t)
	files := queryFiles(t)
	for _, ds := range datasetDirs {
		t.Run(ds.name, func(t *testing.T) {
			d := loadDataset(t, ds.name)
			dir := t.TempDir()
			quads, merged := filepath.Join(dir, "quads.nq"), filepath.Join(dir, "merged.nt")
			if err := os.WriteFile(quads, []byte(d.quads), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(merged, []byte(d.merged), 0o644); err != nil {
				t.Fatal(err)
			}
			var reqs []request
			texts := map[string]string{}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				q, err := Parse(string(b))
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				texts[f] = string(b)
				reqs = append(reqs, request{Query: string(b), Form: q.Form.String()})
			}
			answers := askOxigraph(t, node, quads, merged, reqs)
			var empty []string
			// each query runs three times: on the memory store; with the
			// default graph's duplicate filter in its bounded-memory mode
			// from the start; on a bolt store holding the same quads. When
			// DOSSIER_TEST_POSTGRES is set, on PostgreSQL (Cayley's SQL
			// backend, whose nodes are value hashes), and there in the
			// bounded mode too (which orders graphs by node key) except on
			// the corpus, where its lookup per quad, one SQL query each,
			// would take a minute
			type mode struct {
				name, backend string
				limit         int
			}
			modes := []mode{{"", "memory", dedupLimit}, {"bounded", "memory", 0}, {"bolt", "bolt", dedupLimit}}
			if slices.Contains(backends(), "postgres") {
				modes = append(modes, mode{"postgres", "postgres", dedupLimit})
				if ds.name != "corpus" {
					modes = append(modes, mode{"postgres-bounded", "postgres", 0})
				}
			}
			for _, mode := range modes {
				st := d.on(t, mode.backend)
				saved := dedupLimit
				dedupLimit = mode.limit
				for i, f := range files {
					name := strings.TrimSuffix(filepath.Base(f), ".rq")
					if mode.name != "" {
						name = mode.name + "/" + name
					}
					t.Run(name, func(t *testing.T) {
						if answers[i].Result == nil {
							t.Fatalf("oxigraph failed: %s", answers[i].Error)
						}
						ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
						defer cancel()
						got, q, err := run(ctx, st, texts[f])
						if err != nil {
							t.Fatal(err)
						}
						want := strings.TrimSuffix(*answers[i].Result, "\n")
						ordered := strings.HasPrefix(texts[f], "# ordered")
						star := selectStar.MatchString(texts[f])
						g, w := normalize(got, q.Form, ordered, star), normalize(want, q.Form, ordered, star)
						if g != w {
							t.Errorf("%s on %s differs from Oxigraph\n--- dossier\n%s\n--- oxigraph\n%s\n--- diff\n%s", name, ds.name, clip(g), clip(w), diffLines(g, w))
						}
						if mode.name != "" {
							return
						}
						if lines := strings.Count(g, "\n"); q.Form == Select && lines == 0 || q.Form != Select && (g == "" || g == "false") {
							empty = append(empty, name)
						}
					})
				}
				dedupLimit = saved
			}
			t.Logf("%s: %d queries × %d store modes agree with Oxigraph; empty answers: %s", ds.name, len(files), len(modes), strings.Join(empty, " "))
		})
	}
}

var selectStar = regexp.MustCompile(`(?is)\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?\*`)

// oxigraph returns the path of node with Oxigraph installed in
// testdata/node (installing it with npm when node_modules is missing), or
// skips the test.
func oxigraph(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the comparison with Oxigraph is skipped")
	}
	if _, err := os.Stat("testdata/node/node_modules/oxigraph"); err == nil {
		return node
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed: the comparison with Oxigraph is skipped")
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = "testdata/node"
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("npm ci in testdata/node failed, the comparison with Oxigraph is skipped: %v\n%s", err, out)
	}
	return node
}

var blankLabel = regexp.MustCompile(`_:[A-Za-z0-9_\-.]*[A-Za-z0-9_\-]`)

// normalize makes two answers comparable: blank node labels are replaced,
// rows are sorted unless the order matters, and for SELECT * the columns
// are put in name order.
func normalize(s string, f Form, ordered, star bool) string {
	s = blankLabel.ReplaceAllString(s, "_:b")
	if f == Ask {
		return s
	}
	lines := strings.Split(s, "\n")
	if s == "" {
		lines = nil
	}
	if f != Select {
		sort.Strings(lines)
		return strings.Join(dedupStrings(lines), "\n")
	}
	if len(lines) == 0 {
		return ""
	}
	head, rows := lines[0], lines[1:]
	if star {
		cols := strings.Split(head, "\t")
		idx := make([]int, len(cols))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool { return cols[idx[a]] < cols[idx[b]] })
		reorder := func(line string) string {
			cells := strings.Split(line, "\t")
			out := make([]string, len(idx))
			for i, j := range idx {
				if j < len(cells) {
					out[i] = cells[j]
				}
			}
			return strings.Join(out, "\t")
		}
		head = reorder(head)
		for i, r := range rows {
			rows[i] = reorder(r)
		}
	}
	if !ordered {
		sort.Strings(rows)
	}
	return strings.Join(append([]string{head}, rows...), "\n")
}

func dedupStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "\n[...]"
	}
	return s
}

// diffLines lists the lines only one side has.
func diffLines(a, b string) string {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		count[l]--
	}
	var out []string
	for l, n := range count {
		switch {
		case n > 0:
			out = append(out, "dossier only: "+l)
		case n < 0:
			out = append(out, "oxigraph only: "+l)
		}
	}
	sort.Strings(out)
	return clip(strings.Join(out, "\n"))
}

// request is one query for testdata/node/run.js, answer its reply: the
// SPARQL results (TSV, or N-Triples for graphs) or Oxigraph's error.
type request struct {
	Query string `json:"query"`
	Form  string `json:"form"`
}

type answer struct {
	Result *string `json:"result"`
	Error  string  `json:"error"`
}

// askOxigraph runs reqs through Oxigraph (Node, testdata/node/run.js) on
// the N-Quads file quads, with merged as the default graph, and returns
// one answer per request.
func askOxigraph(t *testing.T, node, quads, merged string, reqs []request) []answer {
	t.Helper()
	in, _ := json.Marshal(reqs)
	cmd := exec.Command(node, "run.js", quads, merged)
	cmd.Dir = "testdata/node"
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oxigraph: %v\n%s", err, stderr.String())
	}
	var answers []answer
	if err := json.Unmarshal(out, &answers); err != nil || len(answers) != len(reqs) {
		t.Fatalf("oxigraph answered %d of %d queries: %v", len(answers), len(reqs), err)
	}
	return answers
}
