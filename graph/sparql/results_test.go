package sparql

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

// resultRows exercise every kind of term the writers must tell apart.
var resultVars = []string{"x", "y"}

var resultRows = [][]ontology.Term{
	{ontology.NewIRI("https://dossier.example.org/person/zhou-enlai"), ontology.NewString("Zhou\tEnlai, \"Premier\"\nof China")},
	{ontology.NewBlank("b1"), ontology.NewLangString("周恩来", "zh")},
	{ontology.NewTyped("12", xsd+"integer"), ontology.NewTyped("-1.50", xsd+"decimal")},
	{ontology.NewTyped("1.5E3", xsd+"double"), ontology.NewTyped("2", xsd+"double")},
	{ontology.NewTyped("true", xsd+"boolean"), ontology.NewTyped("1966-11-20", xsd+"date")},
	{{}, ontology.NewTyped("x<y&z", "http://example.org/dt")},
}

func writeResults(t *testing.T, format string) string {
	t.Helper()
	f, ok := ResultFormatByName(format)
	if !ok {
		t.Fatalf("no format %s", format)
	}
	var buf bytes.Buffer
	w := f.New(&buf, ontology.Prefixes(""))
	if err := w.Head(resultVars); err != nil {
		t.Fatal(err)
	}
	for _, r := range resultRows {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func writeBoolean(t *testing.T, format string, b bool) string {
	t.Helper()
	f, _ := ResultFormatByName(format)
	var buf bytes.Buffer
	w := f.New(&buf, nil)
	if err := w.Boolean(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestJSONResults(t *testing.T) {
	out := writeResults(t, "json")
	var doc struct {
		Head    struct{ Vars []string }
		Results struct {
			Bindings []map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if strings.Join(doc.Head.Vars, " ") != "x y" || len(doc.Results.Bindings) != len(resultRows) {
		t.Fatalf("%+v", doc)
	}
	b := doc.Results.Bindings
	want := []map[string]string{
		{"type": "uri", "value": "https://dossier.example.org/person/zhou-enlai"},
		{"type": "literal", "value": "Zhou\tEnlai, \"Premier\"\nof China"},
		{"type": "bnode", "value": "b1"},
		{"type": "literal", "value": "周恩来", "xml:lang": "zh"},
		{"type": "literal", "value": "12", "datatype": xsd + "integer"},
	}
	got := []map[string]string{b[0]["x"], b[0]["y"], b[1]["x"], b[1]["y"], b[2]["x"]}
	for i := range want {
		if !equalMaps(got[i], want[i]) {
			t.Errorf("binding %d: %v, want %v", i, got[i], want[i])
		}
	}
	if _, ok := b[5]["x"]; ok {
		t.Errorf("an unbound variable is written: %v", b[5])
	}
	var ask struct{ Boolean bool }
	if err := json.Unmarshal([]byte(writeBoolean(t, "json", true)), &ask); err != nil || !ask.Boolean {
		t.Errorf("ASK: %v %+v", err, ask)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestXMLResults(t *testing.T) {
	out := writeResults(t, "xml")
	type binding struct {
		Name    string `xml:"name,attr"`
		URI     string `xml:"uri"`
		BNode   string `xml:"bnode"`
		Literal struct {
			Value    string `xml:",chardata"`
			Lang     string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Datatype string `xml:"datatype,attr"`
		} `xml:"literal"`
	}
	var doc struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/sparql-results# sparql"`
		Vars    []struct {
			Name string `xml:"name,attr"`
		} `xml:"head>variable"`
		Results []struct {
			Bindings []binding `xml:"binding"`
		} `xml:"results>result"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(doc.Vars) != 2 || doc.Vars[1].Name != "y" || len(doc.Results) != len(resultRows) {
		t.Fatalf("%+v", doc)
	}
	r := doc.Results
	if r[0].Bindings[0].URI != "https://dossier.example.org/person/zhou-enlai" || r[0].Bindings[1].Literal.Value != "Zhou\tEnlai, \"Premier\"\nof China" {
		t.Errorf("row 0: %+v", r[0])
	}
	if r[1].Bindings[0].BNode != "b1" || r[1].Bindings[1].Literal.Lang != "zh" || r[1].Bindings[1].Literal.Value != "周恩来" {
		t.Errorf("row 1: %+v", r[1])
	}
	if l := r[5].Bindings; len(l) != 1 || l[0].Name != "y" || l[0].Literal.Value != "x<y&z" || l[0].Literal.Datatype != "http://example.org/dt" {
		t.Errorf("row 5: %+v", r[5])
	}
	var ask struct {
		Boolean bool `xml:"boolean"`
	}
	if err := xml.Unmarshal([]byte(writeBoolean(t, "xml", true)), &ask); err != nil || !ask.Boolean {
		t.Errorf("ASK: %v %+v", err, ask)
	}
}

func TestCSVResults(t *testing.T) {
	out := writeResults(t, "csv")
	if !strings.HasPrefix(out, "x,y\r\n") {
		t.Errorf("header and line end: %q", out)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"x", "y"},
		{"https://dossier.example.org/person/zhou-enlai", "Zhou\tEnlai, \"Premier\"\nof China"},
		{"_:b1", "周恩来"},
		{"12", "-1.50"},
		{"1.5E3", "2"},
		{"true", "1966-11-20"},
		{"", "x<y&z"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
		}
	}
}

func TestTSVResults(t *testing.T) {
	want := "?x\t?y\n" +
		"<https://dossier.example.org/person/zhou-enlai>\t\"Zhou\\tEnlai, \\\"Premier\\\"\\nof China\"\n" +
		"_:b1\t\"周恩来\"@zh\n" +
		"12\t-1.50\n" +
		"1.5E3\t\"2\"^^<http://www.w3.org/2001/XMLSchema#double>\n" +
		"true\t\"1966-11-20\"^^<http://www.w3.org/2001/XMLSchema#date>\n" +
		"\t\"x<y&z\"^^<http://example.org/dt>\n"
	if got := writeResults(t, "tsv"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTableResults(t *testing.T) {
	want := `?x                | ?y
------------------+-------------------------------------
person:zhou-enlai | "Zhou\tEnlai, \"Premier\"\nof China"
_:b1              | "周恩来"@zh
12                | -1.50
1.5E3             | "2"^^xsd:double
true              | "1966-11-20"^^xsd:date
                  | "x<y&z"^^<http://example.org/dt>
(6 rows)
`
	if got := writeResults(t, "table"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := writeBoolean(t, "table", false); got != "false\n" {
		t.Errorf("ASK: %q", got)
	}
}
