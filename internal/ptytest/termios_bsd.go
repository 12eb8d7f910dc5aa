//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package ptytest

import "golang.org/x/sys/unix"

// ioctlGetTermios reads terminal settings (its name differs on Linux).
const ioctlGetTermios = unix.TIOCGETA
