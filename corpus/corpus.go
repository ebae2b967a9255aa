// Package corpus finds the documents a user points Dossier at: files named
// on the command line and the text and Markdown files in folders, walked
// recursively in a stable order.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Extensions are the file name endings Dossier reads when it walks a
// folder. A file named explicitly is read whatever its name.
var Extensions = []string{".txt", ".text", ".md", ".markdown"}

// Housekeeping names a folder's files that describe the folder rather
// than being documents of it (README.md, SOURCES.md, LICENSE.txt); a
// folder walk skips them, compared without extension and case.
var Housekeeping = []string{"readme", "sources", "license", "licence", "changelog", "contributing", "notice", "copying", "authors"}

// Source is one document file.
type Source struct {
	Path string
	Size int64
}

// ErrNoDocuments is returned when the paths hold no document at all.
var ErrNoDocuments = errors.New("no documents (looked for " + strings.Join(Extensions, ", ") + " files)")

// Find expands paths into document files: a file is taken as it is, a
// folder is walked recursively for files with one of Extensions, skipping
// hidden files and folders. The result is sorted by path within each
// argument and has no duplicates. A folder's housekeeping files (README,
// SOURCES, LICENSE) are not documents. An unreadable path is an error naming it.
func Find(paths []string) ([]Source, error) {
	var out []Source
	seen := map[string]bool{}
	add := func(path string, size int64) {
		clean := filepath.Clean(path)
		if !seen[clean] {
			seen[clean] = true
			out = append(out, Source{Path: path, Size: size})
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, pathError(p, err)
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: not a regular file", p)
			}
			add(p, info.Size())
			continue
		}
		var found []Source
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return pathError(path, err)
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() || !IsDocumentName(name) || isHousekeeping(name) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return pathError(path, err)
			}
			found = append(found, Source{Path: path, Size: info.Size()})
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].Path < found[j].Path })
		for _, s := range found {
			add(s.Path, s.Size)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", strings.Join(paths, ", "), ErrNoDocuments)
	}
	return out, nil
}

// IsDocumentName reports whether a file name has one of Extensions.
func IsDocumentName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

func isHousekeeping(name string) bool {
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	for _, h := range Housekeeping {
		if base == h {
			return true
		}
	}
	return false
}

// pathError words an os error as "PATH: reason" without repeating the
// path that os.PathError already carries.
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return fmt.Errorf("%s: %w", path, err)
}
