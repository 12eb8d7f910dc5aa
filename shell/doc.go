// Package shell is the operator's side of epicevents: the batch and
// one-shot runners, the interactive shell, and the rendering of results.
package shell
