package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Error is one problem in a config file, located by line and key.
type Error struct {
	File string
	// Line is the line of Key in the file; 0 when Key is not in the file
	// (its default is in effect), -1 when the line is not known.
	Line int
	Key  string // "[section] key", "key" at top level, or "" for syntax errors
	Msg  string
}

func (e *Error) Error() string {
	pos := e.File
	switch {
	case e.Line > 0:
		pos += ":" + strconv.Itoa(e.Line)
	case e.Line == 0:
		pos += ":(default)"
	}
	if e.Key == "" {
		return pos + ": " + e.Msg
	}
	return pos + ": " + e.Key + ": " + e.Msg
}

// decoded is a Config being built, with what is known about the file.
type decoded struct {
	cfg   *Config
	lines map[string]int   // lower-cased dotted path -> first line
	elems map[string][]int // lower-cased dotted path -> lines of its array elements
	exact map[string]int   // dotted path as written -> first line
	keys  map[string]bool  // lower-cased dotted paths present in the file
	errs  []error
}

func decode(data []byte, name string) (*decoded, error) {
	src := string(data)
	// Parse once without a schema so that syntax errors are told apart
	// from type errors, which only the second pass can produce.
	var syntax map[string]any
	if _, err := toml.Decode(src, &syntax); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Line: pe.Position.Line, Msg: "syntax error: " + pe.Message}
		}
		return nil, &Error{File: name, Line: -1, Msg: "syntax error: " + strings.TrimPrefix(err.Error(), "toml: ")}
	}

	d := &decoded{
		cfg:   Default(),
		lines: map[string]int{},
		elems: map[string][]int{},
		exact: map[string]int{},
		keys:  map[string]bool{},
	}
	d.cfg.File = name
	d.cfg.src = d
	for _, kp := range keyLines(src) {
		exact := strings.Join(kp.path, ".")
		lower := strings.ToLower(exact)
		if kp.elem >= 0 {
			if kp.elem == len(d.elems[lower]) {
				d.elems[lower] = append(d.elems[lower], kp.line)
			}
			continue
		}
		if _, ok := d.exact[exact]; !ok {
			d.exact[exact] = kp.line
		}
		if _, ok := d.lines[lower]; !ok {
			d.lines[lower] = kp.line
		}
	}

	md, err := toml.Decode(src, d.cfg)
	if err != nil {
		return nil, d.typeError(err)
	}
	for _, k := range md.Keys() {
		d.keys[strings.ToLower(strings.Join(k, "."))] = true
	}
	d.checkDuplicates(md)
	d.cfg.Warnings = d.unknownKeys(md)
	return d, nil
}

// checkDuplicates rejects keys that differ only in case: both would decode
// into one field and which one wins would be random.
func (d *decoded) checkDuplicates(md toml.MetaData) {
	first := map[string]toml.Key{}
	for _, k := range md.Keys() {
		lower := strings.ToLower(strings.Join(k, "."))
		if t := md.Type(k...); t == "Hash" || t == "ArrayHash" {
			continue // tables may repeat in another case; their keys are checked
		}
		f, ok := first[lower]
		if !ok {
			first[lower] = k
			continue
		}
		line := d.exact[strings.Join(k, ".")]
		if line == 0 {
			line = -1
		}
		d.errs = append(d.errs, &Error{File: d.cfg.File, Line: line, Key: display(k),
			Msg: fmt.Sprintf("duplicate of %s on line %d (keys are case-insensitive)",
				f[len(f)-1], d.exact[strings.Join(f, ".")])})
	}
}

var (
	lastKeyRE  = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key ("(?:[^"\\]|\\.)*")\): (.*)$`)
	badTypeRE  = regexp.MustCompile(`TOML value has type (\S+); destination has type (\S+)`)
	notTableRE = regexp.MustCompile(`expected table but found (\S+)`)
)

// typeError turns a decoding error (value of the wrong type or range) into
// an *Error naming the key and its line.
func (d *decoded) typeError(err error) error {
	var key, msg string
	line := 0
	var pe toml.ParseError
	if errors.As(err, &pe) {
		key, msg, line = pe.LastKey, pe.Message, pe.Position.Line
	} else if m := lastKeyRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		key, _ = strconv.Unquote(m[2])
		msg = m[3]
	} else {
		return &Error{File: d.cfg.File, Line: -1, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	if m := badTypeRE.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("wrong type: want %s, got %s", typeName(m[2]), typeName(m[1]))
	} else if m := notTableRE.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("wrong type: want table, got %s", typeName(m[1]))
	}
	path := toml.Key(strings.Split(key, "."))
	if line <= 0 {
		line = d.line(strings.ToLower(key))
		if line == 0 {
			line = -1 // the key is in the file, we just could not find it
		}
	}
	return &Error{File: d.cfg.File, Line: line, Key: display(path), Msg: msg}
}

// typeName names a type as TOML does, from the Go or toml names in messages.
func typeName(s string) string {
	switch {
	case s == "int64" || s == "integer":
		return "integer"
	case s == "float64" || s == "float":
		return "float"
	case s == "bool" || s == "boolean":
		return "boolean"
	case s == "slice" || strings.HasPrefix(s, "[]"):
		return "array"
	case strings.HasPrefix(s, "map["):
		return "table"
	case strings.Contains(s, "time") || strings.Contains(s, "Local"):
		return "datetime"
	}
	return s
}

// display formats a key for messages: "[a.b] c", or "c" at top level.
func display(k toml.Key) string {
	if len(k) <= 1 {
		return strings.Join(k, "")
	}
	return "[" + strings.Join(k[:len(k)-1], ".") + "] " + k[len(k)-1]
}

// line returns the line of a lower-cased dotted path: 0 if it is absent from
// the file, else its line or, failing that, its nearest parent's.
func (d *decoded) line(path string) int {
	if l, ok := d.lines[path]; ok {
		return l
	}
	if !d.keys[path] {
		return 0
	}
	for i := strings.LastIndexByte(path, '.'); i > 0; i = strings.LastIndexByte(path, '.') {
		path = path[:i]
		if l, ok := d.lines[path]; ok {
			return l
		}
	}
	return -1
}

// has reports whether the file sets a lower-cased dotted path.
func (d *decoded) has(path string) bool {
	return d.keys[path]
}

// finish applies chain33's rules that depend on other keys or treat 0 as
// "use the default".
func (d *decoded) finish() {
	c := d.cfg
	q := &c.Consensus.Sub.QBFT
	// The reference lets [consensus.sub.qbft] overwrite [consensus]
	// unconditionally; we let it win only when it is written, so that
	// [consensus] alone still works.
	if !d.has("consensus.sub.qbft.genesis") && d.has("consensus.genesis") {
		q.Genesis = c.Consensus.Genesis
	}
	if !d.has("consensus.sub.qbft.genesisblocktime") && d.has("consensus.genesisblocktime") {
		q.GenesisBlockTime = c.Consensus.GenesisBlockTime
	}
	c.Consensus.Genesis = q.Genesis
	c.Consensus.GenesisBlockTime = q.GenesisBlockTime

	if c.Title == "local" {
		c.TestNet = true
	}
	g := &c.P2P.Sub.Gossip
	if g.Channel == 0 && c.TestNet {
		g.Channel = 256
	}
	if g.InnerBounds == 0 {
		g.InnerBounds = 500
	}
	if g.LightTxTTL <= 1 {
		g.LightTxTTL = 3
	}
	if g.MaxTTL <= 0 {
		g.MaxTTL = 25
	}

	r := &c.RPC
	for _, ip := range r.Whitlist {
		if !slices.Contains(r.Whitelist, ip) {
			r.Whitelist = append(r.Whitelist, ip)
		}
	}
	if len(r.JrpcFuncBlacklist) == 0 {
		r.JrpcFuncBlacklist = []string{"CloseQueue"}
	}
	if len(r.GrpcFuncBlacklist) == 0 {
		r.GrpcFuncBlacklist = []string{"CloseQueue"}
	}

	if c.Mempool.MaxTxFeeRate == 0 {
		c.Mempool.MaxTxFeeRate = 1e7
	}
	if c.Mempool.MaxTxFee == 0 {
		c.Mempool.MaxTxFee = 1e9
	}
	c.Log.Loglevel = normLevel(c.Log.Loglevel)
	c.Log.LogConsoleLevel = normLevel(c.Log.LogConsoleLevel)
}

// normLevel accepts chain33's (log15's) spellings and aliases.
func normLevel(s string) string {
	switch s = strings.ToLower(s); s {
	case "dbug":
		return "debug"
	case "eror":
		return "error"
	}
	return s
}
