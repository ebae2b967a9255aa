package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// entitiesOf runs every stage up to the entities and returns, per entity,
// "Name: form|form|..." with the distinct mention texts in text order.
func entitiesOf(t *testing.T, id, text string) (*Document, []string) {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	d := &Document{Text: text}
	d.Meta.ID = id
	ReadHeader(d)
	Segment(d)
	FindMentions(d, lex)
	ResolveEntities(d, lex)
	var out []string
	for _, e := range d.Entities {
		var forms []string
		seen := map[string]bool{}
		for _, mi := range e.Mentions {
			if m := d.Mentions[mi]; !seen[m.Text] {
				seen[m.Text] = true
				forms = append(forms, m.Text)
			}
		}
		out = append(out, e.Name+": "+strings.Join(forms, "|"))
	}
	sort.Strings(out)
	return d, out
}

func TestResolveAliases(t *testing.T) {
	text := "Comrade Ramiz Alia greeted Chairman Liu Shaoqi. Chairman Liu asked comrade Ramiz about Mehmet Shehu. " +
		"Comrade Ramiz said that comrade Mehmet sent his greetings. Liu Shaoqi thanked Alia."
	_, got := entitiesOf(t, "doc", text)
	want := []string{
		"Liu Shaoqi: Chairman Liu Shaoqi|Chairman Liu|Liu Shaoqi",
		"Mehmet Shehu: Mehmet Shehu|comrade Mehmet",
		"Ramiz Alia: Comrade Ramiz Alia|comrade Ramiz|Comrade Ramiz|Alia",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestResolveSharedSurname(t *testing.T) {
	// the wife is not the minister; two Kims are told apart by their titles
	text := "Mrs. Bohlen and I lunched with Ambassador Menshikov. Charles E. Bohlen spoke later. " +
		"Chong Hee Lee, Minister of Finance, and Ambassador Dong Jo Lee attended. " +
		"Finance Minister Lee raised the question of credits. Ambassador Lee agreed. Bohlen left."
	_, got := entitiesOf(t, "doc", text)
	want := []string{
		"Charles E. Bohlen: Charles E. Bohlen|Bohlen",
		"Chong Hee Lee: Chong Hee Lee|Finance Minister Lee",
		"Dong Jo Lee: Ambassador Dong Jo Lee|Ambassador Lee",
		// a title and a surname only one person of the authority list has
		"Mikhail Menshikov: Ambassador Menshikov",
		"Mrs. Bohlen: Mrs. Bohlen",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestResolveWadeGilesAndIDs(t *testing.T) {
	d1, _ := entitiesOf(t, "one", "Premier Chou En-lai received the delegation in Peking. Chou spoke first. Wang was silent.")
	d2, _ := entitiesOf(t, "two", "Zhou Enlai met Wang Bingnan in Warsaw.")
	id := func(d *Document, name string) string {
		for _, e := range d.Entities {
			if e.Name == name {
				return e.ID
			}
		}
		return ""
	}
	if a, b := id(d1, "Zhou Enlai"), id(d2, "Zhou Enlai"); a == "" || a != b || a != "zhou-enlai" {
		t.Errorf("Zhou Enlai: ids %q and %q, want both zhou-enlai", a, b)
	}
	// a bare surname never links two documents
	for _, e := range d1.Entities {
		if e.Name == "Wang" && !strings.HasPrefix(e.ID, "one-") {
			t.Errorf("bare surname Wang has id %q, want it scoped to the document", e.ID)
		}
	}
	// every form but the canonical one is an alternative name
	for _, e := range d1.Entities {
		if e.Name == "Zhou Enlai" && fmt.Sprint(e.AltNames) != "[Chou En-lai Chou]" {
			t.Errorf("alt names %q", e.AltNames)
		}
	}
}

func TestResolveSpeakersAndRoles(t *testing.T) {
	text := "Record of a Conversation between Premier Zhou Enlai and Comrade Spiro Koleka\n\n" +
		"Premier Zhou: Have you rested well?\n\n" +
		"Comrade Spiro Koleka: Very well. Xie Fuzhi is a member of the Secretariat and minister of public security.\n\n" +
		"The interpreter: He thanks you.\n\n" +
		"Premier Zhou: Good.\n"
	d, _ := entitiesOf(t, "doc", text)
	var speakers []string
	for _, tu := range d.Turns {
		s := "-"
		if tu.Speaker >= 0 {
			s = d.Entities[tu.Speaker].Name
		}
		speakers = append(speakers, s)
	}
	if want := "[Zhou Enlai Spiro Koleka - Zhou Enlai]"; fmt.Sprint(speakers) != want {
		t.Errorf("speakers %v, want %s", speakers, want)
	}
	for _, e := range d.Entities {
		switch e.Name {
		case "Zhou Enlai":
			if fmt.Sprint(e.Roles) != "[Premier]" {
				t.Errorf("Zhou roles %q", e.Roles)
			}
		case "Xie Fuzhi":
			if len(e.Roles) != 1 || !strings.HasPrefix(e.Roles[0], "member of the Secretariat") {
				t.Errorf("Xie roles %q", e.Roles)
			}
			if len(e.MemberOf) != 1 || d.Entities[e.MemberOf[0]].Name != "Secretariat" {
				t.Errorf("Xie member of %v", e.MemberOf)
			}
		}
	}
}

func TestResolveNationalityAndApposition(t *testing.T) {
	text := "The Soviet Ambassador Menshikov called. Foy D. Kohler, Assistant Secretary of State, received him."
	d, _ := entitiesOf(t, "doc", text)
	for _, e := range d.Entities {
		switch e.Name {
		case "Mikhail Menshikov":
			if !strings.Contains(e.Nationality, "Soviet") || fmt.Sprint(e.Roles) != "[Ambassador]" {
				t.Errorf("Menshikov: nationality %q roles %q", e.Nationality, e.Roles)
			}
		case "Foy D. Kohler":
			if fmt.Sprint(e.Roles) != "[Assistant Secretary of State]" {
				t.Errorf("Kohler roles %q", e.Roles)
			}
		}
	}
}

func TestSlip(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"todor zhivkov", "todor zhivkow", true},
		{"ramiz alia", "ramiz alla", true},
		{"wang zhen", "wang zheng", true},
		{"chen yi", "chen li", false}, // too short to tell a typoSlip from another name
		{"kim sung-eun", "lee sung-eun", false},
		{"hysni kapo", "hysni kapo", false},
	}
	for _, tc := range tests {
		if got := typoSlip(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
			t.Errorf("typoSlip(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
