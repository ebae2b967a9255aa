package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/ontology"
)

// errNotFound makes a page handler answer 404.
var errNotFound = errors.New("not found")

// pages are the parsed templates: each page's file with the layout.
type pages struct {
	t map[string]*template.Template
}

var funcs = template.FuncMap{
	"kindName":  kindName,
	"kindTitle": kindTitle,
	"plural":    plural,
	"humanDate": humanDate,
	"isoDate":   isoDate,
	"pathEsc":   url.PathEscape,
	"queryEsc":  url.QueryEscape,
	"deref":     func(b *bool) bool { return b != nil && *b },
}

func loadPages() (*pages, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{t: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(assets, n)
		if err != nil {
			return nil, err
		}
		p.t[name] = t
	}
	return p, nil
}

// view is what the layout needs besides the page's own data.
type view struct {
	Title    string // of the page, before the site's name
	Query    string // the search box's text
	ReadOnly bool
	Alt      []link // other representations of the page (rel="alternate")
	Page     any
}

// link is a link on a page.
type link struct {
	Href, Label, Title string
	Kind               string
}

// render executes a page into a buffer first, so that a template error
// gives a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, v view) error {
	t, ok := s.pages.t[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	v.ReadOnly = s.ReadOnly()
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout.html", v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	w.WriteHeader(status)
	_, err := w.Write(b.Bytes())
	return err
}

// page adapts a page handler: a time limit, and errors as pages.
func (s *Server) page(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := http.StatusInternalServerError, "Something went wrong while reading the archive."
		switch {
		case errors.Is(err, errNotFound):
			status, msg = http.StatusNotFound, "The archive holds nothing under this address."
		case ctx.Err() != nil:
			status, msg = http.StatusServiceUnavailable, fmt.Sprintf("The page took longer than %s to read from the archive.", s.cfg.QueryTimeout)
		default:
			s.log.Error("page", "path", r.URL.Path, "err", err)
		}
		if wantsHTML(r) {
			_ = s.render(w, status, "error", view{Title: http.StatusText(status), Page: struct {
				Status int
				Text   string
				Msg    string
			}{status, http.StatusText(status), msg}})
			return
		}
		http.Error(w, msg, status)
	}
}

// wantsHTML reports whether the client prefers HTML to plain text.
func wantsHTML(r *http.Request) bool {
	ranges := parseAccept(r.Header.Get("Accept"))
	return quality(ranges, htmlTypes) > 0 && quality(ranges, htmlTypes) >= quality(ranges, []string{"text/plain"})
}

// alternates are the links to a resource's RDF descriptions.
func alternates(path string) []link {
	var out []link
	for _, f := range rdfFormats() {
		if f.Name == "nquads" {
			continue
		}
		out = append(out, link{Href: path + "?format=" + f.Name, Label: formatLabel(f.Name), Title: f.MediaTypes[0]})
	}
	return out
}

func formatLabel(name string) string {
	switch name {
	case "turtle":
		return "Turtle"
	case "jsonld":
		return "JSON-LD"
	case "ntriples":
		return "N-Triples"
	case "nquads":
		return "N-Quads"
	}
	return name
}

// --- home and search ---

type homePage struct {
	Counts []countRow
	Docs   []docRow
}

type countRow struct {
	Kind string
	N    int
}

type docRow struct {
	link
	Date, ID string
}

func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) error {
	ix, err := s.archive.searchIndex(r.Context())
	if err != nil {
		return err
	}
	p := homePage{}
	for _, k := range []string{"document", "person", "organization", "place", "event"} {
		p.Counts = append(p.Counts, countRow{k, ix.counts[k]})
	}
	for _, d := range ix.docs {
		p.Docs = append(p.Docs, docRow{link: link{Href: s.archive.href(d.IRI), Label: d.Label}, Date: d.Date, ID: docID(d)})
	}
	return s.render(w, http.StatusOK, "home", view{Title: "Archive", Page: p})
}

// docID is a document's identifier: the name it goes by after its title.
func docID(e *searchEntry) string {
	for _, n := range e.Names[1:] {
		if !strings.Contains(n, " ") {
			return n
		}
	}
	return archive.LastSegment(e.IRI)
}

type searchPage struct {
	Query  string
	Groups []hitGroup // by kind: people, organizations, places, events, documents
	Total  int
	Limit  int
}

type hitGroup struct {
	Kind string
	Hits []hitRow
}

type hitRow struct {
	link
	Matched, Date string
	Docs          int
	Doc           link
}

// maxHits is the most results a search shows.
const maxHits = 200

func (s *Server) serveSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	ix, err := s.archive.searchIndex(r.Context())
	if err != nil {
		return err
	}
	hits, total := ix.search(q, maxHits)
	p := searchPage{Query: q, Total: total, Limit: maxHits}
	groups := map[string]int{}
	for _, h := range hits {
		row := hitRow{link: link{Href: s.archive.href(h.IRI), Label: h.Label, Kind: h.Kind}, Matched: h.Matched, Date: h.Date, Docs: h.Docs}
		if h.Doc != "" {
			row.Doc = link{Href: s.archive.href(h.Doc), Label: ix.label(h.Doc)}
		}
		g, ok := groups[h.Kind]
		if !ok {
			g = len(p.Groups)
			groups[h.Kind] = g
			p.Groups = append(p.Groups, hitGroup{Kind: h.Kind})
		}
		p.Groups[g].Hits = append(p.Groups[g].Hits, row)
	}
	sort.SliceStable(p.Groups, func(i, j int) bool { return kindOrder[p.Groups[i].Kind] < kindOrder[p.Groups[j].Kind] })
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	return s.render(w, http.StatusOK, "search", view{Title: title, Query: q, Page: p})
}

// --- persons, organizations, places ---

type entityPage struct {
	IRI, Kind, Label string
	OtherLabels      []string
	Alt              []string
	Jobs             []sourced
	SameAs           []string
	Nationality      []link
	MemberOf         []link
	Members          []link
	Docs             []docMentions
	DocsTotal        int
	DocsShown        int
	Events           []timelineRow
	CoMentioned      []coRow
	Formats          []link
}

// sourced is a value and the documents that state it.
type sourced struct {
	Value string
	Docs  []link
}

type docMentions struct {
	Doc       link
	Date      string
	Sentences []sentenceRow
	More      int
}

type sentenceRow struct {
	HTML template.HTML
	Href string
}

type timelineRow struct {
	When, Datetime, Role string
	Types                []string
	Event, Doc           link
}

type coRow struct {
	link
	Count int
}

// Limits of an entity page: the documents read, those shown with their
// sentences, and the sentences shown per document.
const (
	maxEntityDocs    = 200
	maxShownDocs     = 50
	maxDocSentences  = 12
	maxCoMentionRows = 40
)

func (s *Server) serveEntity(w http.ResponseWriter, r *http.Request) error {
	iri := s.iriOf(r)
	w.Header().Add("Vary", "Accept")
	rep, ok := negotiate(r, false)
	if !ok {
		notAcceptable(w, false)
		return nil
	}
	if !rep.html {
		return s.serveDescription(w, r, iri, rep.format)
	}
	ctx := r.Context()
	var quads []ontology.Quad
	err := s.cfg.Store.Match(ctx, ontology.NewIRI(iri), ontology.Term{}, ontology.Term{}, ontology.Term{}, func(q ontology.Quad) error {
		quads = append(quads, q)
		return nil
	})
	if err != nil {
		return err
	}
	if len(quads) == 0 {
		return errNotFound
	}
	ix, err := s.archive.searchIndex(ctx)
	if err != nil {
		return err
	}
	p := entityPage{IRI: iri, Kind: s.archive.kindOf(iri), Formats: alternates(s.archive.href(iri))}
	labels := map[string]int{}
	alt := map[string]bool{}
	jobs := map[string]map[string]bool{}
	sameAs := map[string]bool{}
	var nationality, memberOf []string
	for _, q := range quads {
		switch q.P.Value {
		case ontology.RDFSLabel:
			labels[q.O.Value]++
		case ontology.SKOSAltLabel:
			alt[q.O.Value] = true
		case ontology.SchemaJobTitle:
			if jobs[q.O.Value] == nil {
				jobs[q.O.Value] = map[string]bool{}
			}
			jobs[q.O.Value][q.G.Value] = true
		case ontology.OWLSameAs:
			sameAs[q.O.Value] = true
		case ontology.SchemaNationality:
			nationality = append(nationality, termRef(q.O))
		case ontology.SchemaMemberOf:
			memberOf = append(memberOf, termRef(q.O))
		}
	}
	p.Label = commonest(labels)
	if p.Label == "" {
		p.Label = archive.LastSegment(iri)
	}
	for l := range labels {
		if l != p.Label {
			p.OtherLabels = append(p.OtherLabels, l)
		}
	}
	sort.Slice(p.OtherLabels, func(i, j int) bool { return archive.LessFold(p.OtherLabels[i], p.OtherLabels[j]) })
	for a := range alt {
		if a != p.Label && labels[a] == 0 {
			p.Alt = append(p.Alt, a)
		}
	}
	sort.Slice(p.Alt, func(i, j int) bool { return archive.LessFold(p.Alt[i], p.Alt[j]) })
	for j, docs := range jobs {
		sv := sourced{Value: j}
		for d := range docs {
			sv.Docs = append(sv.Docs, s.docLink(ix, d))
		}
		sort.Slice(sv.Docs, func(a, b int) bool { return sv.Docs[a].Href < sv.Docs[b].Href })
		p.Jobs = append(p.Jobs, sv)
	}
	sort.Slice(p.Jobs, func(i, j int) bool { return archive.LessFold(p.Jobs[i].Value, p.Jobs[j].Value) })
	for a := range sameAs {
		p.SameAs = append(p.SameAs, a)
	}
	sort.Strings(p.SameAs)
	p.Nationality = s.links(ix, nationality)
	p.MemberOf = s.links(ix, memberOf)
	if p.Kind == "organization" {
		var members []string
		err := s.cfg.Store.Match(ctx, ontology.Term{}, ontology.NewIRI(ontology.SchemaMemberOf), ontology.NewIRI(iri), ontology.Term{}, func(q ontology.Quad) error {
			members = append(members, q.S.Value)
			return nil
		})
		if err != nil {
			return err
		}
		p.Members = s.links(ix, members)
	}

	// The documents that mention it, by date.
	var docs []string
	err = s.cfg.Store.Match(ctx, ontology.Term{}, ontology.NewIRI(ontology.SchemaMentions), ontology.NewIRI(iri), ontology.Term{}, func(q ontology.Quad) error {
		if q.S == q.G {
			docs = append(docs, q.S.Value)
		}
		return nil
	})
	if err != nil {
		return err
	}
	docs = dedupe(docs)
	sort.Slice(docs, func(i, j int) bool {
		di, dj := ix.entries[docs[i]], ix.entries[docs[j]]
		var a, b string
		if di != nil {
			a = di.Date
		}
		if dj != nil {
			b = dj.Date
		}
		if a != b {
			return a < b
		}
		return docs[i] < docs[j]
	})
	p.DocsTotal = len(docs)
	co := map[string]int{}
	var events []*archive.Event
	roles := map[*archive.Event]string{}
	for i, doc := range docs {
		if i == maxEntityDocs {
			break
		}
		d, err := s.archive.document(ctx, doc)
		if err != nil {
			return err
		}
		if d == nil {
			continue
		}
		for _, m := range d.Mentioned {
			if e := d.Entities[m]; m != iri && e != nil && e.Kind == "person" {
				co[m]++
			}
		}
		for _, ev := range d.Events {
			if role := roleIn(ev, iri); role != "" {
				events = append(events, ev)
				roles[ev] = role
			}
		}
		if i < maxShownDocs {
			p.Docs = append(p.Docs, s.mentionsIn(d, iri, ix))
		}
	}
	p.DocsShown = len(p.Docs)
	archive.SortEvents(events)
	for _, ev := range events {
		p.Events = append(p.Events, timelineRow{
			When: ev.When(), Datetime: isoDate(ev.Stamp + ev.Begin), Role: roles[ev], Types: ev.Types,
			Event: link{Href: s.archive.href(ev.IRI), Label: ev.Label}, Doc: s.docLink(ix, ev.Doc),
		})
	}
	for c, n := range co {
		p.CoMentioned = append(p.CoMentioned, coRow{link: link{Href: s.archive.href(c), Label: ix.label(c)}, Count: n})
	}
	sort.Slice(p.CoMentioned, func(i, j int) bool {
		a, b := p.CoMentioned[i], p.CoMentioned[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return archive.LessFold(a.Label, b.Label)
	})
	if len(p.CoMentioned) > maxCoMentionRows {
		p.CoMentioned = p.CoMentioned[:maxCoMentionRows]
	}
	return s.render(w, http.StatusOK, "entity", view{Title: p.Label, Alt: p.Formats, Page: p})
}

// roleIn tells how an entity takes part in an event: "agent", "target",
// "place", or "".
func roleIn(ev *archive.Event, iri string) string {
	for _, a := range ev.Agents {
		if a == iri {
			return "agent"
		}
	}
	for _, t := range ev.Targets {
		if t == iri {
			return "target"
		}
	}
	if ev.Place == iri {
		return "place"
	}
	return ""
}

// mentionsIn lists the sentences of a document that name the entity, the
// names marked.
func (s *Server) mentionsIn(d *archive.Document, iri string, ix *searchIndex) docMentions {
	dm := docMentions{Doc: s.docLink(ix, d.IRI), Date: d.Date}
	var order []archive.Span
	marks := map[archive.Span][]mark{}
	anchors := map[archive.Span]string{}
	isSentence := map[archive.Span]bool{}
	for _, sn := range d.Sentences {
		isSentence[sn] = true
	}
	for _, m := range d.Mentions {
		if m.Entity != iri {
			continue
		}
		sn := d.SentenceOf(m.Span)
		if _, ok := marks[sn]; !ok {
			order = append(order, sn)
			if isSentence[sn] {
				anchors[sn] = fragment(sn)
			} else {
				anchors[sn] = fragment(m.Span)
			}
		}
		marks[sn] = append(marks[sn], mark{Span: m.Span, level: levelName, open: "<mark>", close: "</mark>"})
	}
	for i, sn := range order {
		if i == maxDocSentences {
			dm.More = len(order) - i
			break
		}
		dm.Sentences = append(dm.Sentences, sentenceRow{
			HTML: annotate(d, sn, marks[sn]),
			Href: s.archive.href(d.IRI) + "#" + anchors[sn],
		})
	}
	return dm
}

// fragment is the RFC 5147 fragment of a stretch of text, the id of its
// mark on the document's page.
func fragment(s archive.Span) string {
	return "char=" + strconv.Itoa(s.Begin) + "," + strconv.Itoa(s.End)
}

func (s *Server) docLink(ix *searchIndex, iri string) link {
	l := link{Href: s.archive.href(iri), Label: ix.label(iri), Kind: "document"}
	if e := ix.entries[iri]; e != nil && e.Date != "" {
		l.Title = e.Date
	}
	return l
}

// links makes links of IRIs (or of plain names, which stay text).
func (s *Server) links(ix *searchIndex, refs []string) []link {
	refs = dedupe(refs)
	var out []link
	for _, r := range refs {
		if iri, ok := strings.CutPrefix(r, "<"); ok {
			iri = strings.TrimSuffix(iri, ">")
			out = append(out, link{Href: s.archive.href(iri), Label: ix.label(iri), Kind: s.archive.kindOf(iri)})
			continue
		}
		out = append(out, link{Label: r})
	}
	sort.Slice(out, func(i, j int) bool { return archive.LessFold(out[i].Label, out[j].Label) })
	return out
}

// termRef keeps an IRI as <IRI> and a literal as its text, for links.
func termRef(t ontology.Term) string {
	if t.Kind == ontology.IRI {
		return "<" + t.Value + ">"
	}
	return t.Value
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// --- events ---

type eventPage struct {
	IRI, Label     string
	Types          []string
	When, Datetime string
	DateText       link
	Agents         []link
	Targets        []link
	Place          []link
	Evidence       template.HTML
	EvidenceHref   string
	Doc            link
	Formats        []link
}

func (s *Server) serveEvent(w http.ResponseWriter, r *http.Request) error {
	iri := s.iriOf(r)
	w.Header().Add("Vary", "Accept")
	rep, ok := negotiate(r, false)
	if !ok {
		notAcceptable(w, false)
		return nil
	}
	if !rep.html {
		return s.serveDescription(w, r, iri, rep.format)
	}
	ctx := r.Context()
	var graph string
	err := s.cfg.Store.Match(ctx, ontology.NewIRI(iri), ontology.NewIRI(ontology.RDFType), ontology.NewIRI(ontology.SEMEvent), ontology.Term{}, func(q ontology.Quad) error {
		graph = q.G.Value
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	if graph == "" {
		return errNotFound
	}
	d, err := s.archive.document(ctx, graph)
	if err != nil {
		return err
	}
	if d == nil {
		return errNotFound
	}
	var ev *archive.Event
	for _, e := range d.Events {
		if e.IRI == iri {
			ev = e
		}
	}
	if ev == nil {
		return errNotFound
	}
	ix, err := s.archive.searchIndex(ctx)
	if err != nil {
		return err
	}
	entity := func(iris ...string) []link {
		var out []link
		for _, x := range iris {
			if x != "" {
				out = append(out, link{Href: s.archive.href(x), Label: d.Label(x), Kind: s.archive.kindOf(x)})
			}
		}
		return out
	}
	p := eventPage{
		IRI: iri, Label: ev.Label, Types: ev.Types, When: ev.When(), Datetime: isoDate(ev.Stamp + ev.Begin),
		Agents: entity(ev.Agents...), Targets: entity(ev.Targets...), Place: entity(ev.Place),
		Doc: s.docLink(ix, d.IRI), Formats: alternates(s.archive.href(iri)),
	}
	if p.Label == "" {
		p.Label = archive.LastSegment(iri)
	}
	for _, dt := range d.Dates {
		if dt.IRI == ev.DateExpr {
			p.DateText = link{Href: s.archive.href(d.IRI) + "#" + fragment(dt.Span), Label: dt.Anchor, Title: dt.Value}
		}
	}
	if ev.HasEvidence {
		var marks []mark
		if ev.HasTrigger {
			marks = append(marks, mark{Span: ev.Trigger, level: levelName, open: `<mark title="the words that name the event">`, close: "</mark>"})
		}
		for _, m := range d.Mentions {
			if m.Entity != "" && ev.Evidence.Contains(m.Span) {
				marks = append(marks, mark{Span: m.Span, level: levelName,
					open:  `<a class="ent k-` + s.archive.kindOf(m.Entity) + `" href="` + attr(s.archive.href(m.Entity)) + `">`,
					close: "</a>"})
			}
		}
		p.Evidence = annotate(d, ev.Evidence, marks)
		p.EvidenceHref = s.archive.href(d.IRI) + "#" + fragment(ev.Evidence)
	}
	return s.render(w, http.StatusOK, "event", view{Title: p.Label, Alt: p.Formats, Page: p})
}

// errStop ends a Match early.
var errStop = errors.New("stop")

// --- documents ---

type documentPage struct {
	IRI, ID, Title string
	Meta           []metaRow
	Text           template.HTML
	Turns          int
	Entities       []entityGroup
	Events         []timelineRow
	Formats        []link
	Graph          []link
	Counts         struct{ Mentions, Dates, Sentences int }
}

type metaRow struct {
	Name  string
	Value string
	Link  link
}

type entityGroup struct {
	Kind  string
	Items []coRow // the entity and how often the document names it
}

func (s *Server) serveDocument(w http.ResponseWriter, r *http.Request) error {
	iri := s.iriOf(r)
	w.Header().Add("Vary", "Accept")
	rep, ok := negotiate(r, false)
	if !ok {
		notAcceptable(w, false)
		return nil
	}
	if !rep.html {
		return s.serveDescription(w, r, iri, rep.format)
	}
	ctx := r.Context()
	d, err := s.archive.document(ctx, iri)
	if err != nil {
		return err
	}
	if d == nil {
		return errNotFound
	}
	ix, err := s.archive.searchIndex(ctx)
	if err != nil {
		return err
	}
	path := s.archive.href(iri)
	p := documentPage{IRI: iri, ID: d.ID, Title: d.Title, Formats: alternates(path), Turns: len(d.Turns)}
	if p.Title == "" {
		p.Title = d.ID
	}
	graphPath := "/graph/" + archive.LastSegment(iri)
	for _, f := range []string{"turtle", "nquads", "jsonld"} {
		p.Graph = append(p.Graph, link{Href: graphPath + "?format=" + f, Label: formatLabel(f)})
	}
	for _, m := range d.Meta {
		row := metaRow{Name: m.Name, Value: m.Value}
		if m.IRI != "" {
			row.Link = link{Href: s.archive.href(m.IRI), Label: m.Value}
			if k := s.archive.kindOf(m.IRI); k != "" {
				row.Link.Label = ix.label(m.IRI)
			}
		}
		p.Meta = append(p.Meta, row)
	}
	p.Counts.Mentions, p.Counts.Dates, p.Counts.Sentences = len(d.Mentions), len(d.Dates), len(d.Sentences)

	var marks []mark
	ids := map[string]bool{}
	idAttr := func(sp archive.Span) string {
		id := fragment(sp)
		if ids[id] {
			return ""
		}
		ids[id] = true
		return ` id="` + id + `"`
	}
	named := map[string]int{}
	for _, m := range d.Mentions {
		if m.Entity == "" {
			marks = append(marks, mark{Span: m.Span, level: levelName,
				open:  `<span class="ent unresolved"` + idAttr(m.Span) + ` title="a name not resolved to anyone">`,
				close: "</span>"})
			continue
		}
		named[m.Entity]++
		kind := s.archive.kindOf(m.Entity)
		marks = append(marks, mark{Span: m.Span, level: levelName,
			open: `<a class="ent k-` + kind + `"` + idAttr(m.Span) + ` href="` + attr(s.archive.href(m.Entity)) + `" title="` +
				attr(kindTitle(kind)+": "+d.Label(m.Entity)) + `">`,
			close: "</a>"})
	}
	for _, dt := range d.Dates {
		title := dt.Value
		if title == "" {
			title = "date not resolved"
		} else if dt.Relative {
			title += " (resolved from context)"
		}
		datetime := ""
		if iso := isoDate(dt.Value); iso != "" {
			datetime = ` datetime="` + attr(iso) + `"`
		}
		marks = append(marks, mark{Span: dt.Span, level: levelName,
			open:  `<time class="date"` + idAttr(dt.Span) + datetime + ` title="` + attr(title) + `">`,
			close: "</time>"})
	}
	for _, t := range d.Turns {
		speaker := escHTML(t.Label)
		if t.Speaker != "" {
			speaker = `<a href="` + attr(s.archive.href(t.Speaker)) + `">` + escHTML(d.Label(t.Speaker)) + `</a>`
		}
		if speaker == "" {
			speaker = "unnamed speaker"
		}
		marks = append(marks, mark{Span: t.Span, level: levelBlock,
			open:  `<div class="turn" id="turn-` + strconv.Itoa(t.N) + `"><p class="turn-head">Turn ` + strconv.Itoa(t.N) + ` · ` + speaker + `</p>`,
			close: "</div>"})
	}
	for _, sn := range d.Sentences {
		marks = append(marks, mark{Span: sn, level: levelSentence, open: `<span class="s"` + idAttr(sn) + `>`, close: "</span>"})
	}
	p.Text = annotate(d, archive.Span{Begin: 0, End: d.Chars()}, marks)

	groups := map[string][]coRow{}
	for _, e := range d.Mentioned {
		kind := s.archive.kindOf(e)
		groups[kind] = append(groups[kind], coRow{link: link{Href: s.archive.href(e), Label: d.Label(e), Kind: kind}, Count: named[e]})
	}
	for _, k := range []string{"person", "organization", "place"} {
		if len(groups[k]) > 0 {
			p.Entities = append(p.Entities, entityGroup{Kind: k, Items: groups[k]})
		}
	}
	for _, ev := range d.Events {
		p.Events = append(p.Events, timelineRow{When: ev.When(), Datetime: isoDate(ev.Stamp + ev.Begin), Types: ev.Types,
			Event: link{Href: s.archive.href(ev.IRI), Label: ev.Label}})
	}
	return s.render(w, http.StatusOK, "document", view{Title: p.Title, Alt: p.Formats, Page: p})
}

func escHTML(s string) string { return template.HTMLEscapeString(s) }

// --- words ---

func kindName(k string) string {
	switch k {
	case "person":
		return "people"
	case "organization":
		return "organizations"
	case "place":
		return "places"
	case "event":
		return "events"
	case "document":
		return "documents"
	}
	return k
}

func kindTitle(k string) string {
	if k == "" {
		return ""
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// humanDate writes an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) for people:
// "20 November 1966"; anything else stays as it is.
func humanDate(s string) string {
	for _, layout := range []struct{ in, out string }{
		{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"},
	} {
		if t, err := time.Parse(layout.in, s); err == nil {
			return t.Format(layout.out)
		}
	}
	return s
}

// isoDate returns s when it is a date a <time datetime> attribute takes
// (YYYY, YYYY-MM, YYYY-MM-DD), else "".
func isoDate(s string) string {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return s
		}
	}
	return ""
}
