package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

const memo = `Memorandum of Conversation

Beijing, March 3, 1965

PARTICIPANTS
Premier Zhou Enlai
Foreign Minister Chen Yi

Premier Zhou Enlai received the delegation in Beijing on March 3, 1965.
`

// emptyStore is a new bolt store of its own.
func emptyStore(t *testing.T) *graph.Store {
	t.Helper()
	st, err := buildStore(filepath.Join(t.TempDir(), "store"), ontology.Mapper{}, writeSample(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// writeSample writes one sample document into a folder of its own.
func writeSample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(samplesDir, "report-tirana-1961.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report-tirana-1961.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func post(t *testing.T, s http.Handler, name, body string, header ...string) response {
	t.Helper()
	return do(t, s, "POST", "/documents?name="+name, strings.NewReader(body), append([]string{"Content-Type: text/plain; charset=utf-8"}, header...)...)
}

func TestReadOnlyByDefault(t *testing.T) {
	st := emptyStore(t)
	s := newServer(t, st, nil)
	if !s.ReadOnly() {
		t.Fatal("a server without a token is not read-only")
	}
	post(t, s, "memo-1965.txt", memo).want(t, http.StatusForbidden, "read-only")
	post(t, s, "memo-1965.txt", memo, "Authorization: Bearer anything").want(t, http.StatusForbidden, "read-only")
	do(t, s, "DELETE", "/documents/report-tirana-1961", nil, "Authorization: Bearer anything").want(t, http.StatusForbidden)
	get(t, s, "/document/report-tirana-1961", htmlAccept).want(t, http.StatusOK)
	get(t, s, "/document/memo-1965", htmlAccept).want(t, http.StatusNotFound)
}

func TestWritesNeedTheToken(t *testing.T) {
	st := emptyStore(t)
	s := newServer(t, st, func(c *Config) { c.Token = "correct horse" })
	r := post(t, s, "memo-1965.txt", memo)
	r.want(t, http.StatusUnauthorized)
	if r.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	post(t, s, "memo-1965.txt", memo, "Authorization: Basic Y29ycmVjdDpob3JzZQ==").want(t, http.StatusUnauthorized)
	post(t, s, "memo-1965.txt", memo, "Authorization: Bearer correct horsE").want(t, http.StatusForbidden, "wrong token")
	post(t, s, "memo-1965.txt", memo, "Authorization: Bearer correct").want(t, http.StatusForbidden)
	do(t, s, "DELETE", "/documents/report-tirana-1961", nil).want(t, http.StatusUnauthorized)
	do(t, s, "DELETE", "/documents/report-tirana-1961", nil, "Authorization: Bearer wrong").want(t, http.StatusForbidden)
	get(t, s, "/document/memo-1965", htmlAccept).want(t, http.StatusNotFound)
	get(t, s, "/document/report-tirana-1961", htmlAccept).want(t, http.StatusOK)
}

func TestPostAndDeleteDocument(t *testing.T) {
	st := emptyStore(t)
	s := newServer(t, st, func(c *Config) { c.Token = "secret" })
	auth := "Authorization: Bearer secret"
	get(t, s, "/", htmlAccept).want(t, http.StatusOK, "<strong>1</strong> documents") // fills the caches

	r := post(t, s, "Memo-1965.txt", memo, auth)
	r.want(t, http.StatusCreated)
	var res writeResult
	if err := json.Unmarshal([]byte(r.body), &res); err != nil {
		t.Fatal(err)
	}
	if res.ID != "memo-1965" || res.IRI != ontology.DefaultBase+"document/memo-1965" || !res.Loaded || res.Added == 0 {
		t.Errorf("result %+v", res)
	}
	if loc := r.header.Get("Location"); loc != "/document/memo-1965" {
		t.Errorf("Location %q", loc)
	}
	// the pages show it at once
	get(t, s, "/", htmlAccept).want(t, http.StatusOK, "<strong>2</strong> documents", `href="/document/memo-1965"`)
	page := get(t, s, "/document/memo-1965", htmlAccept)
	page.want(t, http.StatusOK, `href="/person/zhou-enlai"`, "received the delegation")
	get(t, s, "/search?q=chen+yi", htmlAccept).want(t, http.StatusOK, `href="/person/chen-yi"`)

	// the same text again changes nothing; a new text replaces the graph
	r = post(t, s, "memo-1965.txt", memo, auth)
	r.want(t, http.StatusOK, `"unchanged": true`, `"added": 0`)
	r = post(t, s, "memo-1965.md", strings.Replace(memo, "Chen Yi", "Chen Boda", 2), "Content-Type: text/markdown", auth)
	r.want(t, http.StatusOK, `"loaded": true`)
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || res.Removed == 0 {
		t.Errorf("replacing: %s", r.body)
	}
	get(t, s, "/document/memo-1965", htmlAccept).want(t, http.StatusOK, `href="/person/chen-boda"`)

	// delete
	do(t, s, "DELETE", "/documents/memo-1965", nil, auth).want(t, http.StatusOK, `"removed": `)
	get(t, s, "/document/memo-1965", htmlAccept).want(t, http.StatusNotFound)
	get(t, s, "/", htmlAccept).want(t, http.StatusOK, "<strong>1</strong> documents")
	do(t, s, "DELETE", "/documents/memo-1965", nil, auth).want(t, http.StatusNotFound)
	// the other document is as it was
	get(t, s, "/document/report-tirana-1961", htmlAccept).want(t, http.StatusOK)
}

func TestPostDocumentRefusesBadInput(t *testing.T) {
	s := newServer(t, emptyStore(t), func(c *Config) { c.Token = "secret" })
	auth := "Authorization: Bearer secret"
	for _, c := range []struct {
		name, body, ctype string
		status            int
	}{
		{"memo.txt", memo, "application/json", http.StatusUnsupportedMediaType},
		{"memo.txt", memo, "text/plain; charset=latin1", http.StatusUnsupportedMediaType},
		{"", memo, "text/plain", http.StatusBadRequest},
		{"memo.pdf", memo, "text/plain", http.StatusBadRequest},
		{"../memo.txt", memo, "text/plain", http.StatusBadRequest},
		{"sub%2Fmemo.txt", memo, "text/plain", http.StatusBadRequest},
		{".hidden.txt", memo, "text/plain", http.StatusBadRequest},
		{"memo.txt", "   \n", "text/plain", http.StatusUnprocessableEntity},
		{"memo.txt", "a\x00b", "text/plain", http.StatusUnprocessableEntity},
		{"memo.txt", "caf\xe9", "text/plain", http.StatusUnprocessableEntity},
	} {
		r := do(t, s, "POST", "/documents?name="+c.name, strings.NewReader(c.body), "Content-Type: "+c.ctype, auth)
		if r.status != c.status {
			t.Errorf("name %q, %s: status %d, want %d (%s)", c.name, c.ctype, r.status, c.status, strings.TrimSpace(r.body))
		}
	}
	get(t, s, "/", htmlAccept).want(t, http.StatusOK, "<strong>1</strong> documents")
}
