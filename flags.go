package main

import (
	"strings"

	"epicevents/model"
	"epicevents/shell/render"
)

// options are the global flags.
type options struct {
	format    render.Format
	keepGoing bool
	db        string
	// steps are the -c lines and -f files, in the order given; a file
	// "-" is standard input.
	steps   []step
	demo    bool
	noPager bool
	version bool
	help    bool
	words   []string // a one-shot command
}

// parseOptions reads the global flags. A flag given twice is a usage
// error, as a command's own flag is: the one rule for every flag but -c
// and -f, which add a line or a file each time.
func parseOptions(args []string) (options, error) {
	o := options{format: render.Table}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			o.words = args[i:]
			break
		}
		if a == "--" {
			o.words = args[i+1:]
			break
		}
		name, value, hasValue := strings.Cut(a, "=")
		needValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", model.Errorf(model.EUSAGE, "%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		if long := map[string]string{"-V": "--version", "-h": "--help"}[name]; long != "" {
			name = long
		}
		if seen[name] && name != "-c" && name != "-f" {
			return o, model.Errorf(model.EUSAGE, "%s given twice", name)
		}
		seen[name] = true
		var err error
		switch name {
		case "--format":
			var v string
			if v, err = needValue(); err == nil {
				o.format, err = render.ParseFormat(v)
			}
		case "-c", "-f":
			var v string
			if v, err = needValue(); err == nil {
				o.steps = append(o.steps, step{file: name == "-f", text: v})
			}
		case "--db":
			o.db, err = needValue()
		case "--keep-going":
			o.keepGoing = true
		case "--demo":
			o.demo = true
		case "--no-pager":
			o.noPager = true
		case "--version":
			o.version = true
		case "--help":
			o.help = true
		default:
			err = model.Errorf(model.EUSAGE, "unknown flag %s: see epicevents --help", a)
		}
		if err != nil {
			return o, err
		}
	}
	if len(o.words) > 0 && len(o.steps) > 0 {
		return o, model.Errorf(model.EUSAGE, "a command and -c or -f exclude each other: give the command with -c")
	}
	return o, nil
}

// step is one -c line or one -f file.
type step struct {
	file bool
	text string
}

const usage = `Usage:
  epicevents                     interactive shell on a terminal; otherwise commands from stdin
  epicevents COMMAND [ARGS...]   run one command and exit
  epicevents -c 'LINE' [-c ...]  run command lines, in order, and exit (stop at the first failure)
  epicevents -f FILE             run the commands in FILE (batch); -f - reads them from stdin
  epicevents --demo              open the shell on a demo database full of sample data

Global flags: --format table|json|csv, --keep-going, --db URL, --no-pager, --version (-V), --help
`
