package rpc

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/subtle"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/rpc/auth"
	"chain33node/types"

	"google.golang.org/grpc"
)

// Limits of a JSON-RPC request (the reference has none).
const (
	// MaxBodyBytes is the largest request body read.
	MaxBodyBytes = 10 << 20
	// MaxBatch is the most requests in one JSON batch (an array of requests).
	MaxBatch = 100
)

// Server is the JSON-RPC server on jrpcBindAddr: chain33's envelope (Go
// net/rpc/jsonrpc, JSON-RPC 1.0 style), its access control and its methods;
// and the gRPC server on grpcBindAddr with the same methods (grpc.go). Both
// share the limits of limits.go and the token scheme of package auth.
type Server struct {
	cfg     Settings
	b       Backend
	log     *slog.Logger
	methods map[string]*method // "Chain33.GetBlocks"
	svcs    map[string]bool    // "Chain33", "qbftNode"

	ips       ipList
	jrpcFuncs funcList
	grpcFuncs funcList
	tokens    *auth.Store // nil: no token file
	guard     *guard
	bulk      chan []byte   // slots for large responses (bulkMethods), each with its last one's buffer
	held      chan struct{} // slots for held connections (holdRefused)
	maxResp   int
	calls     atomic.Int64 // gRPC calls in progress

	syncTimeout time.Duration // SendTransactionSync's wait (tests shorten it)

	handler http.Handler
	srv     *http.Server

	mu         sync.Mutex
	listeners  []net.Listener
	gsrv       *grpc.Server // built on first use (see grpcServer)
	glisteners []net.Listener
	closed     bool
}

// bulkSlots is how many large responses (bulkMethods) are built at once:
// each holds up to maxResponseBytes, so this bounds their memory.
const bulkSlots = 1

// bulkKept bounds the buffer a bulk slot keeps for its next response: a
// watcher's or explorer's blocks (about 1 KB of JSON a transfer) were built
// in new memory, which the kernel had to clear, for every fetch. Larger
// buffers go back to the heap, so that a rare large response does not stay.
const bulkKept = 16 << 20

// NewServer builds the server for cfg, serving from b. An unusable setting
// (a whitelist entry that is not an IP or range, an unknown method name in
// a function list, an unreadable token file) is a *SettingError or a token
// file error. Nothing listens until Start, ServeJSONRPC or ServeGRPC.
func NewServer(cfg Settings, b Backend, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{cfg: cfg, b: b, log: log, bulk: make(chan []byte, bulkSlots), held: make(chan struct{}, maxHeld), syncTimeout: syncTimeout}
	for range bulkSlots {
		s.bulk <- nil
	}
	s.register()
	var err error
	if s.ips, err = parseIPList("whitelist", cfg.Whitelist); err != nil {
		return nil, err
	}
	if s.jrpcFuncs, err = newFuncList("jrpc", cfg.JrpcFuncWhitelist, cfg.JrpcFuncBlacklist, s.jsonMethodKnown); err != nil {
		return nil, err
	}
	if s.grpcFuncs, err = newFuncList("grpc", cfg.GrpcFuncWhitelist, cfg.GrpcFuncBlacklist, grpcMethodKnown); err != nil {
		return nil, err
	}
	if cfg.TokenFile != "" {
		if s.tokens, err = auth.NewStore(cfg.TokenFile); err != nil {
			return nil, err
		}
	}
	s.maxResp = cfg.MaxResponseBytes
	if s.maxResp <= 0 {
		s.maxResp = DefaultMaxResponseBytes
	}
	files := fileLimit()
	total, perIP := connLimits(cfg.MaxConnections, cfg.MaxConnectionsPerIP, files)
	if want := cmp.Or(max(cfg.MaxConnections, 0), DefaultMaxConnections); want > total {
		log.Warn("[rpc] maxConnections lowered to half the open-file limit, which LevelDB, the WAL and p2p share",
			"maxConnections", want, "openFileLimit", files, "used", total)
	}
	s.guard = newGuard(total, perIP, cfg.RateLimit, cfg.RateBurst, log)
	log.Info("RPC limits", "openFileLimit", files, "maxConnections", total, "maxConnectionsPerIP", perIP,
		"maxResponseBytes", s.maxResp, "rateLimit", cfg.RateLimit, "tokens", s.tokens != nil && s.tokens.Enabled())
	read := cfg.ReadTimeout
	if read <= 0 {
		read = DefaultReadTimeout
	}
	s.handler = cors(http.HandlerFunc(s.serveHTTP))
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: min(read, 10*time.Second), // from the first byte, the first request too (firstRequestListener)
		ReadTimeout:       read,                      // headers and body: a slow body ends here
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	return s, nil
}

// Handler is the HTTP handler of the JSON-RPC endpoint (access control
// included); tests call it with made-up remote addresses.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on jrpcBindAddr and on grpcBindAddr (unless empty) and
// serves both in the background.
func (s *Server) Start() error {
	if s.cfg.EnableTLS {
		// Fail now, not on the first connection, if the key pair is unusable.
		if _, err := tls.LoadX509KeyPair(s.cfg.CertFile, s.cfg.KeyFile); err != nil {
			return fmt.Errorf("rpc: jrpc TLS (enableTLS): %w", err)
		}
	}
	var gl net.Listener
	if s.cfg.GrpcBindAddr != "" {
		if _, err := s.grpcServer(); err != nil {
			return err
		}
		var err error
		if gl, err = net.Listen("tcp", s.cfg.GrpcBindAddr); err != nil {
			return fmt.Errorf("rpc: listen grpcBindAddr %q: %w", s.cfg.GrpcBindAddr, err)
		}
	}
	l, err := net.Listen("tcp", s.cfg.JrpcBindAddr)
	if err != nil {
		if gl != nil {
			gl.Close()
		}
		return fmt.Errorf("rpc: listen jrpcBindAddr %q: %w", s.cfg.JrpcBindAddr, err)
	}
	s.log.Info("JSON-RPC listening", "addr", l.Addr().String(), "tls", s.cfg.EnableTLS)
	go func() {
		if err := s.ServeJSONRPC(l); err != nil {
			s.log.Error("JSON-RPC server stopped", "err", err)
		}
	}()
	if gl != nil {
		s.log.Info("gRPC listening", "addr", gl.Addr().String(), "tls", s.cfg.EnableTLS)
		go func() {
			if err := s.ServeGRPC(gl); err != nil {
				s.log.Error("gRPC server stopped", "err", err)
			}
		}()
	}
	return nil
}

// ServeJSONRPC serves JSON-RPC on l (HTTPS when enableTLS) until Close; it
// returns nil after Close. Connections count against the connection caps.
func (s *Server) ServeJSONRPC(l net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.Close()
		return nil
	}
	refuse := refuseHTTP
	if s.cfg.EnableTLS {
		refuse = refuseSilently // a TLS client cannot read a plain-text answer
	}
	l = s.guard.listen(l, nil, refuse) // the whitelist answers in HTTP, as the reference
	l = firstRequestListener{Listener: l, idle: s.srv.IdleTimeout}
	s.listeners = append(s.listeners, l)
	s.mu.Unlock()
	var err error
	if s.cfg.EnableTLS {
		err = s.srv.ServeTLS(l, s.cfg.CertFile, s.cfg.KeyFile)
	} else {
		err = s.srv.Serve(l)
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Addr returns the address of the first listener, nil before one serves.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.listeners) == 0 {
		return nil
	}
	return s.listeners[0].Addr()
}

// Close stops listening (JSON-RPC and gRPC), lets running requests finish
// (for up to 5 s) and closes the connections.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	g := s.gsrv
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	grpcDone := make(chan struct{})
	go func() {
		defer close(grpcDone)
		if g != nil {
			stopGRPC(ctx, g)
		}
	}()
	err := s.srv.Shutdown(ctx)
	<-grpcDone
	if err != nil {
		return s.srv.Close()
	}
	return nil
}

func (s *Server) checkBasicAuth(r *http.Request) bool {
	if s.cfg.JrpcUserName == "" && s.cfg.JrpcUserPasswd == "" {
		return true
	}
	parts := strings.SplitN(r.Header.Get("Authorization"), " ", 2)
	if len(parts) != 2 {
		return false
	}
	b, err := base64.StdEncoding.DecodeString(parts[1])
	if err != nil {
		return false
	}
	user, pass, ok := strings.Cut(string(b), ":")
	if !ok {
		return false
	}
	u := subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.JrpcUserName))
	p := subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.JrpcUserPasswd))
	return u&p == 1
}

// caller is who sends a request: whether from this host (the function
// lists do not apply) and, with tokens on, the level of its token.
type caller struct {
	loopback bool
	tokens   bool // the token scheme is on
	perm     auth.Perm
}

// authorize applies the token scheme, or when it is off (no token issued)
// the basic auth of jrpcUserName/jrpcUserPasswd. A missing or unknown token
// is refused as the reference refuses bad credentials.
func (s *Server) authorize(authorization string, basic func() bool) (caller, error) {
	if s.tokens != nil && s.tokens.Enabled() {
		tok, ok := auth.Bearer(authorization)
		if !ok {
			return caller{}, errUnauthorized
		}
		p, err := s.tokens.Check(tok)
		if err != nil {
			s.log.Error("token file unusable: refusing every token", "file", s.tokens.Path(), "err", err)
		}
		if p == auth.None {
			return caller{}, errUnauthorized
		}
		return caller{tokens: true, perm: p}, nil
	}
	if !basic() {
		return caller{}, errUnauthorized
	}
	return caller{}, nil
}

var errUnauthorized = errors.New("Unauthozied") // sic: the reference's spelling

// methodAllowed applies the function lists (non-loopback callers) and the
// token level to a method name (the part after the service).
func (c caller) methodAllowed(name string, l funcList) bool {
	if !c.loopback && !l.allowed(name) {
		return false
	}
	return !c.tokens || c.perm >= methodPerm(name)
}

// clientRequest is the reference's pre-parse of a request (rpc/http.go): the
// error texts of a failed parse name this type, so keep its name and fields.
type clientRequest struct {
	Method string         `json:"method"`
	Params [1]interface{} `json:"params"`
	ID     uint64         `json:"id"`
}

// serverRequest is what Go's jsonrpc server codec reads.
type serverRequest struct {
	Method string           `json:"method"`
	Params *json.RawMessage `json:"params"`
	ID     *json.RawMessage `json:"id"`
}

// serverResponse is the jsonrpc codec's response; errorResponse the
// reference's writeError form (numeric id).
type serverResponse struct {
	ID     *json.RawMessage `json:"id"`
	Result any              `json:"result"`
	Error  any              `json:"error"`
}

type errorResponse struct {
	ID     uint64 `json:"id"`
	Result any    `json:"result"`
	Error  any    `json:"error"`
}

var jsonNull = json.RawMessage("null")

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("JSON-RPC handler panic", "panic", p, "stack", string(debug.Stack()))
			writeError(w, 0, errInternal.Error())
		}
	}()
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	ip := remoteIP(r.RemoteAddr)
	if err != nil || !ip.IsValid() || !s.ips.allows(ip) {
		writeError(w, 0, fmt.Sprintf("The %s Address is not authorized!", host))
		return
	}
	if !s.guard.allow(ip, 1) {
		s.tooMany(w, host)
		return
	}
	if s.guard.churning(ip) {
		w.Header().Set("Connection", "close") // net/http closes after the answer (Churn)
	}
	c, err := s.authorize(r.Header.Get("Authorization"), func() bool { return s.checkBasicAuth(r) })
	if err != nil {
		writeError(w, 0, err.Error())
		return
	}
	c.loopback = ip.IsLoopback()
	if r.URL.Path != "/" {
		return // HTTP 200, empty body: the CLI's `GET /test` probe
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		writeError(w, 0, "Can't get request body!")
		return
	}
	if len(data) > MaxBodyBytes {
		writeError(w, 0, fmt.Sprintf("invalid json request err:request body larger than %d bytes", MaxBodyBytes))
		return
	}
	gz := strings.Contains(r.Header.Get("Accept-Encoding"), "gzip")

	reqs := []json.RawMessage{data}
	batch := false
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '[' {
		batch = true
		if err := json.Unmarshal(data, &reqs); err != nil {
			writeError(w, 0, "invalid json request err:"+err.Error())
			return
		}
		switch {
		case len(reqs) == 0:
			writeError(w, 0, "invalid json request err:empty batch")
			return
		case len(reqs) > MaxBatch:
			writeError(w, 0, fmt.Sprintf("invalid json request err:batch of %d requests, the limit is %d", len(reqs), MaxBatch))
			return
		case !s.guard.allow(ip, len(reqs)-1): // each request of a batch counts
			s.tooMany(w, host)
			return
		}
	}
	o := &out{max: s.maxResp}
	if !batch {
		req, early := s.parseOne(data, c)
		if early != nil {
			writeRaw(w, early, false)
			return
		}
		if bulkMethods[req.Method] {
			if !s.takeBulk(r, o) {
				return
			}
			defer s.releaseBulk(o)
		}
		s.answer(req, o)
		o.add([]byte{'\n'}) // json.Encoder's trailing newline, as the reference
		s.respond(w, r, o, gz)
		return
	}
	if bulk(reqs) {
		if !s.takeBulk(r, o) {
			return
		}
		defer s.releaseBulk(o)
	}
	o.add([]byte{'['})
	for i, raw := range reqs {
		if i > 0 {
			o.add([]byte{','})
		}
		if req, early := s.parseOne(raw, c); early != nil {
			o.add(early)
		} else {
			s.answer(req, o)
		}
	}
	o.add([]byte("]\n"))
	s.respond(w, r, o, gz)
}

// respond writes the answer o, and if the mempool refused a transaction of
// it for lack of room, holds the connection before its next request
// (holdRefused).
func (s *Server) respond(w http.ResponseWriter, r *http.Request, o *out, gz bool) {
	// An HTTP/2 stream, like a gRPC call, ends when its handler returns: not held. Nor is a connection
	// answered with Connection: close (Churn), which the node is to close first.
	if !o.full || r.ProtoMajor != 1 || w.Header().Get("Connection") == "close" || !s.takeHold() {
		writeRaw(w, o.b, gz)
		return
	}
	defer func() { <-s.held }()
	if !gz || len(o.b) < gzipMinBytes {
		// Flushed before the handler returns, the answer would be chunked without it.
		w.Header().Set("Content-Length", strconv.Itoa(len(o.b)))
	}
	writeRaw(w, o.b, gz)
	http.NewResponseController(w).Flush()
	s.holdRefused(r.Context())
}

// refusedHold bounds how long holdRefused keeps a connection; holdStarted
// is called when it starts (tests).
var (
	refusedHold = time.Second
	holdStarted = func() {}
)

// maxHeld bounds the connections held at once; past it, refusals are
// answered without a hold. A client that does not wait for its answers
// opens a new connection for each request its held ones cannot take, so
// the bound also bounds what the hold adds to its connections: a quarter of
// [rpc] maxConnectionsPerIP's default (2,048). 1,024 senders that wait for
// their answers keep about 256 held per node.
const maxHeld = 512

// takeHold takes one of the maxHeld slots, false if none is free.
func (s *Server) takeHold() bool {
	select {
	case s.held <- struct{}{}:
		return true
	default:
		return false
	}
}

// holdRefused waits until the next block commits (at most refusedHold, or
// until the caller goes away) before the connection of a refused request
// reads its next one. The refusal itself is answered at once, as the
// reference does; but a pool without room gets room only when a block
// commits, and a sender that sends again at once only spends, on both
// sides, CPU the chain needs to commit what it admitted. With 1,024 senders
// that each send again as soon as they are answered (four validators and
// the client on two cores), the cluster committed 4,380-4,465 tx/s with it
// and 3,549-3,844 without, and the client offered 6,050 requests a second
// instead of 10,900.
func (s *Server) holdRefused(ctx context.Context) {
	holdStarted()
	t := time.NewTimer(refusedHold)
	defer t.Stop()
	select {
	case <-s.b.Commits().nextBlock():
	case <-t.C:
	case <-ctx.Done():
	}
}

// tooMany answers a caller over [rpc] rateLimit.
func (s *Server) tooMany(w http.ResponseWriter, ip string) {
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	w.Write(errorJSON(0, fmt.Sprintf("The %s Address sends more than %g requests per second ([rpc] rateLimit)!", ip, s.cfg.RateLimit)))
}

// bulk reports whether a request (or batch) calls a method of bulkMethods.
func bulk(reqs []json.RawMessage) bool {
	for _, raw := range reqs {
		var m struct{ Method string }
		if json.Unmarshal(raw, &m) == nil && bulkMethods[m.Method] {
			return true
		}
	}
	return false
}

// takeBulk waits for one of the bulk slots (a large response) and builds o
// in its buffer; false if the request ended first.
func (s *Server) takeBulk(r *http.Request, o *out) bool {
	select {
	case b := <-s.bulk:
		o.b = b[:0]
		return true
	case <-r.Context().Done():
		return false
	}
}

// releaseBulk frees the slot o was built in, after o was written.
func (s *Server) releaseBulk(o *out) {
	b := o.b
	if cap(b) > bulkKept {
		b = nil
	}
	s.bulk <- b
}

// parseOne parses one request object as the reference does: its pre-parse
// (clientRequest), the access check of the method, then the codec's parse
// (serverRequest). A well-formed request takes one parse (fastParse); any
// other takes the reference's two, whose error texts the caller sees. early
// is the error response the reference writes before dispatch (writeError:
// no gzip, no trailing newline).
func (s *Server) parseOne(data []byte, c caller) (req serverRequest, early []byte) {
	id, ok := fastParse(data, &req)
	if !ok {
		var pre clientRequest
		if err := json.Unmarshal(data, &pre); err != nil {
			return req, errorJSON(0, "invalid json request err:"+err.Error())
		}
		id = pre.ID
		req = serverRequest{}
		if err := json.Unmarshal(data, &req); err != nil { // cannot fail after the pre-parse
			return req, errorJSON(0, "invalid json request err:"+err.Error())
		}
	}
	if name := req.Method[strings.LastIndex(req.Method, ".")+1:]; !c.methodAllowed(name, s.jrpcFuncs) {
		return req, errorJSON(id, fmt.Sprintf("The %s method is not authorized!", name))
	}
	if req.ID == nil {
		req.ID = &jsonNull
	}
	return req, nil
}

// fastParse parses data into req and reports whether the reference's
// pre-parse would accept it too, and with which id: every id given is null
// or an unsigned integer, every params given is null or an array whose
// numbers all fit a float64 (the pre-parse decodes params[0] into an
// interface{}). Repeated keys are read as both parses read them.
func fastParse(data []byte, req *serverRequest) (id uint64, ok bool) {
	var err error
	if method, params, idText, ok := plainRequest(data); ok {
		*req = serverRequest{Method: method}
		if params != nil {
			raw := json.RawMessage(bytes.Clone(params))
			req.Params = &raw
		}
		if idText != nil && string(idText) != "null" {
			if id, err = strconv.ParseUint(string(idText), 10, 64); err != nil {
				return 0, false
			}
			raw := json.RawMessage(bytes.Clone(idText))
			req.ID = &raw
		}
		return id, true
	}
	var f struct {
		Method string     `json:"method"`
		Params fastParams `json:"params"`
		ID     fastID     `json:"id"`
	}
	if json.Unmarshal(data, &f) != nil {
		return 0, false
	}
	*req = serverRequest{Method: f.Method, Params: f.Params.raw, ID: f.ID.raw}
	return f.ID.v, true
}

// fastID reads an id as clientRequest's uint64 (v: null leaves it) and as
// serverRequest's *json.RawMessage (raw: null makes it nil) at once.
type fastID struct {
	raw *json.RawMessage
	v   uint64
}

func (f *fastID) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		f.raw = nil
		return nil
	}
	v, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		return err
	}
	raw := json.RawMessage(bytes.Clone(b))
	f.raw, f.v = &raw, v
	return nil
}

// fastParams reads params as serverRequest's *json.RawMessage, refusing
// what clientRequest's [1]interface{} would refuse (or might).
type fastParams struct{ raw *json.RawMessage }

var errSlowPath = errors.New("rpc: not for the fast path")

func (f *fastParams) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		f.raw = nil
		return nil
	}
	if b[0] != '[' || !plainNumbers(b) {
		return errSlowPath
	}
	raw := json.RawMessage(bytes.Clone(b))
	f.raw = &raw
	return nil
}

// plainNumbers reports whether every number in the JSON text v is short and
// without exponent (surely within float64's range); strings are skipped.
func plainNumbers(v []byte) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '"':
			for i++; i < len(v) && v[i] != '"'; i++ {
				if v[i] == '\\' {
					i++
				}
			}
		case c == '-' || c >= '0' && c <= '9':
			j := i
			for j < len(v) && (v[j] == '-' || v[j] == '+' || v[j] == '.' || v[j] == 'e' || v[j] == 'E' || v[j] >= '0' && v[j] <= '9') {
				if v[j] == 'e' || v[j] == 'E' {
					return false
				}
				j++
			}
			if j-i > 20 {
				return false
			}
			i = j - 1
		}
	}
	return true
}

// answer dispatches a parsed request and appends its response object to o.
func (s *Server) answer(req serverRequest, o *out) {
	start := len(o.b)
	var result any
	err := o.check() // a batch that used its cap answers the rest without work
	if err == nil {
		result, err = s.dispatch(req.Method, req.Params)
	}
	if err == nil {
		o.add([]byte(`{"id":`))
		o.add(*req.ID)
		o.add([]byte(`,"result":`))
		if err = o.value(result); err == nil {
			o.add([]byte(`,"error":null}`))
		}
	}
	if err != nil {
		o.full = o.full || errors.Is(err, types.ErrMemFull) || errors.Is(err, types.ErrManyTx)
		if errors.Is(err, errEncode) {
			s.log.Error("JSON-RPC result does not encode", "method", req.Method, "err", err)
		}
		o.b = o.b[:start]
		b, _ := marshalJSON(serverResponse{ID: req.ID, Error: err.Error()})
		o.add(b)
	}
}

// dispatch finds the method as net/rpc does and calls it with params[0].
func (s *Server) dispatch(name string, params *json.RawMessage) (result any, err error) {
	dot := strings.LastIndex(name, ".")
	if dot < 0 {
		return nil, errors.New("rpc: service/method request ill-formed: " + name)
	}
	if !s.svcs[name[:dot]] {
		return nil, errors.New("rpc: can't find service " + name)
	}
	m := s.methods[name]
	if m == nil {
		return nil, errors.New("rpc: can't find method " + name)
	}
	if params == nil {
		return nil, errors.New("jsonrpc: request body missing params")
	}
	arg := m.newArg()
	if pa, ok := arg.(plainArg); !ok || !decodePlainParams(*params, pa) {
		arg = m.newArg()
		p := [1]any{arg}
		if err := json.Unmarshal(*params, &p); err != nil {
			return nil, paramError(err)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("JSON-RPC method panic", "method", name, "panic", r, "stack", string(debug.Stack()))
			result, err = nil, errInternal
		}
	}()
	result, err = m.call(arg)
	if err != nil {
		s.log.Debug("JSON-RPC call failed", "method", name, "err", err)
		return nil, err
	}
	return result, nil
}

// paramError words a params decoding error as the reference's would read:
// its parameter types live in packages named types.
func paramError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		typ := strings.ReplaceAll(te.Type.String(), "rpc.", "types.")
		if te.Struct != "" || te.Field != "" {
			return errors.New("json: cannot unmarshal " + te.Value + " into Go struct field " + te.Struct + "." + te.Field + " of type " + typ)
		}
		return errors.New("json: cannot unmarshal " + te.Value + " into Go value of type " + typ)
	}
	return err
}

// marshalJSON is json.Encoder's output without the trailing newline (HTML
// escaping on, as the reference's codec).
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

func errorJSON(id uint64, msg string) []byte {
	b, _ := json.Marshal(errorResponse{ID: id, Error: msg})
	return b
}

// writeError is the reference's writeError: HTTP 200, JSON content type,
// {"id":id,"result":null,"error":msg}.
func writeError(w http.ResponseWriter, id uint64, msg string) {
	writeRaw(w, errorJSON(id, msg), false)
}

// gzipMinBytes is the smallest response gzipped for a client that accepts
// it. A smaller one would not shrink (gzip adds 18 bytes of its own), and
// compressing it cost more CPU than the request (a SendTransaction answer
// is ~80 bytes); HTTP lets the server send any response uncompressed.
const gzipMinBytes = 1024

// gzipWriters are reused: a new writer allocates ~800 KB of tables.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}

func writeRaw(w http.ResponseWriter, b []byte, gz bool) {
	w.Header().Set("Content-Type", "application/json")
	if gz && len(b) >= gzipMinBytes {
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusOK)
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(w)
		zw.Write(b)
		zw.Close()
		zw.Reset(io.Discard) // drop w
		gzipWriters.Put(zw)
		return
	}
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// cors answers CORS as the reference's rs/cors defaults: any origin; GET,
// POST and HEAD; preflights answered here.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h := w.Header()
			h.Add("Vary", "Origin")
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			method := strings.ToUpper(r.Header.Get("Access-Control-Request-Method"))
			if origin != "" && (method == http.MethodGet || method == http.MethodPost || method == http.MethodHead) {
				h.Set("Access-Control-Allow-Origin", "*")
				h.Set("Access-Control-Allow-Methods", method)
				if reqH := r.Header.Get("Access-Control-Request-Headers"); reqH != "" && allowedCORSHeaders(reqH) {
					h.Set("Access-Control-Allow-Headers", reqH)
				}
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if origin != "" {
			w.Header().Add("Vary", "Origin")
			w.Header().Set("Access-Control-Allow-Origin", "*")
		}
		next.ServeHTTP(w, r)
	})
}

func allowedCORSHeaders(list string) bool {
	for _, h := range strings.Split(list, ",") {
		switch http.CanonicalHeaderKey(strings.TrimSpace(h)) {
		case "Accept", "Content-Type", "X-Requested-With", "Origin", "":
		default:
			return false
		}
	}
	return true
}
