package jsvm

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestStackOverflow: runaway recursion fails the call with a JSError that
// names the overflow (goja's own error has an empty message), matches
// ErrStackOverflow, carries a short mapped stack, and breaks the runtime so
// it is replaced; the pool keeps serving.
// Break it: drop the StackOverflowError case in convertError.
func TestStackOverflow(t *testing.T) {
	p := newTestPool(t, 1, `
function down(n) { return down(n + 1) + 1 }
function recurse() {
  try { return down(0) } catch (e) { return "caught " + e }
}
function ok() { return "ok" }
`)
	_, err := invoke(t, p, context.Background(), "recurse")
	var je *JSError
	if !errors.As(err, &je) {
		t.Fatalf("runaway recursion: want *JSError, got %T %v", err, err)
	}
	if !errors.Is(err, ErrStackOverflow) || !strings.Contains(je.Message, "Maximum call stack size exceeded") {
		t.Errorf("message does not name the stack overflow: %q", je.Message)
	}
	if !strings.Contains(je.Stack, "down (test0.js:2:") || !strings.Contains(je.Stack, "more frames") {
		t.Errorf("stack lacks the recursing frame at its source position, or is not cut short:\n%s", je.Stack)
	}
	if n := strings.Count(je.Stack, "\n"); n > stackOverflowFrames+2 {
		t.Errorf("stack has %d lines; the innermost %d frames are enough", n, stackOverflowFrames)
	}
	if v, err := invoke(t, p, context.Background(), "ok"); err != nil || v.String() != "ok" {
		t.Fatalf("pool after a stack overflow: %v %v", v, err)
	}
	if st := p.Stats(); st.Replacements != 1 {
		t.Errorf("Replacements = %d, want 1: the overflowed runtime must be replaced", st.Replacements)
	}
}
