package polyfill

import (
	"fmt"
	"math"

	"github.com/dop251/goja"
)

// Node's Math functions come from V8's port of fdlibm (src/base/ieee754.cc), which is not correctly rounded;
// Go's math package uses other algorithms (and assembly on amd64), so results differ in the last bit often
// enough to show in rendered text (Math.exp(1.5) is 4.4816890703380645 in Node, 4.481689070338065 in Go).
// The functions below are ports of the published fdlibm algorithms (public domain, Sun Microsystems), in the
// shape V8 uses them, for the Math methods where Go and Node were seen to differ.
//
// Go may fuse x*y+z into one FMA instruction on some architectures (arm64, ppc64, s390x), which fdlibm's
// error analysis does not expect. Products whose rounding matters are wrapped in float64() conversions,
// which the spec says prevent fusion.

func highWord(x float64) int32 { return int32(math.Float64bits(x) >> 32) }
func lowWord(x float64) uint32 { return uint32(math.Float64bits(x)) }
func fromWords(hi int32, lo uint32) float64 {
	return math.Float64frombits(uint64(uint32(hi))<<32 | uint64(lo))
}
func withLowWord(x float64, lo uint32) float64 { return fromWords(highWord(x), lo) }
func withHighWord(x float64, hi int32) float64 { return fromWords(hi, lowWord(x)) }

// fdlibmExp is fdlibm's e_exp.c: argument reduction x = k*ln2 + r, then a Remez polynomial for exp(r).
func fdlibmExp(x float64) float64 {
	const (
		oThreshold = 7.09782712893383973096e+02
		uThreshold = -7.45133219101941108420e+02
		ln2Hi      = 6.93147180369123816490e-01
		ln2Lo      = 1.90821492927058770002e-10
		invLn2     = 1.44269504088896338700e+00
		p1         = 1.66666666666666019037e-01
		p2         = -2.77777777770155933842e-03
		p3         = 6.61375632143793436117e-05
		p4         = -1.65339022054652515390e-06
		p5         = 4.13813679705723846039e-08
		twom1000   = 9.33263618503218878990e-302 // 2**-1000
		two1023    = 8.98846567431158e+307
	)
	hx := highWord(x)
	xsb := int32(uint32(hx) >> 31)
	hx &= 0x7fffffff
	if hx >= 0x40862E42 { // |x| >= 709.78...
		if hx >= 0x7ff00000 {
			if (hx&0xfffff)|int32(lowWord(x)) != 0 {
				return x + x // NaN
			}
			if xsb == 0 {
				return x
			}
			return 0
		}
		if x > oThreshold {
			return math.Inf(1)
		}
		if x < uThreshold {
			return 0
		}
	}
	var hi, lo float64
	var k int32
	switch {
	case hx > 0x3fd62e42: // |x| > 0.5 ln2
		if hx < 0x3FF0A2B2 { // and |x| < 1.5 ln2
			if x == 1 {
				return math.E // V8 special-cases exp(1): the reduction below gets its last bit wrong
			}
			if xsb == 0 {
				hi, lo, k = x-ln2Hi, ln2Lo, 1
			} else {
				hi, lo, k = x+ln2Hi, -ln2Lo, -1
			}
		} else {
			half := 0.5
			if xsb != 0 {
				half = -0.5
			}
			k = int32(float64(invLn2*x) + half)
			t := float64(k)
			hi = x - float64(t*ln2Hi) // exact
			lo = float64(t * ln2Lo)
		}
		x = hi - lo
	case hx < 0x3e300000: // |x| < 2**-28
		return 1 + x
	default:
		k = 0
	}
	t := float64(x * x)
	c := x - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	if k == 0 {
		return 1 - (float64(x*c)/(c-2.0) - x)
	}
	y := 1 - ((lo - float64(x*c)/(2.0-c)) - hi)
	if k >= -1021 {
		if k == 1024 {
			return y * 2.0 * two1023
		}
		return y * fromWords(0x3ff00000+k<<20, 0)
	}
	return y * fromWords(0x3ff00000+(k+1000)<<20, 0) * twom1000
}

// fdlibmPow is fdlibm's e_pow.c, which V8 uses for Math.pow and **: log2(x) in extra precision, times y, then
// 2**(y*log2(x)). It is not correctly rounded: 10 ** -5 is 0.000009999999999999999 in Node, and so here.
func fdlibmPow(x, y float64) float64 {
	const (
		two53  = 9007199254740992.0
		l1     = 5.99999999999994648725e-01
		l2     = 4.28571428578550184252e-01
		l3     = 3.33333329818377432918e-01
		l4     = 2.72728123808534006489e-01
		l5     = 2.30660745775561754067e-01
		l6     = 2.06975017800338417784e-01
		p1     = 1.66666666666666019037e-01
		p2     = -2.77777777770155933842e-03
		p3     = 6.61375632143793436117e-05
		p4     = -1.65339022054652515390e-06
		p5     = 4.13813679705723846039e-08
		lg2    = 6.93147180559945286227e-01
		lg2H   = 6.93147182464599609375e-01
		lg2L   = -1.90465429995776804525e-09
		ovt    = 8.0085662595372944372e-17
		cp     = 9.61796693925975554329e-01
		cpH    = 9.61796700954437255859e-01
		cpL    = -7.02846165095275826516e-09
		ivln2  = 1.44269504088896338700e+00
		ivln2H = 1.44269502162933349609e+00
		ivln2L = 1.92596299112661746887e-08
	)
	bp := [2]float64{1.0, 1.5}
	dpH := [2]float64{0.0, 5.84962487220764160156e-01}
	dpL := [2]float64{0.0, 1.35003920212974897128e-08}

	hx, lx := highWord(x), lowWord(x)
	hy, ly := highWord(y), lowWord(y)
	ix, iy := hx&0x7fffffff, hy&0x7fffffff

	if iy|int32(ly) == 0 {
		return 1 // x**0 = 1, even for NaN
	}
	if ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0) {
		return math.NaN()
	}

	// yisint: 0 if y is not an integer, 1 if odd, 2 if even (only needed when x < 0).
	yisint := int32(0)
	if hx < 0 {
		if iy >= 0x43400000 {
			yisint = 2
		} else if iy >= 0x3ff00000 {
			k := (iy >> 20) - 0x3ff
			if k > 20 {
				j := ly >> uint(52-k)
				if j<<uint(52-k) == ly {
					yisint = 2 - int32(j&1)
				}
			} else if ly == 0 {
				j := iy >> uint(20-k)
				if j<<uint(20-k) == iy {
					yisint = 2 - (j & 1)
				}
			}
		}
	}

	if ly == 0 {
		if iy == 0x7ff00000 { // y is ±Inf
			switch {
			case (ix-0x3ff00000)|int32(lx) == 0:
				return math.NaN() // (±1)**±Inf is NaN in ECMAScript
			case ix >= 0x3ff00000:
				if hy >= 0 {
					return y
				}
				return 0
			default:
				if hy < 0 {
					return -y
				}
				return 0
			}
		}
		if iy == 0x3ff00000 { // y is ±1
			if hy < 0 {
				return 1 / x
			}
			return x
		}
		if hy == 0x40000000 { // y is 2
			return x * x
		}
		if hy == 0x3fe00000 && hx >= 0 { // y is 0.5
			return math.Sqrt(x)
		}
	}

	ax := math.Abs(x)
	if lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) { // x is ±0, ±Inf, ±1
		z := ax
		if hy < 0 {
			z = 1 / z
		}
		if hx < 0 {
			if (ix-0x3ff00000)|yisint == 0 {
				z = math.NaN() // (-1)**non-int
			} else if yisint == 1 {
				z = -z
			}
		}
		return z
	}

	n := (hx >> 31) + 1
	if n|yisint == 0 {
		return math.NaN() // (x<0)**(non-int)
	}
	s := 1.0
	if n|(yisint-1) == 0 {
		s = -1 // (-x)**(odd int)
	}

	var t1, t2 float64
	if iy > 0x41e00000 { // |y| > 2**31
		if iy > 0x43f00000 { // |y| > 2**64: must overflow or underflow
			if ix <= 0x3fefffff {
				if hy < 0 {
					return math.Inf(1)
				}
				return 0
			}
			if ix >= 0x3ff00000 {
				if hy > 0 {
					return math.Inf(1)
				}
				return 0
			}
		}
		if ix < 0x3fefffff {
			if hy < 0 {
				return s * math.Inf(1)
			}
			return s * 0
		}
		if ix > 0x3ff00000 {
			if hy > 0 {
				return s * math.Inf(1)
			}
			return s * 0
		}
		// |1-x| <= 2**-20: log(x) by x - x^2/2 + x^3/3 - x^4/4.
		t := ax - 1
		w := float64(t*t) * (0.5 - float64(t*(0.3333333333333333333333-float64(t*0.25))))
		u := float64(ivln2H * t)
		v := float64(t*ivln2L) - float64(w*ivln2)
		t1 = withLowWord(u+v, 0)
		t2 = v - (t1 - u)
	} else {
		n = 0
		if ix < 0x00100000 { // subnormal x
			ax *= two53
			n -= 53
			ix = highWord(ax)
		}
		n += (ix >> 20) - 0x3ff
		j := ix & 0x000fffff
		ix = j | 0x3ff00000
		var k int
		switch {
		case j <= 0x3988E: // |x| < sqrt(3/2)
			k = 0
		case j < 0xBB67A: // |x| < sqrt(3)
			k = 1
		default:
			k = 0
			n++
			ix -= 0x00100000
		}
		ax = withHighWord(ax, ix)

		// ss = s_h + s_l = (x-1)/(x+1) or (x-1.5)/(x+1.5)
		u := ax - bp[k]
		v := 1 / (ax + bp[k])
		ss := float64(u * v)
		sH := withLowWord(ss, 0)
		tH := fromWords(((ix>>1)|0x20000000)+0x00080000+int32(k<<18), 0)
		tL := ax - (tH - bp[k])
		sL := v * ((u - float64(sH*tH)) - float64(sH*tL))
		// log(ax)
		s2 := float64(ss * ss)
		r := float64(s2*s2) * (l1 + float64(s2*(l2+float64(s2*(l3+float64(s2*(l4+float64(s2*(l5+float64(s2*l6))))))))))
		r += float64(sL * (sH + ss))
		s2 = float64(sH * sH)
		tH = withLowWord(3.0+s2+r, 0)
		tL = r - ((tH - 3.0) - s2)
		u = float64(sH * tH)
		v = float64(sL*tH) + float64(tL*ss)
		pH := withLowWord(u+v, 0)
		pL := v - (pH - u)
		zH := float64(cpH * pH)
		zL := float64(cpL*pH) + float64(pL*cp) + dpL[k]
		t := float64(n)
		t1 = withLowWord(((zH+zL)+dpH[k])+t, 0)
		t2 = zL - (((t1 - t) - dpH[k]) - zH)
	}

	// (y1+y2)*(t1+t2)
	y1 := withLowWord(y, 0)
	pL := float64((y-y1)*t1) + float64(y*t2)
	pH := float64(y1 * t1)
	z := pL + pH
	j, i := highWord(z), lowWord(z)
	if j >= 0x40900000 { // z >= 1024
		if (j-0x40900000)|int32(i) != 0 {
			return s * math.Inf(1)
		}
		if pL+ovt > z-pH {
			return s * math.Inf(1)
		}
	} else if j&0x7fffffff >= 0x4090cc00 { // z <= -1075
		if uint32(j)-0xc090cc00|i != 0 {
			return s * 0
		}
		if pL <= z-pH {
			return s * 0
		}
	}

	// 2**(pH+pL)
	ii := j & 0x7fffffff
	k := (ii >> 20) - 0x3ff
	n = 0
	if ii > 0x3fe00000 { // |z| > 0.5: n = [z+0.5]
		n = j + (0x00100000 >> uint(k+1))
		k = ((n & 0x7fffffff) >> 20) - 0x3ff
		t := fromWords(n&^(0x000fffff>>uint(k)), 0)
		n = ((n & 0x000fffff) | 0x00100000) >> uint(20-k)
		if j < 0 {
			n = -n
		}
		pH -= t
	}
	t := withLowWord(pL+pH, 0)
	u := float64(t * lg2H)
	v := float64((pL-(t-pH))*lg2) + float64(t*lg2L)
	z = u + v
	w := v - (z - u)
	t = float64(z * z)
	t1 = z - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	r := float64(z*t1)/(t1-2) - (w + float64(z*w))
	z = 1 - (r - z)
	j = highWord(z) + n<<20
	if j>>20 <= 0 {
		z = math.Ldexp(z, int(n)) // subnormal result
	} else {
		z = withHighWord(z, j)
	}
	return s * z
}

// fdlibmSinh, fdlibmCosh and fdlibmTanh are V8's versions, built on fdlibm's exp and expm1 (Go's Expm1 is
// fdlibm's s_expm1.c and agrees with V8 bit for bit).
func fdlibmSinh(x float64) float64 {
	const overflow, logMax = 710.4758600739439, 709.7822265625
	h := 0.5
	if x < 0 {
		h = -0.5
	}
	ax := math.Abs(x)
	if ax < 22 {
		if ax < 3.725290298461914e-9 { // 2**-28
			return x
		}
		t := math.Expm1(ax)
		if ax < 1 {
			return h * (2*t - float64(t*t)/(t+1))
		}
		return h * (t + t/(t+1))
	}
	if ax < logMax {
		return h * fdlibmExp(ax)
	}
	if ax <= overflow {
		w := fdlibmExp(0.5 * ax)
		return h * w * w
	}
	return x * 1e307 // ±Inf, or NaN
}

func fdlibmCosh(x float64) float64 {
	const overflow = 710.4758600739439
	ix := highWord(x) & 0x7fffffff
	ax := math.Abs(x)
	switch {
	case ix < 0x3FD62E43: // |x| < 0.5 ln2
		t := math.Expm1(ax)
		w := 1 + t
		if ix < 0x3C800000 {
			return w
		}
		return 1 + float64(t*t)/(w+w)
	case ix < 0x40360000: // |x| < 22
		t := fdlibmExp(ax)
		return 0.5*t + 0.5/t
	case ix < 0x40862E42:
		return 0.5 * fdlibmExp(ax)
	case ax <= overflow:
		w := fdlibmExp(0.5 * ax)
		return 0.5 * w * w
	case ix >= 0x7ff00000:
		return x * x
	}
	return math.Inf(1)
}

func fdlibmTanh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		if jx >= 0 {
			return 1/x + 1
		}
		return 1/x - 1
	}
	var z float64
	switch {
	case ix < 0x3e300000: // |x| < 2**-28
		return x
	case ix >= 0x40360000: // |x| >= 22
		z = 1
	case ix >= 0x3ff00000: // |x| >= 1
		t := math.Expm1(2 * math.Abs(x))
		z = 1 - 2/(t+2)
	default:
		t := math.Expm1(-2 * math.Abs(x))
		z = -t / (t + 2)
	}
	if jx >= 0 {
		return z
	}
	return -z
}

// fdlibmCbrt is FreeBSD's s_cbrt.c as V8 uses it: a 5-bit estimate from the exponent, a polynomial to 23
// bits, and one Newton step.
func fdlibmCbrt(x float64) float64 {
	const (
		b1 = 715094163
		b2 = 696219795
		p0 = 1.87595182427177009643
		p1 = -1.88497979543377169875
		p2 = 1.621429720105354466140
		p3 = -0.758397934778766047437
		p4 = 0.145996192886612446982
	)
	hx := uint32(highWord(x))
	low := lowWord(x)
	sign := hx & 0x80000000
	hx ^= sign
	if hx >= 0x7ff00000 {
		return x + x
	}
	var t float64
	if hx < 0x00100000 { // zero or subnormal
		if hx|low == 0 {
			return x
		}
		t = fromWords(0x43500000, 0) * x // 2**54 * x
		high := uint32(highWord(t))
		t = fromWords(int32(sign|((high&0x7fffffff)/3+b2)), 0)
	} else {
		t = fromWords(int32(sign|(hx/3+b1)), 0)
	}
	r := float64(t*t) * (t / x)
	t = t * ((p0 + float64(r*(p1+float64(r*p2)))) + float64(float64(float64(r*r)*r)*(p3+float64(r*p4))))
	t = math.Float64frombits((math.Float64bits(t) + 0x80000000) & 0xFFFFFFFFC0000000)
	s := float64(t * t)
	r = x / s
	w := t + t
	r = (r - t) / (w + r)
	return t + float64(t*r)
}

// mathOverrides are the Math methods replaced by the ports above. Each keeps the built-in's length.
var mathOverrides = []struct {
	name string
	f1   func(float64) float64
	f2   func(float64, float64) float64
}{
	{name: "exp", f1: fdlibmExp},
	{name: "pow", f2: fdlibmPow},
	{name: "sinh", f1: fdlibmSinh},
	{name: "cosh", f1: fdlibmCosh},
	{name: "tanh", f1: fdlibmTanh},
	{name: "cbrt", f1: fdlibmCbrt},
}

// installMath replaces Math methods with the V8-compatible ports, as native functions with the built-ins'
// name and length. The ** operator cannot be reached from here: goja evaluates it with math.Pow in its VM, so
// the server bundle must lower it to Math.pow (esbuild's "exponent-operator" feature set to unsupported).
func installMath(rt *goja.Runtime) error {
	m, ok := rt.Get("Math").(*goja.Object)
	if !ok {
		return fmt.Errorf("Math is not an object")
	}
	num := func(v goja.Value) float64 { return v.ToNumber().ToFloat() }
	for _, o := range mathOverrides {
		var fn func(goja.FunctionCall) goja.Value
		length := 1
		if o.f1 != nil {
			f := o.f1
			fn = func(c goja.FunctionCall) goja.Value { return rt.ToValue(f(num(c.Argument(0)))) }
		} else {
			f := o.f2
			length = 2
			fn = func(c goja.FunctionCall) goja.Value {
				return rt.ToValue(f(num(c.Argument(0)), num(c.Argument(1))))
			}
		}
		fo := rt.ToValue(fn).(*goja.Object)
		if err := fo.DefineDataProperty("name", rt.ToValue(o.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
		if err := fo.DefineDataProperty("length", rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
		if err := m.DefineDataProperty(o.name, fo, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}
