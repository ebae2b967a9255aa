//go:build linux

package graph

import (
	"os"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel that this process no longer needs the
// pages of db's memory map resident (madvise MADV_DONTNEED). bbolt reads
// its file through a shared, read-only mapping, and every page a write
// transaction looks at stays in the process's resident set until the
// kernel needs the memory: a build of a few gigabytes of store would show
// gigabytes of resident memory that is in truth the file's page cache. On
// a shared file mapping the advice only unmaps the pages: their contents
// stay in the page cache, and the next read maps them again (a minor
// fault), so readers holding pointers into the map are unaffected.
//
// It must run between write transactions (the map moves when a write
// transaction grows the file); Loader.Flush calls it with the store's
// write lock held.
func releaseMapped(db *bolt.DB) {
	info := db.Info()
	fi, err := os.Stat(db.Path())
	if err != nil || info == nil || info.Data == 0 || fi.Size() <= 0 {
		return
	}
	// the file is never longer than the map (bbolt maps at least the
	// file), so this range is inside the mapping
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(fi.Size()), syscall.MADV_DONTNEED)
}
