package ssr

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownComponent is returned (wrapped) for a component name that the
// components directory does not define.
var ErrUnknownComponent = errors.New("unknown component")

var (
	errClosed   = errors.New("ssr: engine closed")
	errReplaced = errors.New("the build was replaced by a newer one during the render")
)

// Fallback reasons: why an island was not rendered on the server. They label
// metrics and the island's data-fallback attribute.
const (
	ReasonError   = "error"   // the component threw
	ReasonTimeout = "timeout" // the render ran past RenderTimeout
	ReasonBusy    = "busy"    // no runtime was free within AcquireTimeout
	ReasonTooBig  = "too-large"

	// ReasonMemory: the render allocated more than RenderMaxAllocBytes, or
	// the heap passed MaxHeapBytes while it was the largest render.
	ReasonMemory = "memory"
	// ReasonCrashed: the runtime itself failed (uncatchable deep recursion,
	// a host error) and was replaced.
	ReasonCrashed = "crashed"
	// ReasonBreaker: the component failed repeatedly and its circuit breaker
	// is open; it renders in the browser until the cool-down ends.
	ReasonBreaker = "breaker"
)

// RenderError is a failed server render of one component.
type RenderError struct {
	Component string
	Reason    string // one of the Reason constants
	// Stack is the JS stack, mapped to the original source files, if any.
	Stack string
	Err   error
}

// Error is "render NAME: message", followed by the position in the
// component's sources where it threw, when the stack has one: the first
// frame outside node_modules, "(at components/X.jsx:3:9)".
func (e *RenderError) Error() string {
	s := fmt.Sprintf("render %s: %v", e.Component, e.Err)
	if f := userFrame(e.Stack); f != nil {
		s += " (at " + f[1] + ":" + f[2] + ":" + f[3] + ")"
	}
	return s
}

func (e *RenderError) Unwrap() error { return e.Err }

func unknownComponent(name string, known []string) error {
	return fmt.Errorf("%w %q: known components are %s; check the name or add components/%s.jsx",
		ErrUnknownComponent, name, strings.Join(known, ", "), name)
}
