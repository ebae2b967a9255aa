package rdfio

import (
	"bytes"
	"io"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

// FuzzTurtleWriter writes any string as a literal (plain, typed,
// language-tagged) and as the tail of IRIs (subject, predicate, object,
// datatype), and checks that our own Turtle reader gives back exactly the
// same terms; a quad that Check rejects must be rejected by Encode.
func FuzzTurtleWriter(f *testing.F) {
	for _, s := range []string{
		"Çako", "Mëhilli", "毛泽东", `He said "hi"`, "back\\slash", "a\nb\r\nc\td", "\x00\x01\x7f\b\f",
		"", "x.", "-y", "a(1),b;c", "?id=3&x=y", "!$*+'~%20@=", "# no", "_:b1", "<x>", "'''", `"""`,
		"@base <../x> .", "a:b", "%zz", "1967", "under_score", "\xff",
	} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, lit, tail string) {
		p := iri(ex + "p" + tail)
		objects := []ontology.Term{
			str(lit), typed(lit, ontology.XSDInteger), typed(lit, ex+"dt"+tail), lang(lit, "sq"),
			iri(ex + tail),
		}
		opts := EncodeOptions{Prefixes: []ontology.Prefix{{Name: "ex", Namespace: ex}}}
		for _, o := range objects {
			q := ontology.Quad{S: iri(ex + tail), P: p, O: o}
			var buf bytes.Buffer
			enc, err := NewTurtleEncoder(&buf, opts)
			if err != nil {
				t.Fatal(err)
			}
			err = enc.Encode(q)
			if q.Check() != nil {
				if err == nil {
					t.Fatalf("Encode accepted the invalid quad %#v", q)
				}
				continue
			}
			if err != nil {
				t.Fatalf("Encode(%#v): %v", q, err)
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := decode("turtle", buf.Bytes(), DecodeOptions{})
			if err != nil {
				t.Fatalf("our reader rejects our output: %v\n%s", err, buf.Bytes())
			}
			if len(got) != 1 || got[0] != q {
				t.Fatalf("wrote %#v\nread  %#v\n%s", q, got, buf.Bytes())
			}
		}
	})
}

// FuzzDecoders feeds any bytes to every decoder: no panic, no hang, and
// every quad it returns is valid (Check).
func FuzzDecoders(f *testing.F) {
	f.Add([]byte("<http://a> <http://b> \"x\\n\"@en <http://g> .\n"))
	f.Add([]byte("@prefix : <http://ex.org/> .\n:a :b [ :c ( 1 2.0 3e1 ) ] ; :d \"\"\"x\ny\"\"\" .\n"))
	f.Add([]byte("@base <http://ex.org/a/> .\n<../b> <c> _:b1 .\n"))
	f.Add([]byte("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"http://a\"/></rdf:RDF>"))
	f.Add([]byte(`{"@id": "http://a", "http://b": {"@value": "x", "@language": "en"}}`))
	f.Add(encode(f, "turtle", tricky(), EncodeOptions{}))
	f.Add(encode(f, "nquads", tricky(), EncodeOptions{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range Formats() {
			if !format.CanDecode() {
				continue
			}
			dec, err := format.NewDecoder(bytes.NewReader(data), DecodeOptions{Base: "http://base.example/dir/"})
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 10000; i++ {
				q, err := dec.Decode()
				if err == io.EOF || err != nil {
					break
				}
				if err := q.Check(); err != nil {
					t.Fatalf("%s returned an invalid quad %#v: %v", format.Name, q, err)
				}
			}
			dec.Close()
		}
	})
}
