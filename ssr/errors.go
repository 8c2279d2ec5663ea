package ssr

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownComponent is returned (wrapped) for a component name that the
// components directory does not define.
var ErrUnknownComponent = errors.New("unknown component")

// Fallback reasons: why an island was not rendered on the server. They label
// metrics and the island's data-fallback attribute.
const (
	ReasonError   = "error"   // the component threw
	ReasonTimeout = "timeout" // the render ran past RenderTimeout
	ReasonBusy    = "busy"    // no runtime was free within AcquireTimeout
	ReasonTooBig  = "too-large"
	// ReasonCanceled: the caller went away (the client disconnected, its
	// context was cancelled) before the render finished.
	ReasonCanceled = "canceled"
)

// ErrClosed is returned (wrapped) by renders after Engine.Close.
var ErrClosed = errors.New("engine closed")

// callerGone is the error of a caller whose context ended before its
// render finished: canceled, or timeout for its own deadline.
func callerGone(ctx context.Context, name string, err error) *RenderError {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &RenderError{Component: name, Reason: ReasonTimeout,
			Err: fmt.Errorf("the caller's deadline passed before the render finished: %w", err)}
	}
	return &RenderError{Component: name, Reason: ReasonCanceled,
		Err: fmt.Errorf("the caller went away before the render finished: %w", err)}
}

// RenderError is a failed server render of one component.
type RenderError struct {
	Component string
	Reason    string // one of the Reason constants
	// Stack is the JS stack, mapped to the original source files, if any.
	Stack string
	Err   error
}

func (e *RenderError) Error() string {
	return fmt.Sprintf("render %s: %v", e.Component, e.Err)
}

func (e *RenderError) Unwrap() error { return e.Err }

func unknownComponent(name string, known []string) error {
	return fmt.Errorf("%w %q: known components are %s; check the name or add components/%s.jsx",
		ErrUnknownComponent, name, strings.Join(known, ", "), name)
}
