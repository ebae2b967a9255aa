package data

import (
	"bufio"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// lexiconTable is one lexicon file read the way lexicon/README.md describes
// it: comment lines, a header, then rows of TAB-separated cells.
type lexiconTable struct {
	file     string
	comments []string
	header   []string
	rows     [][]string
	lines    []int // line number of each row, for error messages
}

func readLexicon(t *testing.T, name string) lexiconTable {
	t.Helper()
	f, err := Lexicons.Open("lexicon/" + name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	tab := lexiconTable{file: name}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if !utf8.ValidString(line) {
			t.Errorf("%s:%d: not UTF-8", name, n)
		}
		if strings.HasPrefix(line, "#") {
			if tab.header != nil {
				continue // a comment after the header is allowed and ignored
			}
			tab.comments = append(tab.comments, line)
			continue
		}
		if line == "" {
			t.Errorf("%s:%d: empty line", name, n)
			continue
		}
		cells := strings.Split(line, "\t")
		if tab.header == nil {
			tab.header = cells
			continue
		}
		tab.rows = append(tab.rows, cells)
		tab.lines = append(tab.lines, n)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return tab
}

// col returns the cell of row i under the named column ("" when omitted).
func (tab lexiconTable) col(i int, name string) string {
	j := slices.Index(tab.header, name)
	if j < 0 || j >= len(tab.rows[i]) {
		return ""
	}
	return tab.rows[i][j]
}

var lexiconFiles = map[string][]string{
	"persons.tsv":       {"name", "variants", "wikidata", "nationality", "born", "died", "description"},
	"places.tsv":        {"name", "kind", "variants", "wikidata", "country", "demonym"},
	"organizations.tsv": {"name", "kind", "variants", "wikidata", "country"},
	"titles.tsv":        {"title", "class"},
	"orgwords.tsv":      {"word", "position"},
	"givennames.tsv":    {"name", "origin"},
	"pinyin.tsv":        {"syllable"},
	"wadegiles.tsv":     {"wadegiles", "pinyin"},
	"nonnames.tsv":      {"word", "why"},
}

func TestLexiconFilesParse(t *testing.T) {
	entries, err := fs.ReadDir(Lexicons, "lexicon")
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for _, e := range entries {
		present[e.Name()] = true
	}
	for name := range lexiconFiles {
		if !present[name] {
			t.Errorf("lexicon/%s: missing", name)
		}
	}
	for name, want := range lexiconFiles {
		t.Run(name, func(t *testing.T) {
			tab := readLexicon(t, name)
			if len(tab.comments) == 0 || !strings.HasPrefix(tab.comments[0], "# source: ") {
				t.Errorf("%s: must begin with a '# source: ' comment line", name)
			}
			if !slices.Equal(tab.header, want) {
				t.Fatalf("%s: header %q, want %q", name, tab.header, want)
			}
			if len(tab.rows) == 0 {
				t.Fatalf("%s: no rows", name)
			}
			seen := map[string]int{}
			for i, row := range tab.rows {
				at := tab.lines[i]
				if len(row) > len(want) {
					t.Errorf("%s:%d: %d cells, header has %d", name, at, len(row), len(want))
				}
				if row[0] == "" {
					t.Errorf("%s:%d: empty key cell", name, at)
				}
				for _, cell := range row {
					if cell != strings.TrimSpace(cell) {
						t.Errorf("%s:%d: cell %q has surrounding space", name, at, cell)
					}
					if cell != "" && slices.Contains(strings.Split(cell, "|"), "") {
						t.Errorf("%s:%d: cell %q has an empty '|' value", name, at, cell)
					}
				}
				if prev, dup := seen[row[0]]; dup {
					t.Errorf("%s:%d: duplicate key %q (first at line %d)", name, at, row[0], prev)
				}
				seen[row[0]] = at
			}
		})
	}
}

var qidPattern = regexp.MustCompile(`^Q[0-9]+$`)

// TestLexiconNames checks that a written form names one entry only within
// persons, places and organizations, that Q-ids are well formed, and that
// a person's variant is never a bare surname.
func TestLexiconNames(t *testing.T) {
	for _, name := range []string{"persons.tsv", "places.tsv", "organizations.tsv"} {
		tab := readLexicon(t, name)
		owner := map[string]string{}
		qids := map[string]string{}
		for i := range tab.rows {
			key := tab.rows[i][0]
			at := tab.lines[i]
			forms := []string{key}
			if v := tab.col(i, "variants"); v != "" {
				forms = append(forms, strings.Split(v, "|")...)
			}
			for _, f := range forms {
				if o, ok := owner[f]; ok && o != key {
					t.Errorf("%s:%d: %q names both %q and %q", name, at, f, o, key)
				}
				owner[f] = key
				if name == "persons.tsv" && f != key && strings.Contains(key, " ") && !strings.Contains(f, " ") {
					t.Errorf("%s:%d: variant %q of %q is a single word", name, at, f, key)
				}
			}
			if q := tab.col(i, "wikidata"); q != "" {
				if !qidPattern.MatchString(q) {
					t.Errorf("%s:%d: wikidata %q is not a Q-id", name, at, q)
				}
				if o, ok := qids[q]; ok {
					t.Errorf("%s:%d: %s given to both %q and %q", name, at, q, o, key)
				}
				qids[q] = key
			}
		}
	}
}

func TestLexiconColumnValues(t *testing.T) {
	allowed := map[string]map[string][]string{
		"places.tsv":   {"kind": {"country", "former-country", "city", "province", "region", "continent", "sea", "island", "river", "mountain", "building", "other"}},
		"titles.tsv":   {"class": {"honorific", "office", "rank", "royal", "clergy", "academic"}},
		"orgwords.tsv": {"position": {"head", "any"}},
	}
	for name, cols := range allowed {
		tab := readLexicon(t, name)
		for colName, values := range cols {
			for i := range tab.rows {
				if v := tab.col(i, colName); !slices.Contains(values, v) {
					t.Errorf("%s:%d: %s %q not one of %v", name, tab.lines[i], colName, v, values)
				}
			}
		}
	}
	persons := readLexicon(t, "persons.tsv")
	for i := range persons.rows {
		for _, c := range []string{"born", "died"} {
			if v := persons.col(i, c); v != "" {
				if _, err := strconv.Atoi(v); err != nil {
					t.Errorf("persons.tsv:%d: %s %q is not a year", persons.lines[i], c, v)
				}
			}
		}
		if persons.col(i, "nationality") == "" {
			t.Errorf("persons.tsv:%d: %q has no nationality", persons.lines[i], persons.rows[i][0])
		}
	}
}

// TestRomanizationTables checks the two tables against each other: every
// pinyin reading in wadegiles.tsv is a syllable of pinyin.tsv, and a few
// hand-checked rows of the standard conversion table.
func TestRomanizationTables(t *testing.T) {
	py := readLexicon(t, "pinyin.tsv")
	syl := map[string]bool{}
	for i, row := range py.rows {
		for _, s := range strings.Split(row[0], "|") {
			if syl[s] {
				t.Errorf("pinyin.tsv:%d: %q listed twice", py.lines[i], s)
			}
			syl[s] = true
		}
	}
	if len(py.rows) < 400 || len(py.rows) > 430 {
		t.Errorf("pinyin.tsv: %d syllables, the inventory has about 410", len(py.rows))
	}
	wg := readLexicon(t, "wadegiles.tsv")
	first := map[string]string{}
	for i := range wg.rows {
		readings := strings.Split(wg.col(i, "pinyin"), "|")
		for _, p := range readings {
			if !syl[p] {
				t.Errorf("wadegiles.tsv:%d: %q -> %q, not a pinyin syllable", wg.lines[i], wg.rows[i][0], p)
			}
		}
		first[wg.rows[i][0]] = readings[0]
	}
	for wgs, want := range map[string]string{
		"ch'ing": "qing", "ching": "jing", "hsi": "xi", "jao": "rao", "kao": "gao",
		"shih": "shi", "tzu": "zi", "tzŭ": "zi", "ssu": "si", "chou": "zhou", "en": "en",
		"lai": "lai", "teng": "deng", "hsiao": "xiao", "p'ing": "ping", "ping": "bing",
		"mao": "mao", "tse": "ze", "tung": "dong", "jung": "rong", "chü": "ju", "hsüeh": "xue",
		"yü": "yu", "yu": "you", "kuo": "guo", "k'uo": "kuo", "lo": "luo", "chih": "zhi",
		"ch'ih": "chi", "jih": "ri", "erh": "er", "i": "yi", "yen": "yan", "chien": "jian",
		"ch’ien": "qian", "kuei": "gui", "ts'ao": "cao", "tsao": "zao",
	} {
		if got := first[wgs]; got != want {
			t.Errorf("wadegiles.tsv: %q -> %q, want %q", wgs, got, want)
		}
	}
}
