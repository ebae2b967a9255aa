package extract

import (
	"fmt"
	"strings"
	"testing"
)

// mentionsOf runs the stages up to the entities on one text and returns
// its mentions as "Type:Text" (and "=Name" when the name differs).
func mentionsOf(t *testing.T, text string) []string {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	d := &Document{Text: text}
	d.Meta.ID = "test"
	ReadHeader(d)
	Segment(d)
	FindMentions(d, lex)
	var out []string
	for _, m := range d.Mentions {
		s := string(m.Type)[:3] + ":" + m.Text
		if !strings.HasSuffix(m.Text, m.Name) {
			s += "=" + m.Name
		}
		out = append(out, s)
	}
	return out
}

func TestFindMentions(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"honorific and full name", "Comrade Enver Hoxha received the delegation in Tirana.",
			[]string{"Per:Comrade Enver Hoxha", "Pla:Tirana"}},
		{"lower-case honorific", "We thank comrade Ramiz Alia for his words.",
			[]string{"Per:comrade Ramiz Alia"}},
		{"plural honorific before coordinated names", "The talks between Comrades Todor Zhivkov and Gheorghe Maurer ended.",
			[]string{"Per:Comrades Todor Zhivkov", "Per:Gheorghe Maurer"}},
		{"office before a surname", "Foreign Minister Gromyko said that Secretary of State Herter was mistaken.",
			[]string{"Per:Foreign Minister Gromyko", "Per:Secretary of State Herter"}},
		{"nationality before a title stays out", "He met the Polish Ambassador Spasowski in Warsaw.",
			[]string{"Per:Ambassador Spasowski", "Pla:Warsaw"}},
		{"a title without a name is a role", "The Prime Minister of Laos said that the Ambassador would come.",
			[]string{"Pla:Laos"}},
		{"possessive", "Nasser's speech was broadcast from Cairo.",
			[]string{"Per:Nasser", "Pla:Cairo"}},
		{"possessive after s", "Secretary Dulles' paper was read in Taipei.",
			[]string{"Per:Secretary Dulles", "Pla:Taipei"}},
		{"footnote mark glued to a name", "He spoke with Kosygin^[4] and with Podgorny[^5] about Hanoi.",
			[]string{"Per:Kosygin", "Per:Podgorny", "Pla:Hanoi"}},
		{"hyphenated Wade-Giles names", "The campaign against P'eng Chen and Lo Jui-ch'ing was long. Teng Hsiao-p'ing agreed.",
			[]string{"Per:P'eng Chen", "Per:Lo Jui-ch'ing", "Per:Teng Hsiao-p'ing"}},
		{"pinyin names", "Later Tao Zhu and Wang Renzhong were criticized in Wuhan.",
			[]string{"Per:Tao Zhu", "Per:Wang Renzhong", "Pla:Wuhan"}},
		{"a Chinese surname that is a pronoun", "A letter from He Zizhen arrived.",
			[]string{"Per:He Zizhen"}},
		{"diacritics", "The translation is by Elidor Mëhilli and Ndreçi Plasari.",
			[]string{"Per:Elidor Mëhilli", "Per:Ndreçi Plasari"}},
		{"initials", "Copies to W. Averell Harriman and to Dean Rusk.",
			[]string{"Per:W. Averell Harriman", "Per:Dean Rusk"}},
		{"organization with of", "A message from the Central Committee of the Communist Party of China to the Party of Labor of Albania.",
			[]string{"Org:Central Committee of the Communist Party of China", "Org:Communist Party of China", "Pla:China", "Org:Party of Labor of Albania", "Pla:Albania"}},
		{"ministry", "He worked in the Ministry of Higher Education before 1966.",
			[]string{"Org:Ministry of Higher Education"}},
		{"place and head word", "The Nanjing Military Region was reorganized.",
			[]string{"Org:Nanjing Military Region", "Pla:Nanjing"}},
		{"a footnote mark inside a name", "The head of the Planning^[7] Department resigned.",
			[]string{"Org:Planning^[7] Department=Planning Department"}},
		{"nested place", "The U.S. Government protested to the Embassy in the Soviet Union.",
			[]string{"Org:U.S. Government", "Pla:U.S.", "Org:Embassy in the Soviet Union", "Pla:Soviet Union"}},
		{"abbreviation", "The matter went to NATO and to the UN.",
			[]string{"Org:NATO", "Org:UN"}},
		{"ideology is no person", "They spoke of Mao Zedong Thought and of Marxism-Leninism.",
			nil},
		{"months and demonyms are no names", "In August the Albanian and Chinese comrades met the Soviets.",
			nil},
		{"sentence-initial common word", "Following dinner we talked. Throughout the evening Gromyko was silent.",
			[]string{"Per:Gromyko"}},
		{"agreement named after a place", "The Geneva Agreements and the Rio Treaty were cited.",
			nil},
		{"heading in capitals", "MEMORANDUM OF CONVERSATION WITH POLISH AMBASSADOR EDWARD DROZNIAK\n\nDrozniak called.",
			[]string{"Per:AMBASSADOR EDWARD DROZNIAK", "Per:Drozniak"}},
		{"plural of a name", "The peasants wanted to become Li Zichengs and Hong Xiuquans.",
			[]string{"Per:Li Zichengs=Li Zicheng", "Per:Hong Xiuquans=Hong Xiuquan"}},
		{"a surname seen with a title is a name elsewhere", "Chancellor Brandt arrived. Later the guests dined with Brandt.",
			[]string{"Per:Chancellor Brandt", "Per:Brandt"}},
		{"names listed with people", "Copies went to Hillenbrand, Brown, and Sonnenfeldt.",
			[]string{"Per:Hillenbrand", "Per:Brown", "Per:Sonnenfeldt"}},
		{"drafted by", "Drafted by Hummel and Nancy B. Ostrow of the Executive Secretariat.",
			[]string{"Per:Hummel", "Per:Nancy B. Ostrow", "Org:Executive Secretariat"}},
		{"building", "The meeting took place in the Cabinet Room of the White House.",
			[]string{"Pla:Cabinet Room", "Pla:White House"}},
		{"a numbered congress is a meeting", "The Fifth Congress of the Party of Labor of Albania opened.",
			[]string{"Org:Party of Labor of Albania", "Pla:Albania"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mentionsOf(t, tc.text)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%q\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestParticipantsList(t *testing.T) {
	text := `88. Memorandum of Conversation

Seoul, April 2, 1970.

PARTICIPANTS
Korean Side
The Prime Minister
Il Kwon Chung, Prime Minister
Tae Woo Kang, Minister of Information
American Side
Marshall Green, Assistant Secretary of State, NSC
Ambassador William J. Porter

The Prime Minister welcomed the delegation.
`
	got := mentionsOf(t, text)
	want := []string{"Pla:Seoul", "Per:Il Kwon Chung", "Per:Tae Woo Kang", "Per:Marshall Green", "Org:NSC",
		"Per:Ambassador William J. Porter"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestMentionSpans checks every mention's offsets against its text.
func TestMentionSpans(t *testing.T) {
	text := "Premier Zhou: Has Comrade Ramiz rested? \nComrade Spiro Koleka^[1]: Comrade Ramiz flies on Monday to Tiranë."
	lex, _ := DefaultLexicon()
	d := &Document{Text: text}
	Segment(d)
	FindMentions(d, lex)
	if len(d.Mentions) == 0 {
		t.Fatal("no mentions")
	}
	for _, m := range d.Mentions {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q has span %d-%d = %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		if strings.Contains(m.Name, "^[") {
			t.Errorf("name %q keeps a footnote mark", m.Name)
		}
	}
}
