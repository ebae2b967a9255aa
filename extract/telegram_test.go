package extract

import (
	"slices"
	"testing"
)

// Prose in capitals, lexical context and name shapes the finder reads
// without the help of capitals (none of these strings is in the
// evaluation sets).
func TestFindMentionsGeneralized(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"telegram in capitals: titles, known names, places",
			"1. FONMIN GROMYKO TOLD AMB THOMPSON TODAY THAT SOVIET GOVT WOULD NOT ACCEPT PROPOSAL. PRES NASSER ARRIVED CAIRO FROM DAMASCUS LAST NIGHT.",
			[]string{"Per:FONMIN GROMYKO", "Per:AMB THOMPSON", "Per:PRES NASSER", "Pla:CAIRO", "Pla:DAMASCUS"}},
		{"telegram: a common word after a name is no part of it",
			"2. DEPUTY FONMIN KUZNETSOV SAID USSR WILL RAISE MATTER IN UN SECURITY COUNCIL NEXT WEEK AND THAT IT HAS SO FAR HAD NO REPLY.",
			[]string{"Per:DEPUTY FONMIN KUZNETSOV", "Pla:USSR", "Org:UN SECURITY COUNCIL"}},
		{"telegram: ordinal and head word, particles",
			"3. FOURTH ARMY UNDER GEN ALVES JOINED REBELS YESTERDAY. PEDRO DE SOUSA ARRIVED IN BELO HORIZONTE BY AIR THIS MORNING.",
			[]string{"Org:FOURTH ARMY", "Per:GEN ALVES", "Per:PEDRO DE SOUSA", "Pla:BELO HORIZONTE"}},
		{"telegram: a body named by a common word, not when qualified",
			"4. CONGRESS WILL VOTE ON BUDGET TOMORROW BUT PARTY CONGRESS HAS BEEN POSTPONED UNTIL AUTUMN, EMBASSY LEARNS.",
			[]string{"Org:CONGRESS"}},
		{"a lone word after a locative preposition is a place",
			"Troops moved from Kretovo to Zalesye, and he was born in Pskovitsa.",
			[]string{"Pla:Kretovo", "Pla:Zalesye", "Pla:Pskovitsa"}},
		{"a preposition opening a sentence", "In Kvintsy, the talks went on. To Koprivshtitsa by car the next day.",
			[]string{"Pla:Kvintsy", "Pla:Koprivshtitsa"}},
		{"a cement trust in a town", "Kaganovich will direct the cement trust in Zelenodolsk.",
			[]string{"Pla:Zelenodolsk"}},
		{"a place noun after the name", "The Dubrovka works were closed after the strike.",
			[]string{"Pla:Dubrovka"}},
		{"possessive before a noun stays a person", "In Zhivkov's view the talks failed; he wrote to Podgorny.",
			[]string{"Per:Zhivkov", "Per:Podgorny"}},
		{"group possessive inside a body", "The Romanian Workers' Party and the Writers' Union met.",
			[]string{"Org:Romanian Workers' Party", "Org:Writers' Union"}},
		{"suffix after a comma belongs to the name", "Present were Mr. John T. Doe, Jr., and Mr. Kent.",
			[]string{"Per:Mr. John T. Doe, Jr."}},
		{"particles inside a name", "Later Adriano de Barros and Costa e Silva spoke.",
			[]string{"Per:Adriano de Barros", "Per:Costa e Silva"}},
		{"a weekday after 'on' ends a body", "Kadar spoke in Parliament on Saturday about the police.",
			[]string{"Per:Kadar"}},
		{"a place named in a rank", "He was made a Marshal of the Soviet Union in 1955.",
			[]string{"Pla:Soviet Union"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentionsOf(t, tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q\n got %q\nmissing %q", tt.text, got, w)
				}
			}
		})
	}
}

func TestFindMentionsNoRunOn(t *testing.T) {
	text := "2. GOVERNOR FALCAO SPENT NIGHT IN PALACE SURROUNDED BY VOLUNTEERS. WE HAVE GONE SO FAR AS WE CAN."
	got := mentionsOf(t, text)
	for _, m := range got {
		switch m {
		case "Per:GOVERNOR FALCAO":
		default:
			t.Errorf("unexpected mention %q in %q", m, got)
		}
	}
	if !slices.Contains(got, "Per:GOVERNOR FALCAO") {
		t.Errorf("got %q, want GOVERNOR FALCAO", got)
	}
}
