package shell

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/c-bata/go-prompt"

	"epicevents/commands"
	"epicevents/model"
	"epicevents/query"
	"epicevents/shell/lex"
)

// values suggests the values of kind that start with cur, for a flag or an
// argument of cmd; args are the positional arguments already given.
func (c *Completer) values(cmd *commands.Command, kind commands.Complete, cur string, args []string) []prompt.Suggest {
	switch kind {
	case commands.CompleteDept:
		var names []string
		for _, d := range model.Departments {
			names = append(names, string(d))
		}
		return wordSuggests(names, cur, "department")
	case commands.CompleteFormat:
		return wordSuggests(commands.Formats, cur, "output format")
	case commands.CompleteBool:
		return wordSuggests([]string{"true", "false"}, cur, "")
	case commands.CompleteField:
		return wordSuggests(cmd.Fields, cur, "field")
	case commands.CompleteEntity:
		return wordSuggests(entities(c.Table), cur, "kind of record")
	case commands.CompleteCommand:
		return commandPathSuggests(c.Table, args, cur)
	case commands.CompleteFile:
		return fileSuggests(cur)
	case commands.CompleteUser:
		return c.usernames(cur, "")
	case commands.CompleteSales:
		return c.usernames(cur, model.Commercial)
	case commands.CompleteSupport:
		out := wordSuggests([]string{"none"}, cur, "no support contact")
		return append(out, c.usernames(cur, model.Support)...)
	case commands.CompleteClient:
		return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) { return tx.ClientsLike(cur, limit) })
	case commands.CompleteContr:
		return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) { return tx.ContractsLike(cur, limit) })
	case commands.CompleteEvent:
		return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) { return tx.EventsLike(cur, limit) })
	}
	return nil
}

// usernames suggests the collaborators of dept ("" for any) whose username
// starts with cur.
func (c *Completer) usernames(cur string, dept model.Department) []prompt.Suggest {
	return c.lookup(func(tx *query.Tx, limit int) ([][2]string, error) {
		return tx.UsernamesLike(cur, dept, limit)
	})
}

// lookup runs one completion query in a short read transaction and turns
// its pairs of value and description into suggestions. A failure or a
// timeout suggests nothing: completion is a help, never an error.
func (c *Completer) lookup(find func(tx *query.Tx, limit int) ([][2]string, error)) []prompt.Suggest {
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
	out := make([]prompt.Suggest, len(pairs))
	for i, p := range pairs {
		out[i] = prompt.Suggest{Text: p[0], Description: p[1]}
	}
	return out
}

// wordSuggests suggests the words of list that start with cur.
func wordSuggests(list []string, cur, description string) []prompt.Suggest {
	var out []prompt.Suggest
	for _, w := range list {
		if hasPrefix(w, cur) {
			out = append(out, prompt.Suggest{Text: w, Description: description})
		}
	}
	return out
}

// entities are the kinds of record: the commands that show one.
func entities(table []*commands.Command) []string {
	var out []string
	for _, c := range table {
		if c.Lookup("show") != nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// commandPathSuggests suggests the next word of a command path, as help
// takes it: a command, then its sub-commands.
func commandPathSuggests(table []*commands.Command, path []string, cur string) []prompt.Suggest {
	if len(path) == 0 {
		return commandSuggests(table, cur)
	}
	cmd, n := commands.Resolve(table, path)
	if cmd == nil || n < len(path) {
		return nil
	}
	return commandSuggests(cmd.Sub, cur)
}

// maxFiles bounds the files suggested from one folder.
const maxFiles = 50

// fileSuggests suggests the files and folders (with a trailing /) whose
// path starts with cur, relative to the working directory, in name order.
func fileSuggests(cur string) []prompt.Suggest {
	dir, base := filepath.Split(cur)
	list := dir
	if list == "" {
		list = "."
	}
	entries, err := os.ReadDir(list)
	if err != nil {
		return nil
	}
	var out []prompt.Suggest
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		text, desc := dir+name, "file"
		if e.IsDir() {
			text, desc = text+"/", "folder"
		}
		if lex.Quote(text) != text {
			continue // a name that needs quotes cannot replace the word as typed
		}
		out = append(out, prompt.Suggest{Text: text, Description: desc})
		if len(out) == maxFiles {
			break
		}
	}
	return out
}
