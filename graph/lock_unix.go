//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package graph

import (
	"errors"
	"os"
	"syscall"
)

var errLocked = errors.New("locked")

// checkNotInUse reports errLocked when another process holds bolt's lock
// on file. Bolt takes an exclusive flock(2) on its file and, as Cayley opens
// it, waits forever for it; this asks with LOCK_NB on a descriptor of our own
// and lets go at once. flock locks belong to the open file description, so
// closing ours never releases a lock held through another descriptor.
func checkNotInUse(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return errLocked
		}
		return err
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
