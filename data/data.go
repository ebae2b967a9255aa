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

// Samples is the samples/ folder: short documents in the genre, written for
// the project (not archival text).
//
//go:embed samples
var Samples embed.FS
