package config

import (
	"strconv"
	"strings"
)

// keyPos is where a key, table header or array element appears in the file.
type keyPos struct {
	path []string // as written (not lower-cased)
	elem int      // index of an element of the key's array value, or -1
	line int
}

// keyLines lists the line of every key, table header and top-level array
// element of a TOML document. BurntSushi/toml v1.6 keeps key positions
// private, so this light scanner recovers them. It runs only on documents the
// real parser accepted, so it does not report errors, but it never panics or
// loops on any input.
func keyLines(src string) []keyPos {
	sc := &scanner{s: strings.TrimPrefix(src, "\uFEFF"), line: 1}
	var table []string
	for sc.i < len(sc.s) {
		start := sc.i
		sc.skipBlank()
		if sc.i >= len(sc.s) {
			break
		}
		line := sc.line
		if sc.s[sc.i] == '[' {
			sc.i++
			if sc.peek() == '[' {
				sc.i++
			}
			table = sc.key()
			sc.add(table, -1, line)
		} else {
			k := sc.key()
			path := join(table, k)
			for n := len(table) + 1; n <= len(path); n++ { // dotted keys define their parents
				sc.add(path[:n], -1, line)
			}
			sc.skipSpace()
			if sc.peek() == '=' {
				sc.i++
				sc.value(path)
			}
		}
		sc.skipLine()
		if sc.i == start {
			sc.i++
		}
	}
	return sc.out
}

type scanner struct {
	s    string
	i    int
	line int
	out  []keyPos
}

func (sc *scanner) add(path []string, elem, line int) {
	if path != nil {
		sc.out = append(sc.out, keyPos{path: path, elem: elem, line: line})
	}
}

func (sc *scanner) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

// next advances one byte, counting lines.
func (sc *scanner) next() {
	if sc.s[sc.i] == '\n' {
		sc.line++
	}
	sc.i++
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// skipBlank skips white space, newlines and comments.
func (sc *scanner) skipBlank() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.next()
		case '#':
			for sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
				sc.i++
			}
		default:
			return
		}
	}
}

// skipLine skips the rest of the line and its newline.
func (sc *scanner) skipLine() {
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		sc.next()
		if c == '\n' {
			return
		}
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c >= 0x80
}

// key reads a possibly dotted, possibly quoted key.
func (sc *scanner) key() []string {
	var parts []string
	for {
		sc.skipSpace()
		switch c := sc.peek(); c {
		case '"', '\'':
			parts = append(parts, sc.quoted(c))
		default:
			j := sc.i
			for sc.i < len(sc.s) && isBare(sc.s[sc.i]) {
				sc.i++
			}
			if sc.i == j {
				return parts
			}
			parts = append(parts, sc.s[j:sc.i])
		}
		sc.skipSpace()
		if sc.peek() != '.' {
			return parts
		}
		sc.i++
	}
}

// quoted reads a one-line string starting at its quote q and returns its text.
func (sc *scanner) quoted(q byte) string {
	sc.i++
	j := sc.i
	for sc.i < len(sc.s) && sc.s[sc.i] != q && sc.s[sc.i] != '\n' {
		if q == '"' && sc.s[sc.i] == '\\' && sc.i+1 < len(sc.s) && sc.s[sc.i+1] != '\n' {
			sc.i++
		}
		sc.i++
	}
	raw := sc.s[j:sc.i]
	if sc.peek() == q {
		sc.i++
	}
	if q == '"' {
		if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
			return u
		}
	}
	return raw
}

// multi skips a multi-line string starting at its opening delimiter.
func (sc *scanner) multi(delim string) {
	sc.i += len(delim)
	for sc.i < len(sc.s) {
		if delim[0] == '"' && sc.s[sc.i] == '\\' && sc.i+1 < len(sc.s) {
			sc.next()
			sc.next()
			continue
		}
		if strings.HasPrefix(sc.s[sc.i:], delim) {
			sc.i += len(delim)
			for n := 0; n < 2 && sc.peek() == delim[0]; n++ { // up to two quotes may end the content
				sc.i++
			}
			return
		}
		sc.next()
	}
}

// value skips a value. With a non-nil path it records the lines of the
// elements of an array and the keys of an inline table under that path.
func (sc *scanner) value(path []string) {
	sc.skipSpace()
	rest := sc.s[sc.i:]
	switch {
	case strings.HasPrefix(rest, `"""`):
		sc.multi(`"""`)
	case strings.HasPrefix(rest, "'''"):
		sc.multi("'''")
	case sc.peek() == '"' || sc.peek() == '\'':
		sc.quoted(sc.peek())
	case sc.peek() == '[':
		sc.array(path)
	case sc.peek() == '{':
		sc.inline(path)
	default:
		for sc.i < len(sc.s) && !strings.ContainsRune(",]}#\r\n", rune(sc.s[sc.i])) {
			sc.i++
		}
	}
}

func (sc *scanner) array(path []string) {
	sc.i++
	for n := 0; sc.i < len(sc.s); {
		sc.skipBlank()
		switch sc.peek() {
		case ']':
			sc.i++
			return
		case ',':
			sc.i++
			continue
		}
		start := sc.i
		sc.add(path, n, sc.line)
		n++
		sc.value(nil)
		if sc.i == start {
			sc.i++
		}
	}
}

func (sc *scanner) inline(path []string) {
	sc.i++
	for sc.i < len(sc.s) {
		sc.skipBlank()
		switch sc.peek() {
		case '}':
			sc.i++
			return
		case ',':
			sc.i++
			continue
		}
		start, line := sc.i, sc.line
		var sub []string
		if k := sc.key(); path != nil {
			sub = join(path, k)
			sc.add(sub, -1, line)
		}
		sc.skipSpace()
		if sc.peek() == '=' {
			sc.i++
			sc.value(sub)
		}
		if sc.i == start {
			sc.i++
		}
	}
}

// join returns a new slice a+b, never sharing a's backing array.
func join(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}
