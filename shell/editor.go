package shell

import (
	"fmt"
	"os"
	"unicode/utf8"

	"github.com/c-bata/go-prompt"

	"epicevents/commands"
	"epicevents/shell/history"
	"epicevents/shell/lex"
)

// continuationPrompt is the prompt of the next line of a command that goes
// on: after an open quote or a trailing backslash, as in batches.
const continuationPrompt = "...> "

// editor reads command lines with go-prompt's Input. Input, unlike Run,
// installs no signal handler that would race the shell's (signals.go); it
// returns at Enter, at Ctrl-D on an empty line, and when the exit checker
// says so: the editor has it return, the line kept, after redrawKey (the
// window changed size) and after Ctrl-C on a continuation line.
type editor struct {
	p   *prompt.Prompt
	t   *tty
	app *commands.App

	// How the last Input returned, set by key bindings as it runs.
	entered     bool   // Enter
	redraw      bool   // redrawKey
	interrupted bool   // Ctrl-C with a command continued
	text        string // the line being edited, when Input returned at redrawKey

	// pending holds the first lines of a command that goes on.
	pending string
	// search is Ctrl-R's reverse search through the history.
	search *search
}

// newEditor returns the editor of the shell, on the terminal t, completing
// from the command table and recalling hist (which may be nil).
func (s *Shell) newEditor(t *tty, hist *history.History) *editor {
	e := &editor{t: t, app: s.App}
	completer := &Completer{Completer: *s.App.Completer()}
	var past []string
	if hist != nil {
		past = hist.Entries()
	}
	e.search = &search{history: append([]string(nil), past...)}
	t.keys = e.search.key
	enter := func(*prompt.Buffer) { e.entered = true }
	opts := []prompt.Option{
		prompt.OptionParser(t),
		prompt.OptionPrefix("epicevents> "),
		prompt.OptionLivePrefix(func() (string, bool) { return e.prefix(), true }),
		prompt.OptionHistory(past),
		prompt.OptionCompletionWordSeparator(" "),
		prompt.OptionMaxSuggestion(10),
		prompt.OptionAddKeyBind(
			prompt.KeyBind{Key: prompt.Enter, Fn: enter},
			prompt.KeyBind{Key: prompt.ControlM, Fn: enter},
			prompt.KeyBind{Key: prompt.ControlJ, Fn: enter},
			prompt.KeyBind{Key: prompt.F24, Fn: func(*prompt.Buffer) { e.redraw = true }},
			prompt.KeyBind{Key: prompt.ControlC, Fn: func(*prompt.Buffer) { e.interrupted = e.pending != "" }},
			prompt.KeyBind{Key: prompt.ControlLeft, Fn: wordLeft},
			prompt.KeyBind{Key: prompt.ControlR, Fn: e.search.begin},
			prompt.KeyBind{Key: prompt.F23, Fn: e.search.apply},
			prompt.KeyBind{Key: prompt.ControlRight, Fn: wordRight},
		),
		prompt.OptionSetExitCheckerOnInput(func(text string, breakline bool) bool {
			e.text = text
			return !breakline && (e.redraw || e.interrupted)
		}),
		prompt.OptionAddASCIICodeBind(
			prompt.ASCIICodeBind{ASCIICode: []byte("\x1bb"), Fn: wordLeft},
			prompt.ASCIICodeBind{ASCIICode: []byte("\x1bf"), Fn: wordRight},
			prompt.ASCIICodeBind{ASCIICode: []byte("\x1b\x7f"), Fn: deleteWordLeft},
		),
	}
	if s.Render.NoColor {
		opts = append(opts, noColors()...)
	}
	e.p = prompt.New(func(string) {}, completer.Complete, opts...)
	return e
}

// prefix is the prompt text.
func (e *editor) prefix() string {
	if e.pending != "" {
		return continuationPrompt
	}
	if p, ok := e.search.prefix(); ok {
		return p
	}
	// The session's claims, read without the database: the prompt asks
	// on every key. The commands still check the session against it.
	w, ok := e.app.Who()
	if !ok {
		return "epicevents> "
	}
	return w.Username + " (" + w.Department + ")> "
}

// next returns the next command line, lexed, joined from several lines
// when it goes on; ok is false when the operator leaves with Ctrl-D.
func (e *editor) next() (l lex.Line, ok bool) {
	for {
		e.entered, e.redraw, e.interrupted, e.text = false, false, false, ""
		line := e.p.Input()
		switch {
		case e.redraw:
			e.eraseBrokenLine()
			continue
		case e.interrupted:
			e.pending = ""
			continue
		case !e.entered && e.pending != "":
			// Ctrl-D ends the command as it is: it fails to parse, and
			// says why.
			line, e.pending = e.pending, ""
			return lex.NewLine(line), true
		case !e.entered:
			return lex.Line{}, false
		}
		if e.pending != "" {
			line, e.pending = e.pending+"\n"+line, ""
		}
		// An open quote or a trailing backslash is all that the lexer
		// refuses: the command goes on on the next line.
		l := lex.NewLine(line)
		if l.Err != nil {
			e.pending = line
			continue
		}
		return l, true
	}
}

// eraseBrokenLine erases the copy of the prompt and its line that go-prompt
// prints before Input returns at redrawKey, so that the next Input draws the
// line again in its place (exactly so when it fits on one row).
func (e *editor) eraseBrokenLine() {
	shown := e.prefix() + e.text
	rows := utf8.RuneCountInString(shown)/max(1, int(e.t.GetWinSize().Col)) + 1
	fmt.Fprintf(os.Stdout, "\x1b[%dA\r\x1b[J", rows)
}

// Word moves: Alt-B and Ctrl-Left, Alt-F and Ctrl-Right, Alt-Backspace.
func wordLeft(b *prompt.Buffer) {
	b.CursorLeft(len([]rune(b.Document().GetWordBeforeCursorWithSpace())))
}

func wordRight(b *prompt.Buffer) {
	b.CursorRight(len([]rune(b.Document().GetWordAfterCursorWithSpace())))
}

func deleteWordLeft(b *prompt.Buffer) {
	b.DeleteBeforeCursor(len([]rune(b.Document().GetWordBeforeCursorWithSpace())))
}

// noColors turns every colour of go-prompt to the terminal's default.
func noColors() []prompt.Option {
	var opts []prompt.Option
	for _, set := range []func(prompt.Color) prompt.Option{
		prompt.OptionPrefixTextColor, prompt.OptionPreviewSuggestionTextColor, prompt.OptionSuggestionTextColor,
		prompt.OptionSuggestionBGColor, prompt.OptionSelectedSuggestionTextColor, prompt.OptionSelectedSuggestionBGColor,
		prompt.OptionDescriptionTextColor, prompt.OptionDescriptionBGColor, prompt.OptionSelectedDescriptionTextColor,
		prompt.OptionSelectedDescriptionBGColor, prompt.OptionScrollbarThumbColor, prompt.OptionScrollbarBGColor,
	} {
		opts = append(opts, set(prompt.DefaultColor))
	}
	return opts
}
