//go:build unix

package server

import "syscall"

// fileLimit returns the process's soft limit on open files (which Go raises
// to the hard limit at start), or 0 when unknown.
func fileLimit() int {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil || rl.Cur > 1<<30 {
		return 0
	}
	return int(rl.Cur)
}
