package main

import "runtime/debug"

// Version is the program's version, also the release reported to Sentry.
const Version = "0.1.0"

// versionText is what --version prints: the version, then the revision
// of the sources and the time of that revision, from the build
// information that the go command records when it builds from a version
// control checkout ("modified" when the checkout had uncommitted changes).
func versionText(info *debug.BuildInfo) string {
	text := "epicevents " + Version + "\n"
	if info == nil {
		return text
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	if rev := vcs["vcs.revision"]; rev != "" {
		text += "revision " + rev
		if vcs["vcs.modified"] == "true" {
			text += " (modified)"
		}
		text += "\n"
	}
	if at := vcs["vcs.time"]; at != "" {
		text += "date " + at + "\n"
	}
	return text
}
