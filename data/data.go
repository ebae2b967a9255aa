// Package data holds what Dossier knows that is not code: the lexicons the
// extractor reads (titles, places, organizations, authority lists,
// romanization tables; lexicon/README.md documents their format and
// sources) and the sample documents the project wrote itself. Everything
// here is embedded in the binary.
package data

import "embed"

// Lexicons is the lexicon/ folder.
//
//go:embed lexicon
var Lexicons embed.FS

// Samples is the samples/ folder: three short documents in the genre (a
// translated record of conversation with speaker turns, a FRUS-style
// memorandum, an embassy report), written for the project. They are not
// archival records, and each says so in its header.
//
//go:embed samples
var Samples embed.FS
