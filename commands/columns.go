package commands

import (
	"slices"
	"strings"

	"epicevents/model"
)

// AllColumns is what --columns all parses to: every key.
var AllColumns = []string{"all"}

// IsAllColumns reports whether cols is --columns all.
func IsAllColumns(cols []string) bool { return len(cols) == 1 && cols[0] == "all" }

// ParseColumns reads the value of --columns: keys separated by commas
// (spaces and repeats dropped), or all.
func ParseColumns(spec string) ([]string, error) {
	var keys []string
	for _, k := range strings.Split(spec, ",") {
		if k = strings.TrimSpace(k); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	switch {
	case len(keys) == 0:
		return nil, usagef("--columns needs keys separated by commas, or all")
	case IsAllColumns(keys):
		return AllColumns, nil
	case slices.Contains(keys, "all"):
		return nil, usagef("--columns all stands alone: it shows every key")
	}
	return keys, nil
}

// CheckColumns returns a usage error naming the first of want that is not
// one of keys, with the nearest key and the list of valid ones.
func CheckColumns(want, keys []string) error {
	if IsAllColumns(want) {
		return nil
	}
	for _, k := range want {
		if !slices.Contains(keys, k) {
			return model.Errorf(model.EUSAGE, "unknown column %q:%s columns: %s, or all",
				k, DidYouMean(k, keys), strings.Join(keys, ", "))
		}
	}
	return nil
}
