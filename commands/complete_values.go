package commands

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"epicevents/model"
	"epicevents/query"
)

// values suggests the values of kind that start with cur, for a flag or an
// argument of cmd; args are the positional arguments already given.
func (c *Completer) values(cmd *Command, kind Complete, cur string, args []string) []Suggestion {
	switch kind {
	case CompleteDept:
		var names []string
		for _, d := range model.Departments {
			names = append(names, string(d))
		}
		return wordSuggests(names, cur, "department")
	case CompleteFormat:
		return wordSuggests(Formats, cur, "output format")
	case CompleteBool:
		return wordSuggests([]string{"true", "false"}, cur, "")
	case CompleteShell:
		return wordSuggests(Shells, cur, "shell")
	case CompleteField:
		return wordSuggests(cmd.Fields, cur, "field")
	case CompleteEntity:
		return wordSuggests(entities(c.Table), cur, "kind of record")
	case CompleteCommand:
		return commandPathSuggests(c.Table, args, cur)
	case CompleteColumns:
		return columnSuggests(cmd.OutputKeys(), cur)
	case CompleteSetting:
		return wordSuggests(settingNames(), cur, "setting")
	case CompleteSettingValue: // the argument after the setting's name
		name := args[len(args)-1]
		return wordSuggests(SettingValues[name], cur, name)
	case CompleteFile:
		return fileSuggests(cur)
	case CompleteUser:
		return c.usernames(cur, "")
	case CompleteSales:
		return c.usernames(cur, model.Commercial)
	case CompleteSupport:
		out := wordSuggests([]string{"none"}, cur, "no support contact")
		return append(out, c.usernames(cur, model.Support)...)
	case CompleteClient:
		return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) { return tx.ClientsLike(cur, limit) })
	case CompleteContr:
		return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) { return tx.ContractsLike(cur, limit) })
	case CompleteEvent:
		return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) { return tx.EventsLike(cur, limit) })
	}
	return nil
}

// usernames suggests the collaborators of dept ("" for any) whose username
// starts with cur.
func (c *Completer) usernames(cur string, dept model.Department) []Suggestion {
	return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) {
		return tx.UsernamesLike(cur, dept, limit)
	})
}

// lookup runs one completion query in a short read transaction and turns
// its pairs of value and description into suggestions. A failure or a
// timeout suggests nothing: completion is a help, never an error.
func (c *Completer) lookup(find func(tx *query.Tx, limit int) ([][2]string, error)) []Suggestion {
	if c.DB == nil || (c.Lookups != nil && !c.Lookups()) {
		return nil
	}
	limit, timeout := c.Limit, c.Timeout
	if limit <= 0 {
		limit = 20
	}
	if timeout <= 0 {
		timeout = 500 * time.Millisecond
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var pairs [][2]string
	err := c.DB.View(ctx, func(tx *query.Tx) error {
		var err error
		pairs, err = find(tx, limit)
		return err
	})
	if err != nil {
		return nil
	}
	out := make([]Suggestion, len(pairs))
	for i, p := range pairs {
		out[i] = Suggestion{Text: p[0], Description: displayable(p[1])}
	}
	return out
}

// wordSuggests suggests the words of list that start with cur.
func wordSuggests(list []string, cur, description string) []Suggestion {
	var out []Suggestion
	for _, w := range list {
		if hasPrefix(w, cur) {
			out = append(out, Suggestion{Text: w, Description: description})
		}
	}
	return out
}

// entities are the kinds of record: the commands that show one.
func entities(table []*Command) []string {
	var out []string
	for _, c := range table {
		if c.Lookup("show") != nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// commandPathSuggests suggests the next word of a command path, as help
// takes it: a command, then its sub-
func commandPathSuggests(table []*Command, path []string, cur string) []Suggestion {
	if len(path) == 0 {
		return commandSuggests(table, cur)
	}
	cmd, n := Resolve(table, path)
	if cmd == nil || n < len(path) {
		return nil
	}
	return commandSuggests(cmd.Sub, cur)
}

// maxFiles bounds the files suggested from one folder.
const maxFiles = 50

// displayable returns s as a completion menu may show it: what a
// terminal would act on rather than show, or what shows nothing (control
// characters, which another program may have stored in a name, format
// characters such as bidirectional overrides, zero-width spaces and soft
// hyphens, line and paragraph separators) is dropped, and line breaks and
// tabs become spaces. The joiners that shape a script or an emoji stay.
// The shell's menu and the completion scripts (zsh, fish) print
// descriptions as they are.
func displayable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return ' '
		case r == '\u200c' || r == '\u200d':
			return r
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// fileSuggests suggests the files and folders (with a trailing /) whose
// path starts with cur, relative to the working directory, in name order.
func fileSuggests(cur string) []Suggestion {
	dir, base := filepath.Split(cur)
	list := dir
	if list == "" {
		list = "."
	}
	entries, err := os.ReadDir(list)
	if err != nil {
		return nil
	}
	var out []Suggestion
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) ||
			displayable(name) != name { // a name the menu could not show as it is
			continue
		}
		text, desc := dir+name, "file"
		if e.IsDir() {
			text, desc = text+"/", "folder"
		}
		out = append(out, Suggestion{Text: text, Description: desc})
		if len(out) == maxFiles {
			break
		}
	}
	return out
}

// columnSuggests suggests the next key of a --columns value: the keys not
// chosen yet that start with what follows the last comma, each with the
// keys before it (id,na offers id,name), and all at first.
func columnSuggests(keys []string, cur string) []Suggestion {
	i := strings.LastIndexByte(cur, ',') // -1 without a comma
	done, part := cur[:i+1], cur[i+1:]
	chosen := strings.Split(done, ",")
	var out []Suggestion
	if done == "" && hasPrefix("all", part) {
		out = append(out, Suggestion{Text: "all", Description: "every column"})
	}
	for _, k := range keys {
		if !slices.Contains(chosen, k) && hasPrefix(k, part) {
			out = append(out, Suggestion{Text: done + k, Description: "column"})
		}
	}
	return out
}
