package shell

import (
	"strings"

	"github.com/c-bata/go-prompt"

	"epicevents/commands"
	"epicevents/shell/lex"
)

// Completer completes the line at the prompt: the lexer reads the
// unfinished line leniently, and the commands layer's completer, which
// reads the command table with the parser that dispatch uses, suggests the
// word being typed.
type Completer struct {
	commands.Completer
}

// Complete returns the suggestions for the word before the cursor. go-prompt
// replaces that word, up to the last space, with the chosen suggestion.
// Complete never panics: completion must not take the shell down.
func (c *Completer) Complete(d prompt.Document) (out []prompt.Suggest) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	line := d.TextBeforeCursor()
	if i := strings.LastIndexAny(line, "\r\n"); i >= 0 {
		line = line[i+1:]
	}
	// go-prompt asks again after every key, and after Enter with an empty
	// line: the list of commands shows on Tab only.
	if strings.TrimSpace(line) == "" && d.LastKeyStroke() != prompt.Tab {
		return nil
	}
	words, cur, ok := lex.SplitPartial(line)
	if !ok {
		return nil
	}
	for _, s := range c.Completer.Complete(words, cur) {
		// A suggestion that needs quotes cannot replace the word as typed.
		if lex.Quote(s.Text) == s.Text {
			out = append(out, prompt.Suggest{Text: s.Text, Description: s.Description})
		}
	}
	return out
}
