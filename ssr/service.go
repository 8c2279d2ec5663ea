package ssr

import (
	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/island"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// What a render service built on the Engine needs (internal/hypernova is
// one): it goes through this package like any other user, so the limits,
// breakers and fallbacks of Engine.Render apply to it unchanged.

// Manifest describes the browser assets of every component: its entry
// script, CSS and shared chunks, by component name (Engine.Manifest).
type Manifest = bundle.Manifest

// JSError is a JavaScript exception a component threw (or a promise it
// rejected), with the stack mapped to the original source files. A
// RenderError with Reason ReasonError wraps one: find it with errors.As.
type JSError = jsvm.JSError

// EncodeProps encodes props (any JSON-serializable value,
// json.RawMessage, or nil) as islands carry them: canonical JSON of an
// object, with <, >, &, U+2028 and U+2029 escaped so the bytes are safe
// inside a script element. It fails for values that are not objects or
// cannot be encoded, naming the problem.
func EncodeProps(props any) ([]byte, error) { return island.EncodeProps(props) }
