package jsvm

import (
	"context"
	"errors"
)

// ErrPoolExhausted is returned (wrapped) by Acquire when no VM became free before its context was done,
// so callers can degrade to client-only rendering instead of queueing without bound.
var ErrPoolExhausted = errors.New("jsvm: pool exhausted")

// ErrClosed is returned by Acquire after Close, so shutdown does not hand out runtimes that nobody will replace.
var ErrClosed = errors.New("jsvm: pool closed")

// ErrTimeout is returned (wrapped) by Invoke when the render deadline passed, the context was cancelled, or the
// runtime was interrupted. It also matches context.DeadlineExceeded with errors.Is, so generic deadline handling
// in callers keeps working.
var ErrTimeout error = timeoutError{}

type timeoutError struct{}

func (timeoutError) Error() string        { return "jsvm: render timed out" }
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// JSError is a JavaScript exception (thrown value or rejected promise) surfaced to Go. It keeps the stack
// separately so logs can show where in the original sources a component failed without putting the stack
// into user-facing messages.
type JSError struct {
	// Message is the thrown value as a string, for an Error object "Name: message".
	Message string
	// Stack is goja's stack trace; positions are mapped through the bundle's source map when it has one.
	Stack string
}

// Error returns the message only; the stack is in Stack.
func (e *JSError) Error() string { return e.Message }

// ErrStackOverflow is returned (wrapped) by Invoke when JavaScript recursion passed the runtime's call stack
// limit. goja makes this uncatchable for the script, so the call ends and the runtime is replaced.
var ErrStackOverflow = errors.New("RangeError: Maximum call stack size exceeded")
