package commands

import (
	"context"
	"reflect"
	"testing"
)

// TestExecuteCarriesOutputFlags checks that each output flag of a command
// line reaches the Result that the shell renders, alone or together.
func TestExecuteCarriesOutputFlags(t *testing.T) {
	e := newEnv(t).as("mia")
	for _, tc := range []struct {
		line     string
		format   string
		show     []string
		expanded bool
	}{
		{"client show 1", "", nil, false},
		{"client show 1 --format json", "json", nil, false},
		{"client show 1 --columns id,email", "", []string{"id", "email"}, false},
		{"client show 1 --expanded", "", nil, true},
		{"client list --format csv --columns email --expanded", "csv", []string{"email"}, true},
	} {
		var got Result
		err := e.App.Execute(context.Background(), split(tc.line), func(r Result) error { got = r; return nil })
		if err != nil {
			t.Fatalf("%s: %v", tc.line, err)
		}
		if got.Format != tc.format || !reflect.DeepEqual(got.Show, tc.show) || got.Expanded != tc.expanded {
			t.Errorf("%s: format %q, columns %q, expanded %v", tc.line, got.Format, got.Show, got.Expanded)
		}
	}
}
