//go:build linux

package graph

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel that this process no longer needs the
// pages of db's memory map resident (madvise MADV_DONTNEED). bbolt reads
// its file through a shared, read-only mapping, and every page a
// transaction looks at stays in the process's resident set until the
// kernel needs the memory: a build of a few gigabytes of store would show
// gigabytes of resident memory that is in truth the file's page cache. On
// a shared file mapping the advice only unmaps the pages: their contents
// stay in the page cache, and the next read maps them again (a minor
// fault), so readers holding pointers into the map are unaffected.
//
// It holds a read transaction while it advises: bbolt moves the map (in a
// write transaction that outgrows it) only when no read transaction is
// open, so the range advised is the map's. It can run at any time, but not
// inside a read transaction of the same goroutine (a write waiting to move
// the map would block the second one, and the first would never end).
func releaseMapped(db *bolt.DB) {
	tx, err := db.Begin(false)
	if err != nil {
		return
	}
	defer tx.Rollback()
	adviseMapped(db)
}

// adviseMapped is releaseMapped for a caller that knows the map cannot
// move meanwhile: inside a transaction, whose operations do not remap
// (a write transaction moves the map only while it commits).
func adviseMapped(db *bolt.DB) {
	info := db.Info()
	if info == nil || info.Data == 0 {
		return
	}
	// The length is the mapping's own, read from the kernel's list: the
	// file can be longer than the map for a moment (bbolt grows it ahead),
	// and advice past the map's end could fall on another mapping.
	n := mappingLen(info.Data)
	if n == 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, n, syscall.MADV_DONTNEED)
}

// mappingLen is the length of the mapping of this process that starts at
// addr (from /proc/self/maps), or 0.
func mappingLen(addr uintptr) uintptr {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0
	}
	defer f.Close()
	want := strconv.AppendUint(nil, uint64(addr), 16)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		r, _, _ := bytes.Cut(line, []byte(" "))
		start, end, ok := bytes.Cut(r, []byte("-"))
		if !ok || !bytes.Equal(bytes.TrimLeft(start, "0"), want) {
			continue
		}
		e, err := strconv.ParseUint(string(end), 16, 64)
		if err != nil || uintptr(e) <= addr {
			return 0
		}
		return uintptr(e) - addr
	}
	return 0
}
