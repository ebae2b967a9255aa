//go:build !linux

package graph

import bolt "go.etcd.io/bbolt"

// releaseMapped and adviseMapped do nothing where the advice is not known
// to keep a shared mapping's contents (see mapped_linux.go).
func releaseMapped(*bolt.DB) {}

func adviseMapped(*bolt.DB) {}
