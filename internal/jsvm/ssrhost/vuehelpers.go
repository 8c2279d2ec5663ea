package ssrhost

import "github.com/dop251/goja"

// vueHelper is __ssrgateVueHelper(kind, fallback): a native version of one
// of the helpers Vue's compiled ssrRender calls for every hole in a
// template, for the values nearly all holes hold, with Vue's own function
// (fallback) for every other value:
//
//	"attr"        ssrRenderAttr(key, value): string or number value, string key
//	"interpolate" ssrInterpolate(value): string or number
//	"class"       ssrRenderClass(raw): a string whose first and last code
//	              units are printable ASCII (so normalizeClass's trim has
//	              nothing to remove)
//
// The results are Vue's: ` ${key}="${escapeHtml(value)}"`, escapeHtml of
// the string, and a number's ToString (which never needs escaping). One
// native call replaces a JavaScript call with two or three inside it.
func vueHelper(rt *goja.Runtime) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		kind := call.Argument(0).String()
		fallback, ok := goja.AssertFunction(call.Argument(1))
		if !ok {
			panic(rt.NewTypeError("%s(kind, fallback): fallback must be Vue's own helper", VueHelper))
		}
		var fn func(goja.FunctionCall) goja.Value
		switch kind {
		case "attr":
			fn = func(c goja.FunctionCall) goja.Value {
				key, ok := c.Argument(0).(goja.String)
				if !ok {
					return callBack(fallback, c)
				}
				v, ok := holeText(rt, c.Argument(1))
				if !ok {
					return callBack(fallback, c)
				}
				var b goja.StringBuilder
				b.Grow(key.Length() + v.Length() + 4)
				b.WriteUTF8String(" ")
				b.WriteString(key)
				b.WriteUTF8String(`="`)
				b.WriteString(v)
				b.WriteUTF8String(`"`)
				return b.String()
			}
		case "interpolate":
			fn = func(c goja.FunctionCall) goja.Value {
				if v, ok := holeText(rt, c.Argument(0)); ok {
					return v
				}
				return callBack(fallback, c)
			}
		case "class":
			fn = func(c goja.FunctionCall) goja.Value {
				s, ok := c.Argument(0).(goja.String)
				if !ok {
					return callBack(fallback, c)
				}
				if n := s.Length(); n > 0 && (!printable(s.CharAt(0)) || !printable(s.CharAt(n-1))) {
					return callBack(fallback, c)
				}
				return Escape(s, vueApos)
			}
		default:
			panic(rt.NewTypeError("%s: unknown helper %q (attr, interpolate, class)", VueHelper, kind))
		}
		return rt.ToValue(fn)
	}
}

// holeText is what Vue prints for a string or number in a hole: the
// string escaped, a number's ToString (ASCII digits, signs, "e", "NaN",
// "Infinity": nothing to escape). ok is false for any other value.
func holeText(rt *goja.Runtime, v goja.Value) (goja.String, bool) {
	if goja.IsNumber(v) {
		return rt.ToValue(v.String()).(goja.String), true
	}
	if s, ok := v.(goja.String); ok {
		return Escape(s, vueApos), true
	}
	return nil, false
}

// printable: a code unit that String.prototype.trim keeps at an end.
func printable(c uint16) bool { return c > ' ' && c < 0x7f }

func callBack(f goja.Callable, c goja.FunctionCall) goja.Value {
	v, err := f(c.This, c.Arguments...)
	if err != nil {
		panic(err)
	}
	return v
}
