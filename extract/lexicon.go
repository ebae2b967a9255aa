package extract

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-archive/dossier/data"
)

// Lexicon is the knowledge the extractor reads from data/lexicon: titles,
// places, organizations, authority lists, romanization tables. The format
// of its files is documented in data/lexicon/README.md; a Lexicon is built
// once and only read afterwards, so one may serve many goroutines.
type Lexicon struct {
	// Entries are the named things of the authority lists: persons,
	// places and organizations, in the order read.
	Entries []Named
	// Files names the files read, in order, for messages and provenance.
	Files []string

	phrases  map[string][]int // folded phrase key → indices into Entries
	formCase map[string]uint8 // folded phrase key → caseCaps|caseMixed: how its forms are printed
	maxWords map[string]int   // folded first word → most words of a phrase it begins
	// prefixes holds the keys of two or more words that begin a longer
	// phrase: a search for the longest phrase stops where its words begin
	// none, instead of looking up every length up to maxWords
	prefixes map[string]bool

	titles   map[string]string // folded title phrase → class
	titleMax map[string]int    // folded first word → most words of a title it begins

	orgWords     map[string]string // folded word or phrase → position (head, any)
	orgMax       map[string]int
	placeWords   map[string]string // folded word or phrase → position
	placeMax     map[string]int
	words        map[string]bool   // common English words (lower case)
	givenNames   map[string]string // folded given name → origin
	surnames     map[string]string // folded surname → origin
	pinyin       map[string]bool
	wadeGiles    map[string][]string
	nonNames     map[string]string // folded word or phrase → why
	nonNameMax   map[string]int    // folded first word → most words of a non-name phrase it begins
	nonNameMixed map[string]bool   // the non-name has a form not in capitals (else it is an abbreviation: "NIE")
	demonyms     map[string]int    // folded demonym → index of the place entry
	persSur      map[string][]int  // folded last word of a person's forms → entries
	// info gathers, per folded word, which tables have an entry that
	// begins with it (the hints of mentions.go): one look-up per word.
	info map[string]uint8
}

// Named is one entry of an authority list (persons.tsv, places.tsv,
// organizations.tsv).
type Named struct {
	Type     EntityType
	Name     string   // canonical name
	Variants []string // other forms: spellings, romanizations, abbreviations
	Wikidata string   // Q-id, "" when unknown
	Kind     string   // places and organizations: country, city, party, ...
	// Country is where a place lies or an organization belongs;
	// Nationality a person's.
	Country     string
	Nationality string
	Demonym     string // places: "Albanian" for Albania
	Born, Died  int    // persons: years, 0 when unknown
	Description string
	File        string // the file it was read from
}

// WikidataIRI returns the entry's Wikidata IRI, or "".
func (n *Named) WikidataIRI() string {
	if n.Wikidata == "" {
		return ""
	}
	return "http://www.wikidata.org/entity/" + n.Wikidata
}

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon {
	return &Lexicon{
		phrases: map[string][]int{}, formCase: map[string]uint8{}, maxWords: map[string]int{}, prefixes: map[string]bool{},
		titles: map[string]string{}, titleMax: map[string]int{},
		orgWords: map[string]string{}, orgMax: map[string]int{},
		placeWords: map[string]string{}, placeMax: map[string]int{}, words: map[string]bool{},
		givenNames: map[string]string{}, surnames: map[string]string{},
		pinyin: map[string]bool{}, wadeGiles: map[string][]string{},
		nonNames: map[string]string{}, nonNameMixed: map[string]bool{}, nonNameMax: map[string]int{}, demonyms: map[string]int{},
		persSur: map[string][]int{}, info: map[string]uint8{},
	}
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// DefaultLexicon loads the lexicons embedded in the binary. It is read
// once per process; the result is shared and must not be changed (use
// NewDefaultLexicon for a copy to extend).
func DefaultLexicon() (*Lexicon, error) {
	defaultOnce.Do(func() { defaultLex, defaultErr = NewDefaultLexicon() })
	return defaultLex, defaultErr
}

// NewDefaultLexicon reads the embedded lexicons into a new Lexicon.
func NewDefaultLexicon() (*Lexicon, error) {
	l := NewLexicon()
	if err := l.LoadFS(data.Lexicons, "lexicon"); err != nil {
		return nil, err
	}
	return l, nil
}

// WithLexiconFiles adds the user's lexicon files to the built-in ones. Each
// file has the format of data/lexicon and its name ends with the name of
// the built-in file it extends ("albania.persons.tsv", "my-titles.tsv").
// They are read after the built-in files, in order, so an entry may add a
// variant to a known person or give it another canonical name.
func WithLexiconFiles(paths ...string) Option {
	return func(x *Extractor) error {
		if len(paths) == 0 {
			return nil
		}
		var l *Lexicon
		if x.lex != nil {
			l = x.lex.clone()
		} else {
			var err error
			if l, err = NewDefaultLexicon(); err != nil {
				return err
			}
		}
		for _, p := range paths {
			if err := l.LoadFile(p); err != nil {
				return err
			}
		}
		x.lex = l
		return nil
	}
}

// LoadFS reads the *.tsv files of dir in fsys whose names end with a
// kind of lexicon (persons.tsv, titles.tsv, ...), the syllable tables and
// places first, then the others in name order. Files of other kinds are
// left to the stages that use them. A missing dir is not an error: the
// extractor then knows only its rules.
func (l *Lexicon) LoadFS(fsys fs.FS, dir string) error {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		// other stages keep their own tables here too (events.tsv): only
		// the kinds of names are read
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tsv") && lexiconKind(e.Name()) != "" {
			names = append(names, e.Name())
		}
	}
	// the syllable tables first: the name files are read with them
	sort.Slice(names, func(i, j int) bool {
		ri, rj := loadRank(names[i]), loadRank(names[j])
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		f, err := fsys.Open(path.Join(dir, n))
		if err != nil {
			return err
		}
		err = l.Load(path.Join(dir, n), f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func loadRank(name string) int {
	switch lexiconKind(name) {
	case "pinyin", "wadegiles", "places":
		return 0
	}
	return 1
}

// LoadFile reads one lexicon file from disk.
func (l *Lexicon) LoadFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	return l.Load(p, f)
}

// lexiconKinds are the file kinds, by the ending of the file name.
var lexiconKinds = []string{"persons", "places", "organizations", "titles", "orgwords",
	"placewords", "givennames", "surnames", "pinyin", "wadegiles", "nonnames", "words"}

func lexiconKind(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), ".tsv")
	for _, k := range lexiconKinds {
		if base == k || strings.HasSuffix(base, "."+k) || strings.HasSuffix(base, "-"+k) || strings.HasSuffix(base, "_"+k) {
			return k
		}
	}
	return ""
}

// LexiconError says which lexicon file and line is wrong.
type LexiconError struct {
	File string
	Line int
	Msg  string
}

func (e *LexiconError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("lexicon %s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("lexicon %s: %s", e.File, e.Msg)
}

// Load reads one lexicon file; its kind comes from its name. Nothing is
// added to the lexicon unless the whole file reads cleanly.
func (l *Lexicon) Load(name string, r io.Reader) error {
	kind := lexiconKind(name)
	if kind == "" {
		return &LexiconError{File: name, Msg: "unknown kind of lexicon file: its name must end with one of " + strings.Join(lexiconKinds, ", ") + " (.tsv)"}
	}
	rows, err := readTSV(name, r)
	if err != nil {
		return err
	}
	need := map[string][]string{
		"persons": {"name"}, "places": {"name"}, "organizations": {"name"},
		"titles": {"title"}, "orgwords": {"word"}, "givennames": {"name"}, "surnames": {"name"},
		"pinyin": {"syllable"}, "wadegiles": {"wadegiles", "pinyin"}, "nonnames": {"word"},
		"placewords": {"word"}, "words": {"word"},
	}[kind]
	for _, c := range need {
		if _, ok := rows.col[c]; !ok {
			return &LexiconError{File: name, Line: rows.headerLine, Msg: fmt.Sprintf("missing column %q in header", c)}
		}
	}
	var entries []Named
	for _, row := range rows.rows {
		get := func(c string) string { return rows.get(row, c) }
		switch kind {
		case "persons", "places", "organizations":
			n := Named{Name: get("name"), Variants: splitBar(get("variants")), Wikidata: get("wikidata"),
				Kind: get("kind"), Country: get("country"), Nationality: get("nationality"),
				Demonym: get("demonym"), Description: get("description"), File: name}
			n.Type = map[string]EntityType{"persons": Person, "places": Place, "organizations": Organization}[kind]
			if n.Name == "" {
				return &LexiconError{File: name, Line: row.line, Msg: "empty name"}
			}
			if n.Wikidata != "" && !validQID(n.Wikidata) {
				return &LexiconError{File: name, Line: row.line, Msg: fmt.Sprintf("wikidata %q is not a Q-id", n.Wikidata)}
			}
			for _, y := range []struct {
				col string
				dst *int
			}{{"born", &n.Born}, {"died", &n.Died}} {
				if v := get(y.col); v != "" {
					yr, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil {
						return &LexiconError{File: name, Line: row.line, Msg: fmt.Sprintf("%s %q is not a year", y.col, v)}
					}
					*y.dst = yr
				}
			}
			entries = append(entries, n)
		}
	}
	// the file read cleanly: add it
	for _, row := range rows.rows {
		get := func(c string) string { return rows.get(row, c) }
		switch kind {
		case "titles":
			for _, t := range splitBar(get("title")) {
				k, n := phraseKey(t)
				if k == "" {
					continue
				}
				l.titles[k] = get("class")
				l.addPrefixes(k)
				fw := firstKeyWord(k)
				l.titleMax[fw] = max(l.titleMax[fw], n)
				l.info[fw] |= hTitle
			}
		case "orgwords":
			for _, w := range splitBar(get("word")) {
				k, n := phraseKey(w)
				if k == "" {
					continue
				}
				pos := get("position")
				if pos == "" {
					pos = "head"
				}
				l.orgWords[k] = pos
				l.addPrefixes(k)
				fw := firstKeyWord(k)
				l.orgMax[fw] = max(l.orgMax[fw], n)
				l.info[fw] |= hOrg
			}
		case "placewords":
			for _, w := range splitBar(get("word")) {
				k, n := phraseKey(w)
				if k == "" {
					continue
				}
				l.placeWords[k] = get("position")
				l.addPrefixes(k)
				fw := firstKeyWord(k)
				l.placeMax[fw] = max(l.placeMax[fw], n)
				l.info[fw] |= hPlace
			}
		case "words":
			for _, w := range splitBar(get("word")) {
				l.words[keyOf(w)] = true
				l.info[keyOf(w)] |= hCommon
			}
		case "givennames":
			for _, w := range splitBar(get("name")) {
				l.givenNames[keyOf(w)] = get("origin")
			}
		case "surnames":
			for _, w := range splitBar(get("name")) {
				l.surnames[keyOf(w)] = get("origin")
			}
		case "pinyin":
			for _, w := range splitBar(get("syllable")) {
				l.pinyin[keyOf(w)] = true
			}
		case "wadegiles":
			k := keyOf(get("wadegiles"))
			l.wadeGiles[k] = append(l.wadeGiles[k], splitBar(get("pinyin"))...)
		case "nonnames":
			for _, w := range splitBar(get("word")) {
				k, n := phraseKey(w)
				l.nonNames[k] = get("why")
				if n > 1 {
					l.addPrefixes(k)
					fw := firstKeyWord(k)
					l.nonNameMax[fw] = max(l.nonNameMax[fw], n)
					l.info[fw] |= hNonName
				}
				if !allCapsWord(w) || strings.Contains(w, " ") {
					l.nonNameMixed[k] = true
				}
			}
		}
	}
	for _, n := range entries {
		l.add(n)
	}
	l.Files = append(l.Files, name)
	return nil
}

// addPrefixes adds the beginnings of two words or more of the phrase key
// k to l.prefixes: "a b" and "a b c" of "a b c d". The searches for the
// longest phrase of every table share the set: a beginning of a phrase
// of another table only lets a search go on a word further.
func (l *Lexicon) addPrefixes(k string) {
	p := strings.IndexByte(k, ' ') + 1
	if p == 0 {
		return
	}
	for p < len(k) {
		q := strings.IndexByte(k[p:], ' ')
		if q < 0 {
			break
		}
		l.prefixes[k[:p+q]] = true
		p += q + 1
	}
}

func firstKeyWord(k string) string {
	if i := strings.IndexByte(k, ' '); i >= 0 {
		return k[:i]
	}
	return k
}

func validQID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func splitBar(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// add puts an entry into the indices. An entry whose canonical name is
// already known for its type (as a name or a variant) overrides that
// entry: later files (the user's) win.
func (l *Lexicon) add(n Named) {
	nameKey, _ := phraseKey(n.Name)
	for _, i := range l.phrases[nameKey] {
		old := &l.Entries[i]
		if old.Type != n.Type {
			continue
		}
		// merge into the existing entry; the new canonical name wins
		if k, _ := phraseKey(old.Name); k != nameKey {
			n.Variants = append(n.Variants, old.Name)
		}
		n.Variants = append(n.Variants, old.Variants...)
		if n.Wikidata == "" {
			n.Wikidata = old.Wikidata
		}
		for _, f := range []struct{ dst, src *string }{{&n.Kind, &old.Kind}, {&n.Country, &old.Country},
			{&n.Nationality, &old.Nationality}, {&n.Demonym, &old.Demonym}, {&n.Description, &old.Description}} {
			if *f.dst == "" {
				*f.dst = *f.src
			}
		}
		if n.Born == 0 {
			n.Born = old.Born
		}
		if n.Died == 0 {
			n.Died = old.Died
		}
		*old = n
		l.index(i)
		return
	}
	l.Entries = append(l.Entries, n)
	l.index(len(l.Entries) - 1)
}

func (l *Lexicon) index(i int) {
	n := &l.Entries[i]
	forms := append([]string{n.Name}, n.Variants...)
	for _, f := range forms {
		k, words := phraseKey(f)
		if k == "" {
			continue
		}
		if !containsInt(l.phrases[k], i) {
			l.phrases[k] = append(l.phrases[k], i)
		}
		if allCapsWord(f) && !strings.Contains(f, " ") {
			l.formCase[k] |= caseCaps
		} else {
			l.formCase[k] |= caseMixed
		}
		fw := firstKeyWord(k)
		l.maxWords[fw] = max(l.maxWords[fw], words)
		l.addPrefixes(k)
		l.info[fw] |= hLex
		if n.Type == Person && words >= 2 {
			last := k[strings.LastIndexByte(k, ' ')+1:]
			if !containsInt(l.persSur[last], i) {
				l.persSur[last] = append(l.persSur[last], i)
			}
		}
	}
	if n.Type == Place && n.Demonym != "" {
		for _, d := range splitBar(strings.ReplaceAll(n.Demonym, ",", "|")) {
			k := keyOf(d)
			if _, ok := l.demonyms[k]; !ok || isCountryKind(n.Kind) {
				l.demonyms[k] = i
			}
		}
	}
}

// How the forms of a phrase are printed: in capitals ("US", "FAR") or not.
const (
	caseCaps uint8 = 1 << iota
	caseMixed
)

func isCountryKind(k string) bool { return k == "country" || k == "former-country" }

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// clone returns a copy that can be extended without touching l.
func (l *Lexicon) clone() *Lexicon {
	c := NewLexicon()
	c.Entries = append([]Named(nil), l.Entries...)
	c.Files = append([]string(nil), l.Files...)
	copyMap := func(dst, src map[string]string) {
		for k, v := range src {
			dst[k] = v
		}
	}
	copyInts := func(dst, src map[string]int) {
		for k, v := range src {
			dst[k] = v
		}
	}
	copyIdx := func(dst, src map[string][]int) {
		for k, v := range src {
			dst[k] = append([]int(nil), v...)
		}
	}
	copyIdx(c.phrases, l.phrases)
	for k, v := range l.formCase {
		c.formCase[k] = v
	}
	copyInts(c.maxWords, l.maxWords)
	for k := range l.prefixes {
		c.prefixes[k] = true
	}
	copyMap(c.titles, l.titles)
	copyInts(c.titleMax, l.titleMax)
	copyMap(c.orgWords, l.orgWords)
	copyInts(c.orgMax, l.orgMax)
	copyMap(c.placeWords, l.placeWords)
	copyInts(c.placeMax, l.placeMax)
	for k, v := range l.words {
		c.words[k] = v
	}
	copyMap(c.givenNames, l.givenNames)
	copyMap(c.surnames, l.surnames)
	for k, v := range l.pinyin {
		c.pinyin[k] = v
	}
	for k, v := range l.wadeGiles {
		c.wadeGiles[k] = append([]string(nil), v...)
	}
	copyMap(c.nonNames, l.nonNames)
	copyInts(c.nonNameMax, l.nonNameMax)
	for k, v := range l.nonNameMixed {
		c.nonNameMixed[k] = v
	}
	copyInts(c.demonyms, l.demonyms)
	copyIdx(c.persSur, l.persSur)
	for k, v := range l.info {
		c.info[k] = v
	}
	return c
}

// tsv is a parsed lexicon file: its header's columns and its rows.
type tsv struct {
	col        map[string]int
	headerLine int
	rows       []tsvRow
}

type tsvRow struct {
	line  int
	cells []string
}

func (t *tsv) get(r tsvRow, c string) string {
	i, ok := t.col[c]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

func readTSV(name string, r io.Reader) (*tsv, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	t := &tsv{}
	n := 0
	for sc.Scan() {
		n++
		s := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cells := strings.Split(s, "\t")
		if t.col == nil {
			t.col = map[string]int{}
			for i, c := range cells {
				c = strings.ToLower(strings.TrimSpace(c))
				if c == "" {
					return nil, &LexiconError{File: name, Line: n, Msg: "empty column name in header"}
				}
				if _, dup := t.col[c]; dup {
					return nil, &LexiconError{File: name, Line: n, Msg: fmt.Sprintf("column %q twice in header", c)}
				}
				t.col[c] = i
			}
			t.headerLine = n
			continue
		}
		if len(cells) > len(t.col) {
			return nil, &LexiconError{File: name, Line: n, Msg: fmt.Sprintf("%d cells, the header has %d columns", len(cells), len(t.col))}
		}
		t.rows = append(t.rows, tsvRow{line: n, cells: cells})
	}
	if err := sc.Err(); err != nil {
		return nil, &LexiconError{File: name, Line: n + 1, Msg: err.Error()}
	}
	if t.col == nil {
		return nil, &LexiconError{File: name, Msg: "no header line"}
	}
	return t, nil
}

// Title reports whether the folded phrase is a title, and its class.
func (l *Lexicon) Title(phrase string) (string, bool) {
	k, _ := phraseKey(phrase)
	c, ok := l.titles[k]
	return c, ok
}

// Lookup returns the entries one of whose forms is the phrase (compared
// folded).
func (l *Lexicon) Lookup(phrase string) []*Named {
	k, _ := phraseKey(phrase)
	var out []*Named
	for _, i := range l.phrases[k] {
		out = append(out, &l.Entries[i])
	}
	return out
}

// IsPinyin reports whether s (one syllable, any case) is a pinyin syllable.
func (l *Lexicon) IsPinyin(s string) bool { return l.pinyin[keyOf(s)] }
