// Package history keeps the shell's command history in a file, one command
// per line, so that it persists across sessions.
//
// The history holds command lines only. Passwords never appear in command
// lines (the shell asks for them with a prompt that does not echo and does
// not go through history), so callers must Add only what the user ran as a
// command, never the answer to a password or confirmation prompt.
package history

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// DefaultMax is the number of entries kept when Load or Open is given a limit
// below 1.
const DefaultMax = 1000

// mode is the history file's permission: commands can name clients and
// amounts, so only the user may read them.
const mode fs.FileMode = 0o600

// Load returns the last limit entries of the history file at path, oldest
// first. A missing file is an empty history.
func Load(path string, limit int) ([]string, error) {
	entries, _, err := load(path)
	if err != nil {
		return nil, err
	}
	return last(entries, normMax(limit)), nil
}

// History is the history of one shell session, backed by a file that every
// Add appends to at once, so that a killed process loses nothing.
// Its methods may be called from several goroutines.
type History struct {
	path string
	max  int

	mu      sync.Mutex
	entries []string // the last max entries, oldest first
	lines   int      // lines in the file, to know when to compact it
}

// Open loads the history file at path, keeping the last limit entries, and
// tightens the file's mode to 0600 if it is looser. A missing file is created
// at the first Add.
func Open(path string, limit int) (*History, error) {
	limit = normMax(limit)
	entries, lines, err := load(path)
	if err != nil {
		return nil, err
	}
	if err := tighten(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return &History{path: path, max: limit, entries: last(entries, limit), lines: lines}, nil
}

// Entries returns the entries, oldest first, as prompt.OptionHistory takes
// them.
func (h *History) Entries() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.entries...)
}

// Add records line and appends it to the file. It ignores blank lines and a
// line equal to the one before it. When the file has grown past twice the
// limit in lines, it is rewritten with the last limit entries.
func (h *History) Add(line string) error {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n := len(h.entries); n > 0 && h.entries[n-1] == line {
		return nil
	}
	h.entries = append(h.entries, line)
	if len(h.entries) > h.max {
		h.entries = append([]string(nil), last(h.entries, h.max)...)
	}
	if err := h.appendLine(line); err != nil {
		return err
	}
	h.lines++
	if h.lines > 2*h.max {
		return h.compact()
	}
	return nil
}

func (h *History) appendLine(line string) error {
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	// O_NOFOLLOW: a link put in place of the history would have us append
	// the operator's commands to, and chmod, any file it points to.
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, mode)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if err := tightenFile(f); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(escape(line) + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("history: %w", err)
	}
	return f.Close()
}

// compact rewrites the file with its last max entries. It reads the file
// again rather than writing h.entries, so that lines another shell appended
// meanwhile are kept, and replaces it by renaming, so that a crash leaves the
// old file or the new one, never half of one.
func (h *History) compact() error {
	entries, _, err := load(h.path)
	if err != nil {
		return err
	}
	entries = last(entries, h.max)
	tmp, err := os.CreateTemp(filepath.Dir(h.path), ".history-*") // created 0600
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	w := bufio.NewWriter(tmp)
	for _, e := range entries {
		w.WriteString(escape(e) + "\n")
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("history: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("history: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if err := os.Rename(tmp.Name(), h.path); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	h.lines = len(entries)
	return nil
}

// load returns every entry in the file and the number of lines it has.
func load(path string) (entries []string, lines int, err error) {
	data, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("history: %w", err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" {
			continue
		}
		lines++
		entries = append(entries, unescape(l))
	}
	return entries, lines, nil
}

// maxFileBytes bounds what is read of the history file: DefaultMax lines
// of the longest line the shell reads fit in it many times over.
const maxFileBytes = 64 << 20

// readFile reads the regular file at path, not through a link, and at most
// maxFileBytes of it.
func readFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := tightenFile(f); err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(f, maxFileBytes))
}

// tighten sets the file at path to mode 0600 if group or others have access.
func tighten(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return tightenFile(f)
}

func tightenFile(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("history: %s is not a file", f.Name())
	}
	if fi.Mode().Perm()&^mode != 0 {
		if err := f.Chmod(mode); err != nil {
			return fmt.Errorf("history: %w", err)
		}
	}
	return nil
}

func normMax(limit int) int {
	if limit < 1 {
		return DefaultMax
	}
	return limit
}

func last(entries []string, n int) []string {
	if len(entries) > n {
		return entries[len(entries)-n:]
	}
	return entries
}

// escape makes an entry fit on one line: a multi-line command is stored with
// its line ends as \n (and \r), and a backslash as \\ so that a command
// holding a literal backslash-n reads back the same.
func escape(s string) string {
	if !strings.ContainsAny(s, "\\\n\r") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unescape reverses escape. A backslash before any other character, or at the
// end, is kept as it is, so a file written by hand still loads.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i+1])
		}
		i++
	}
	return b.String()
}
