package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionText(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{}
		for i := 0; i < len(kv); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return info
	}
	for _, c := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"NoBuildInfo", nil, "epicevents " + Version + "\n"},
		{"NoVCS", vcs("-compiler", "gc"), "epicevents " + Version + "\n"},
		{"Clean", vcs("vcs", "git", "vcs.revision", "9547ce0a1b2c", "vcs.time", "2026-12-03T06:00:00Z", "vcs.modified", "false"),
			"epicevents " + Version + "\nrevision 9547ce0a1b2c\ndate 2026-12-03T06:00:00Z\n"},
		{"Modified", vcs("vcs.revision", "9547ce0a1b2c", "vcs.time", "2026-12-03T06:00:00Z", "vcs.modified", "true"),
			"epicevents " + Version + "\nrevision 9547ce0a1b2c (modified)\ndate 2026-12-03T06:00:00Z\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := versionText(c.info); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
