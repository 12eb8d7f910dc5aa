package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the data that goes in and out: exit statuses, files
// as spreadsheets write them, calendars read back as a calendar would.

// checkStatus runs a program as exec does and checks its exit status:
// status CODE PROG [ARGS...]. Its stdout and stderr are then checked as
// exec's are.
func checkStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// toCRLF rewrites a file with CRLF line ends: crlf FILE.
func toCRLF(ts *testscript.TestScript, neg bool, args []string) {
	rewrite(ts, neg, args, "crlf", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) })
}

// addBOM puts the UTF-8 byte order mark first in a file, as spreadsheets
// do: bom FILE.
func addBOM(ts *testscript.TestScript, neg bool, args []string) {
	rewrite(ts, neg, args, "bom", func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) })
}

func rewrite(ts *testscript.TestScript, neg bool, args []string, name string, fn func([]byte) []byte) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: %s FILE", name)
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	ts.Check(os.WriteFile(path, fn(b), 0o644))
}

// icsDump reads an iCalendar file with github.com/emersion/go-ical, checks
// its raw lines (CRLF, at most 75 octets, whole UTF-8 characters), and
// writes its events, one property a line, to OUT: icsdump FILE OUT. The
// database part of the UIDs, the same in every UID, is written as DB, and
// DTSTAMP (the time of the last change) as "utc" when it is a UTC time.
func icsDump(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: icsdump FILE OUT")
	}
	raw, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		ts.Fatalf("%s does not end with CRLF", args[0])
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") || len(l) > 75 || !utf8.ValidString(l) {
			ts.Fatalf("%s: line %d is not a content line of at most 75 octets ending in CRLF: %q", args[0], i+1, l)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	var out strings.Builder
	for _, name := range []string{"VERSION", "PRODID"} {
		v, err := cal.Props.Text(name)
		ts.Check(err)
		fmt.Fprintf(&out, "%s=%s\n", name, v)
	}
	db := ""
	for _, e := range cal.Events() {
		out.WriteString("--\n")
		uid, err := e.Props.Text("UID")
		ts.Check(err)
		id, dbID, ok := strings.Cut(uid, "@")
		if !ok || (db != "" && dbID != db) || dbID == "" {
			ts.Fatalf("UID %q: want event-ID@DATABASE, the same database in every UID", uid)
		}
		db = dbID
		fmt.Fprintf(&out, "UID=%s@DB\n", id)
		icsDumpEvent(ts, &out, e)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(out.String()), 0o644))
}

func icsDumpEvent(ts *testscript.TestScript, out *strings.Builder, e ical.Event) {
	for _, name := range []string{"DTSTART", "DTEND", "DTSTAMP"} {
		t, err := e.Props.DateTime(name, time.Local)
		if err != nil || t.Location() != time.UTC {
			ts.Fatalf("%s: %v, %v: want a UTC time", name, t, err)
		}
		v := t.Format(time.RFC3339)
		if name == "DTSTAMP" {
			v = "utc"
		}
		fmt.Fprintf(out, "%s=%s\n", name, v)
	}
	var names []string
	for name := range e.Props {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch name {
		case "SUMMARY", "LOCATION", "DESCRIPTION":
			v, err := e.Props.Text(name)
			ts.Check(err)
			fmt.Fprintf(out, "%s=%s\n", name, strings.ReplaceAll(v, "\n", "\n  "))
		}
	}
}

// makeReadOnly makes a file one that epicevents cannot write: readonly
// FILE. Mode 0400 stops a user; root, whom modes do not stop, gets the
// immutable attribute, taken away again when the script ends. Guard the
// script with [readonly-files] (canMakeReadOnly).
func makeReadOnly(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: readonly FILE")
	}
	path := ts.MkAbs(args[0])
	ts.Check(os.Chmod(path, 0o400))
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			ts.Fatalf("chattr +i %s: %v %s", path, err, out)
		}
		ts.Defer(func() { exec.Command("chattr", "-i", path).Run() })
	}
}

// canMakeReadOnly reports whether makeReadOnly works here: always for a
// user; for root, where files take the immutable attribute.
func canMakeReadOnly() bool {
	if os.Geteuid() != 0 {
		return true
	}
	f, err := os.CreateTemp("", "readonly-probe")
	if err != nil {
		return false
	}
	f.Close()
	defer os.Remove(f.Name())
	if exec.Command("chattr", "+i", f.Name()).Run() != nil {
		return false
	}
	exec.Command("chattr", "-i", f.Name()).Run()
	return true
}
