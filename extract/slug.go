package extract

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into a stable identifier: diacritics folded to ASCII
// where they decompose ("Çako" → "cako", "Mëhilli" → "mehilli"), lower
// case, runs of anything but letters and digits turned into one '-'. Two
// spellings that differ only in case, accents or punctuation share a slug.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	decomposed := s // ASCII decomposes to itself
	if !isASCII(s) {
		decomposed = norm.NFD.String(s)
	}
	b.Grow(len(decomposed))
	for _, r := range decomposed {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9': // ASCII first
			b.WriteByte(byte(r))
			dash = false
		case 'A' <= r && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
			dash = false
		case r < 128: // no letter, digit or combining mark
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		case unicode.Is(unicode.Mn, r): // combining mark: drop
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// letters with no ASCII decomposition (ß, ø, Cyrillic) are kept
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

var isoDateRE = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

func isISODate(s string) bool { return isoDateRE.MatchString(s) }
