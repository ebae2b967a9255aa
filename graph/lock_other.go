//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package graph

import "errors"

var errLocked = errors.New("locked")

// checkNotInUse cannot ask for the lock without flock(2); the bolt open
// still fails after lockTimeout when the store is in use.
func checkNotInUse(file string) error { return nil }
