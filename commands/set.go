package commands

import (
	"slices"
	"sort"
	"strings"
)

// SettingValues are the settings of the set command and the values each
// takes: how lists are shown (expanded) and whether long output goes
// through the pager, for the rest of the session.
var SettingValues = map[string][]string{
	"expanded": {"auto", "on", "off"},
	"pager":    {"on", "off"},
}

// Setting is one setting the set command changes.
type Setting struct{ Name, Value string }

var setCommand = &Command{Name: "set", Short: "show the session's settings, or change them: set expanded auto|on|off, set pager on|off",
	Args: []Arg{{Name: "SETTING", Optional: true, Complete: CompleteSetting}, {Name: "VALUE", Optional: true, Complete: CompleteSettingValue},
		{Name: "SETTING", Optional: true, Complete: CompleteSetting}, {Name: "VALUE", Optional: true, Complete: CompleteSettingValue}},
	Local: true, Run: runSet}

// runSet checks the settings named; the shell applies them and shows them
// all when none is named.
func runSet(c *Ctx) (Result, error) {
	res := Result{Set: []Setting{}}
	args := c.Args
	for len(args) > 0 {
		name := args[0]
		values, ok := SettingValues[name]
		if !ok {
			return Result{}, usagef("unknown setting %q:%s settings: %s", name, DidYouMean(name, settingNames()), strings.Join(settingNames(), ", "))
		}
		if len(args) < 2 {
			return Result{}, usagef("set %s needs a value: %s", name, strings.Join(values, ", "))
		}
		if !slices.Contains(values, args[1]) {
			return Result{}, usagef("set %s: %q is not one of %s", name, args[1], strings.Join(values, ", "))
		}
		res.Set = append(res.Set, Setting{Name: name, Value: args[1]})
		args = args[2:]
	}
	return res, nil
}

func settingNames() []string {
	var names []string
	for n := range SettingValues {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
