package extract

import (
	"strings"
	"testing"
)

func TestToPinyin(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Chou En-lai", "Zhou Enlai", true},
		{"Jao Shu-shih", "Rao Shushi", true},
		{"Teng Hsiao-p'ing", "Deng Xiaoping", true},
		{"Teng Hsiao-p’ing", "Deng Xiaoping", true}, // typographic apostrophe
		{"Liu Shao-ch'i", "Liu Shaoqi", true},
		{"Mao Tse-tung", "Mao Zedong", true},
		{"Chang Han-fu", "Zhang Hanfu", true},
		{"Chiang Ching-kuo", "Jiang Jingguo", true},
		{"Huang Shao-ku", "Huang Shaogu", true},
		{"Ch'en Yi", "Chen Yi", true},
		{"Hsü Hsiang-ch'ien", "Xu Xiangqian", true},
		// no mark of Wade-Giles: left alone (pinyin, or unknowable)
		{"Kao Kang", "Kao Kang", false},
		{"Zhou Enlai", "Zhou Enlai", false},
		{"Chang Chun", "Chang Chun", false},
		// not Chinese syllables at all
		{"Kim Il-sung", "Kim Il-sung", false},
		{"Park Chung-hee", "Park Chung-hee", false},
		{"Dean Rusk", "Dean Rusk", false},
		{"Chou", "Chou", false}, // one word: never converted
	}
	for _, tc := range tests {
		got, ok := lex.ToPinyin(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ToPinyin(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPinyinSyllables(t *testing.T) {
	lex, _ := DefaultLexicon()
	tests := []struct{ in, want string }{
		{"Zedong", "ze dong"},
		{"Dehuai", "de huai"},
		{"Xiaoping", "xiao ping"},
		{"Kecheng", "ke cheng"},
		{"Enlai", "en lai"},
		{"Xian", "xian"}, // one syllable, not xi-an
		{"Chunqiao", "chun qiao"},
		{"Rusk", ""},
		{"Hoxha", ""},
	}
	for _, tc := range tests {
		got := strings.Join(lex.pinyinSyllables(tc.in), " ")
		if got != tc.want {
			t.Errorf("pinyinSyllables(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTitleCase(t *testing.T) {
	for in, want := range map[string]string{"DOBRYNIN": "Dobrynin", "SHU-SHIH": "Shu-Shih", "O'BRIEN": "O'brien", "ÇAKO": "Çako"} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}
