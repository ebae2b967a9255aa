package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLexiconLoadAndLookup(t *testing.T) {
	fsys := fstest.MapFS{
		"lex/persons.tsv": {Data: []byte("# source: test\nname\tvariants\twikidata\tnationality\tborn\tdied\n" +
			"Zhou Enlai\tChou En-lai|Chou En-lai\tQ16977\tChinese\t1898\t1976\n")},
		"lex/places.tsv": {Data: []byte("# source: test\nname\tkind\tvariants\twikidata\tcountry\tdemonym\n" +
			"Albania\tcountry\tPeople's Republic of Albania\tQ222\t\tAlbanian|Albanians\n")},
		"lex/titles.tsv":   {Data: []byte("title\tclass\nForeign Minister\toffice\nComrade\thonorific\n")},
		"lex/pinyin.tsv":   {Data: []byte("syllable\nzhou\nen\nlai\n")},
		"lex/notes.md":     {Data: []byte("not a table")},
		"lex/extra.ignore": {Data: []byte("x")},
	}
	l := NewLexicon()
	if err := l.LoadFS(fsys, "lex"); err != nil {
		t.Fatal(err)
	}
	got := l.Lookup("Chou En-lai")
	if len(got) != 1 || got[0].Name != "Zhou Enlai" || got[0].WikidataIRI() != "http://www.wikidata.org/entity/Q16977" || got[0].Born != 1898 {
		t.Fatalf("Lookup(Chou En-lai) = %+v", got)
	}
	if c, ok := l.Title("foreign minister"); !ok || c != "office" {
		t.Errorf("Title(foreign minister) = %q, %v", c, ok)
	}
	if i, ok := l.demonyms["albanian"]; !ok || l.Entries[i].Name != "Albania" {
		t.Errorf("demonym Albanian not known")
	}
	if !l.IsPinyin("Zhou") {
		t.Errorf("zhou is pinyin")
	}
	// a missing folder is no error: the extractor then has only its rules
	if err := NewLexicon().LoadFS(fsys, "nowhere"); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}

func TestLexiconErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"persons.tsv", "# only comments\n", "lexicon persons.tsv: no header line"},
		{"persons.tsv", "variants\twikidata\nx\ty\n", `lexicon persons.tsv:1: missing column "name" in header`},
		{"persons.tsv", "name\twikidata\nMao Zedong\t5816\n", `lexicon persons.tsv:2: wikidata "5816" is not a Q-id`},
		{"persons.tsv", "name\tborn\nMao Zedong\t18x3\n", `lexicon persons.tsv:2: born "18x3" is not a year`},
		{"places.tsv", "name\tkind\nParis\tcity\textra\n", "lexicon places.tsv:2: 3 cells, the header has 2 columns"},
		{"mine.tsv", "name\nx\n", "unknown kind of lexicon file"},
	}
	for _, tc := range tests {
		l := NewLexicon()
		err := l.Load(tc.name, strings.NewReader(tc.data))
		var le *LexiconError
		if err == nil || !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%s, %q) = %v, want %q", tc.name, tc.data, err, tc.want)
		}
		if len(l.Entries) != 0 || len(l.Files) != 0 {
			t.Errorf("a bad file left entries behind: %v", l.Entries)
		}
	}
}

// TestUserLexicon adds a user's file through the extractor option: a new
// person is found, and a known person gets another canonical name.
func TestUserLexicon(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "albania.persons.tsv")
	data := "# source: test\nname\tvariants\twikidata\nBeqir Balluku\tBalluku Beqir\tQ1234567\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := New(WithLexiconFiles(p))
	if err != nil {
		t.Fatal(err)
	}
	d, err := x.Extract("memo.txt", []byte("Comrade Beqir Balluku spoke to Enver Hoxha."))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range d.Entities {
		if e.Name == "Beqir Balluku" {
			found = len(e.SameAs) == 1 && e.SameAs[0] == "http://www.wikidata.org/entity/Q1234567"
		}
	}
	if !found {
		t.Errorf("the user's authority entry was not used: %+v", d.Entities)
	}
	// the built-in lexicon is not changed by the user's file
	def, _ := DefaultLexicon()
	if len(def.Lookup("Balluku Beqir")) != 0 {
		t.Errorf("the user's file leaked into the shared default lexicon")
	}
	if _, err := New(WithLexiconFiles(filepath.Join(dir, "missing.persons.tsv"))); err == nil {
		t.Errorf("a missing user file must be an error")
	}
}
