package commands

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"chain33node/types"
)

// The reference's amount conversions (types.FormatFloatDisplay2Value and
// FormatAmount2FloatDisplay), done on decimal digits so that large values
// keep their precision.

// showDecimals is how many decimals amounts are entered and shown with.
const showDecimals = 4

// maxFloatChars limits the digits of an entered amount (a float64 holds about
// 15 significant digits).
const maxFloatChars = 15

// precisionDigits is log10(precision): 8 for 1e8.
func precisionDigits(precision int64) int {
	n := 0
	for p := precision; p >= 10; p /= 10 {
		n++
	}
	return n
}

// AmountToValue converts an entered amount (coins, e.g. 1.5) to base units at
// precision: at most showDecimals decimals count, more decimals than the
// precision has are an error, as the reference's FormatFloatDisplay2Value.
func AmountToValue(amount float64, precision int64) (int64, error) {
	if precision <= 0 {
		precision = types.DefaultCoinPrecision
	}
	s := strconv.FormatFloat(amount, 'f', -1, 64)
	n := precisionDigits(precision)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) > n {
		return 0, fmt.Errorf("input decimalpoint num=%d great than config coinPrecision=%d: %w",
			len(frac), n, types.ErrInvalidParam)
	}
	if len(s) > maxFloatChars {
		return 0, fmt.Errorf("input=%f,len=%d great than %d: %w", amount, len(s), maxFloatChars, types.ErrInvalidParam)
	}
	if n > showDecimals && len(frac) > showDecimals {
		frac = frac[:showDecimals]
	}
	digits := intPart + frac + strings.Repeat("0", n-len(frac))
	v, ok := new(big.Int).SetString(digits, 10)
	if !ok || !v.IsInt64() {
		return 0, fmt.Errorf("input=%f: %w", amount, types.ErrInvalidParam)
	}
	return v.Int64(), nil
}

// FormatValue shows base units as coins with 4 decimals (with the
// precision's own number of decimals if it has fewer), rounding half to
// even, as the reference's FormatAmount2FloatDisplay(v, precision, true).
func FormatValue(v, precision int64) string {
	if precision <= 0 {
		precision = types.DefaultCoinPrecision
	}
	n := precisionDigits(precision)
	x := big.NewInt(v)
	if n > showDecimals {
		x = roundHalfEven(x, pow10(n-showDecimals))
		n = showDecimals
	}
	neg := x.Sign() < 0
	digits := new(big.Int).Abs(x).String()
	if len(digits) <= n {
		digits = strings.Repeat("0", n-len(digits)+1) + digits
	}
	s := digits
	if n > 0 {
		s = digits[:len(digits)-n] + "." + digits[len(digits)-n:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// roundHalfEven returns x/d rounded to the nearest integer, ties to even.
func roundHalfEven(x, d *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(x, d, new(big.Int))
	twice := new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2))
	c := twice.Cmp(d)
	if c > 0 || (c == 0 && q.Bit(0) == 1) {
		if x.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}
