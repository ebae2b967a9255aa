package rdfio

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/ontology"
)

// sampleDocument is a small hand-built document (written for this test)
// whose ID and names need escaping in IRIs and in Turtle.
func sampleDocument() *extract.Document {
	text := "Çako met Mëhilli (the \"Chairman\") in Tirana.\nDate: 1967.\n"
	at := func(s string) extract.Span {
		i := strings.Index(text, s)
		return extract.Span{Start: i, End: i + len(s)}
	}
	return &extract.Document{
		Text: text,
		Meta: extract.Metadata{ID: "memo (1967), no. 3", Title: "A \"test\"\\memo", Date: "1967", Source: "not a URL"},
		Mentions: []extract.Mention{
			{Span: at("Çako"), Text: "Çako", Type: extract.Person, Name: "Çako", Entity: 0},
			{Span: at("Mëhilli"), Text: "Mëhilli", Type: extract.Person, Name: "Mëhilli", Entity: 1},
			{Span: at("Tirana"), Text: "Tirana", Type: extract.Place, Name: "Tirana", Entity: 2},
		},
		Entities: []extract.Entity{
			{ID: "çako", Type: extract.Person, Name: "Çako", Mentions: []int{0}},
			{ID: "mehilli", Type: extract.Person, Name: "Mëhilli", Roles: []string{"\"Chairman\""}, Mentions: []int{1}},
			{ID: "tirana", Type: extract.Place, Name: "Tirana", Mentions: []int{2}},
		},
		Dates: []extract.Date{{Span: at("1967"), Text: "1967", Value: "1967"}},
		Events: []extract.Event{{Type: extract.Meeting, Label: "Çako meets Mëhilli", Evidence: at("Çako met Mëhilli (the \"Chairman\") in Tirana."),
			Trigger: at("met"), Agents: []int{0, 1}, Place: 2, DateRef: 0}},
	}
}

// TestMappedDocument exports a mapped document in every format and checks
// the counts with rapper and the round trip with our readers.
func TestMappedDocument(t *testing.T) {
	m := ontology.Mapper{Base: "http://archive.example.net/"}
	quads, err := m.Quads(sampleDocument(), "abc123")
	if err != nil {
		t.Fatal(err)
	}
	opts := EncodeOptions{Base: m.Base}
	ttl := encode(t, "turtle", quads, opts)
	if n := rapper(t, "turtle", ttl); n != len(quads) {
		t.Errorf("rapper counted %d triples in the Turtle, the mapping has %d", n, len(quads))
	}
	nq := encode(t, "nquads", quads, opts)
	if n := rapper(t, "nquads", nq); n != len(quads) {
		t.Errorf("rapper counted %d quads, the mapping has %d", n, len(quads))
	}
	got, err := decode("turtle", ttl, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "turtle", lines(got, false, false), lines(quads, true, false))
	if !bytes.Contains(ttl, []byte("person:mehilli a schema:Person")) {
		t.Errorf("no prefixed names for the base:\n%s", ttl)
	}
}

func benchQuads() []ontology.Quad {
	var quads []ontology.Quad
	m := ontology.Mapper{}
	for i := 0; i < 100; i++ {
		doc := sampleDocument()
		doc.Meta.ID += strconv.Itoa(i)
		qs, err := m.Quads(doc, "")
		if err != nil {
			panic(err)
		}
		quads = append(quads, qs...)
	}
	return quads
}

func benchEncode(b *testing.B, format string) {
	quads := benchQuads()
	size := len(encode(b, format, quads, EncodeOptions{}))
	f, _ := ByName(format)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		enc, _ := f.NewEncoder(io.Discard, EncodeOptions{})
		for _, q := range quads {
			if err := enc.Encode(q); err != nil {
				b.Fatal(err)
			}
		}
		if err := enc.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(quads))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

func benchDecode(b *testing.B, format string) {
	quads := benchQuads()
	data := encode(b, format, quads, EncodeOptions{})
	f, _ := ByName(format)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		dec, _ := f.NewDecoder(bytes.NewReader(data), DecodeOptions{})
		n := 0
		for {
			_, err := dec.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		dec.Close()
	}
	b.ReportMetric(float64(len(quads))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

func BenchmarkEncodeTurtle(b *testing.B) { benchEncode(b, "turtle") }
func BenchmarkEncodeNQuads(b *testing.B) { benchEncode(b, "nquads") }
func BenchmarkEncodeJSONLD(b *testing.B) { benchEncode(b, "jsonld") }
func BenchmarkDecodeTurtle(b *testing.B) { benchDecode(b, "turtle") }
func BenchmarkDecodeNQuads(b *testing.B) { benchDecode(b, "nquads") }
func BenchmarkDecodeJSONLD(b *testing.B) { benchDecode(b, "jsonld") }
