package shell

import "golang.org/x/sys/unix"

// The termios ioctls differ between Linux and the BSDs (as in golang.org/x/term).
const (
	ioctlGetTermios = unix.TCGETS
	ioctlSetTermios = unix.TCSETS
)
