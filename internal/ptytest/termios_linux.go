package ptytest

import "golang.org/x/sys/unix"

// ioctlGetTermios reads terminal settings (its name differs on the BSDs).
const ioctlGetTermios = unix.TCGETS
