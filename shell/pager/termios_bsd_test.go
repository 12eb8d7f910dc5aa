//go:build darwin || freebsd || netbsd || openbsd

package pager

import "golang.org/x/sys/unix"

const ioctlGetTermios = unix.TIOCGETA
