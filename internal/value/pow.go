package value

import "math"

// Accurate exponentiation. Lua's ^ calls C's pow, and glibc's pow is
// correctly rounded in practice, while Go's math.Pow multiplies out the
// integer part of the exponent and can be tens of ulps off (enough to change
// the 14 digits tostring prints). powAccurate computes in double-double
// arithmetic (about 104 bits) and rounds once, which gives the correctly
// rounded result except in extremely rare cases.

// dd is an unevaluated sum hi + lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

// twoSum returns s = fl(a+b) and the exact error e = a + b - s.
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b|.
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = fl(a*b) and the exact error e = a*b - p.
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	e = math.FMA(a, b, -p)
	return p, e
}

func ddAdd(x, y dd) dd {
	s, e := twoSum(x.hi, y.hi)
	t, f := twoSum(x.lo, y.lo)
	e += t
	s, e = fastTwoSum(s, e)
	e += f
	s, e = fastTwoSum(s, e)
	return dd{s, e}
}

func ddMul(x, y dd) dd {
	p, e := twoProd(x.hi, y.hi)
	e += x.hi*y.lo + x.lo*y.hi
	p, e = fastTwoSum(p, e)
	return dd{p, e}
}

func ddMulF(x dd, y float64) dd {
	p, e := twoProd(x.hi, y)
	e += x.lo * y
	p, e = fastTwoSum(p, e)
	return dd{p, e}
}

func ddDiv(x, y dd) dd {
	q1 := x.hi / y.hi
	r := ddAdd(x, ddMulF(y, -q1))
	q2 := r.hi / y.hi
	r = ddAdd(r, ddMulF(y, -q2))
	q3 := r.hi / y.hi
	q1, q2 = fastTwoSum(q1, q2)
	return ddAdd(dd{q1, q2}, dd{q3, 0})
}

// normDD scales x to a mantissa in [0.5, 1) and returns the exponent.
func normDD(x dd) (dd, int) {
	m, e := math.Frexp(x.hi)
	return dd{m, math.Ldexp(x.lo, -e)}, e
}

// ln2DD is ln 2 to about 107 bits.
var ln2DD = dd{0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56}

// expDD returns exp(x) as a mantissa and a binary exponent, for |x| < 800.
func expDD(x dd) (dd, int) {
	k := math.Round(x.hi / ln2DD.hi)
	r := ddAdd(x, ddMulF(ln2DD, -k)) // |r| <= ~0.35
	// exp(r) = (exp(r/2^10))^(2^10); keep the expm1 form p = exp(s)-1
	// so that squaring loses nothing: (1+p)^2 - 1 = 2p + p^2.
	s := dd{math.Ldexp(r.hi, -10), math.Ldexp(r.lo, -10)}
	// expm1(s) = s(1 + s/2(1 + s/3(1 + ... s/8))), |s| < 2^-11.
	q := dd{1, 0}
	for i := 8; i >= 2; i-- {
		q = ddAdd(dd{1, 0}, ddMul(ddDivF(s, float64(i)), q))
	}
	p := ddMul(s, q)
	for i := 0; i < 10; i++ {
		p = ddAdd(ddMulF(p, 2), ddMul(p, p))
	}
	m, e := normDD(ddAdd(dd{1, 0}, p))
	return m, e + int(k)
}

func ddDivF(x dd, y float64) dd { return ddDiv(x, dd{y, 0}) }

// lnDD returns ln(x) for finite x > 0.
func lnDD(x float64) dd {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// One Newton step from Go's Log: ln m = l0 + ln(m * exp(-l0)), and
	// m*exp(-l0) = 1+u with u tiny, so ln(1+u) = u - u^2/2.
	l0 := math.Log(m)
	em, ee := expDD(dd{-l0, 0})
	t := ddMulF(dd{math.Ldexp(em.hi, ee), math.Ldexp(em.lo, ee)}, m)
	u := ddAdd(t, dd{-1, 0})
	u = ddAdd(u, dd{-u.hi * u.hi / 2, 0})
	return ddAdd(ddAdd(dd{l0, 0}, u), ddMulF(ln2DD, float64(e)))
}

// powAccurate returns x^y for finite x != 0 and finite y, when math.Pow
// says the result is finite and non-zero (r is that approximation, kept
// for results far outside the float range, which math.Pow already
// rounds to 0 or infinity).
func powAccurate(x, y, r float64) float64 {
	neg := false
	if x < 0 {
		// y is an integer here (else the result would be NaN).
		x = -x
		neg = math.Mod(y, 2) != 0
	}
	var m dd
	var e int
	if yi := math.Abs(y); yi <= 1<<62 && yi == math.Trunc(yi) {
		// Exponentiation by squaring on normalised mantissas.
		n := uint64(yi)
		bm, be := math.Frexp(x)
		base := dd{bm, 0}
		acc, ae := dd{1, 0}, 0
		for {
			if n&1 != 0 {
				var ex int
				acc, ex = normDD(ddMul(acc, base))
				ae += ex + be
			}
			n >>= 1
			if n == 0 {
				break
			}
			var ex int
			base, ex = normDD(ddMul(base, base))
			be = 2*be + ex
		}
		if y < 0 {
			var ex int
			acc, ex = normDD(ddDiv(dd{1, 0}, acc))
			ae = ex - ae
		}
		m, e = acc, ae
	} else {
		l := lnDD(x)
		p := ddMul(l, dd{y, 0})
		if math.Abs(p.hi) > 745 {
			return r
		}
		m, e = expDD(p)
	}
	if e < -1080 || e > 1024 {
		return r
	}
	f := math.Ldexp(m.hi, e) // rounds once when the result is subnormal
	if e < -1021 && m.lo != 0 {
		// If m.hi was a tie at the subnormal precision, m.lo breaks it.
		half := math.Ldexp(1, -1075-e) // half the subnormal ulp, at the scale of m
		switch d := m.hi - math.Ldexp(f, -e); {
		case d == half && m.lo > 0:
			f = math.Nextafter(f, math.Inf(1))
		case d == -half && m.lo < 0:
			f = math.Nextafter(f, 0)
		}
	}
	if neg {
		f = -f
	}
	return f
}
