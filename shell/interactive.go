package shell

import (
	"bufio"
	"context"
	"fmt"
	"os"
)

// Interactive runs the interactive shell on the terminal in.
func (s *Shell) Interactive(ctx context.Context, in *os.File, home string) error {
	r := bufio.NewScanner(in)
	for {
		fmt.Fprint(s.Err, "epicevents> ")
		if !r.Scan() {
			return nil
		}
		err := s.Line(ctx, r.Text(), false)
		if err == ErrExit {
			return nil
		}
		if err != nil && !isNested(err) {
			s.PrintError("", err)
		}
	}
}
