package rpc

// The common request, {"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"0a…"}]},
// is parsed here by hand in one pass over its bytes, where encoding/json takes four (a validity scan and a
// decoding, of the request and then of its params): about 8 % of a node's CPU under a submission load. Only a
// plain form is taken, whose meaning encoding/json reads the same: the keys jsonrpc, id, method and params
// exactly, each at most once; strings of printable ASCII without escapes; an id that is an unsigned integer or
// null; params an array of at most one object of plain string fields. Anything else takes encoding/json's way
// (FuzzPlainRequest compares the two).

// plainScanner reads the plain form.
type plainScanner struct {
	b []byte
	i int
}

func (s *plainScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips whitespace and takes c if it comes next.
func (s *plainScanner) next(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// str takes a plain string: printable ASCII, no escapes.
func (s *plainScanner) str() (string, bool) {
	if !s.next('"') {
		return "", false
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			v := string(s.b[start:s.i])
			s.i++
			return v, true
		case c < 0x20 || c > 0x7e || c == '\\':
			return "", false
		}
	}
	return "", false
}

// id takes null or an unsigned integer without leading zeros, of at most
// 19 digits (within uint64), and returns its text.
func (s *plainScanner) id() ([]byte, bool) {
	s.ws()
	start := s.i
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return s.b[start:s.i], true
	}
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	n := s.i - start
	if n == 0 || n > 19 || n > 1 && s.b[start] == '0' {
		return nil, false
	}
	return s.b[start:s.i], true
}

// object takes an object of plain string fields, each key once, calling f
// with each.
func (s *plainScanner) object(f func(key, val string) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	var seen []string
	for {
		k, ok := s.str()
		if !ok || !s.next(':') {
			return false
		}
		v, ok := s.str()
		if !ok {
			return false
		}
		for _, o := range seen {
			if o == k {
				return false
			}
		}
		seen = append(seen, k)
		if !f(k, v) {
			return false
		}
		if s.next('}') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

// params takes [] or [object] and returns its text.
func (s *plainScanner) params(f func(key, val string) bool) ([]byte, bool) {
	s.ws()
	start := s.i
	if !s.next('[') {
		return nil, false
	}
	if !s.next(']') && (!s.object(f) || !s.next(']')) {
		return nil, false
	}
	return s.b[start:s.i], true
}

// plainRequest reads a request in the plain form: its method, the text of
// its params (nil if absent) and of its id (nil if absent).
func plainRequest(data []byte) (method string, params, id []byte, ok bool) {
	s := &plainScanner{b: data}
	if !s.next('{') {
		return "", nil, nil, false
	}
	var seen [4]bool
	if !s.next('}') {
		for {
			key, ok := s.str()
			if !ok || !s.next(':') {
				return "", nil, nil, false
			}
			k := -1
			switch key {
			case "jsonrpc":
				k = 0
				_, ok = s.str()
			case "method":
				k = 1
				method, ok = s.str()
			case "id":
				k = 2
				id, ok = s.id()
			case "params":
				k = 3
				params, ok = s.params(func(string, string) bool { return true })
			}
			if k < 0 || !ok || seen[k] {
				return "", nil, nil, false
			}
			seen[k] = true
			if s.next('}') {
				break
			}
			if !s.next(',') {
				return "", nil, nil, false
			}
		}
	}
	s.ws()
	return method, params, id, s.i == len(s.b)
}

// plainArg is a params type filled from plain string fields.
type plainArg interface {
	setPlain(key, val string) bool
}

// decodePlainParams fills arg from params in the plain form; false (arg
// perhaps partly set) for any other.
func decodePlainParams(params []byte, arg plainArg) bool {
	s := &plainScanner{b: params}
	if _, ok := s.params(arg.setPlain); !ok {
		return false
	}
	s.ws()
	return s.i == len(s.b)
}

func (p *RawParm) setPlain(key, val string) bool {
	switch key {
	case "token":
		p.Token = val
	case "data":
		p.Data = val
	default:
		return false
	}
	return true
}
