package lab

import (
	"fmt"
	"io"
	"sync"
	"time"

	"chain33node/lab/load"
)

// LoadOptions describe an open-loop load (load.Open) on the lab's nodes.
type LoadOptions struct {
	Rate     float64       // transactions per second overall; 0 = as fast as the senders can
	Senders  int           // concurrent senders (with Rate: the most in flight)
	Accounts int           // sending accounts
	N        int           // transactions signed before the start; 0 = signed as they go, until Stop
	Resend   time.Duration // acknowledged but not committed after this long: sent again (0 = never)
	Timeout  time.Duration // per request
	ConnEach bool          // a new connection for each request (a client without keep-alive)
	Idle     int           // > 0: at most this many idle connections a node, the others closed (Go's default client: 2)
	GRPC     bool          // post with gRPC SendTransaction (chain33's Go SDK) instead of JSON-RPC
	OneNode  bool          // post to the first node only, as an application given one node's URL
}

// Load is a running load.
type Load struct {
	*load.Open
	Watch *load.Watcher
	Start time.Time
	Opts  LoadOptions

	closers []load.Poster // the clients, closed by Close
	stop    chan struct{}
	sending sync.WaitGroup
	helpers sync.WaitGroup
	watched chan struct{}
}

// endlessFunds is what each account gets when the load has no end: 10,000
// coins, a million transfers' fees.
const endlessFunds = 10_000 * 1e8

// StartLoad funds fresh accounts from the genesis key, then sends from them.
func (l *Lab) StartLoad(o LoadOptions) (*Load, error) {
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	ctl := load.NewRPC(4, time.Minute)
	p := load.ChainParams(ctl, l.URLs[0], 1)
	senders, err := load.NewSenders(o.Accounts)
	if err != nil {
		return nil, err
	}
	var items []load.Item
	needs := make([]int64, len(senders))
	if o.N > 0 {
		t0 := time.Now()
		if items, err = load.Presign(senders, o.N, p); err != nil {
			return nil, err
		}
		l.Log("pre-signed %d transfers from %d accounts in %.1f s", len(items), len(senders), time.Since(t0).Seconds())
		needs = load.Needs(items, len(senders), p.Amount)
	}
	if err := l.fund(ctl, senders, needs, p); err != nil {
		return nil, err
	}
	from := int64(0)
	for _, h := range l.Heights() {
		from = max(from, h)
	}
	ld := &Load{Open: load.NewOpen(), Opts: o, stop: make(chan struct{}), watched: make(chan struct{})}
	if o.N > 0 {
		ld.Add(items)
		ld.Seal()
	} else {
		ld.helpers.Add(1)
		go ld.sign(senders, p, l.Log)
	}
	ld.Start = time.Now()
	// Long timeouts: a block of 10,000 transactions is megabytes of JSON.
	ld.Watch = &load.Watcher{RPC: load.NewRPC(4, time.Minute), Nodes: l.URLs, Poll: 100 * time.Millisecond,
		From: from, Start: ld.Start, Track: ld}
	go func() { ld.Watch.Run(ld.stop); close(ld.watched) }()
	grpcPort := 0
	if o.GRPC {
		grpcPort = 8802
	}
	send := load.NewPoster(grpcPort, o.ConnEach, o.Idle, o.Senders, o.Timeout)
	ld.closers = []load.Poster{ctl, ld.Watch.RPC, send}
	ld.sending.Add(1)
	go func() {
		defer ld.sending.Done()
		ld.Run(send, o.entryURLs(l.URLs), o.Senders, load.NewLimiter(o.Rate), ld.Start)
	}()
	if o.Resend > 0 {
		ld.helpers.Add(1)
		go func() {
			defer ld.helpers.Done()
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-ld.stop:
					return
				case <-t.C:
					ld.Resend(send, o.entryURLs(l.URLs), o.Resend, ld.Start)
				}
			}
		}()
	}
	return ld, nil
}

// fund sends each sender needs[i] plus endlessFunds from the genesis key
// through the lab's first node.
func (l *Lab) fund(c *load.RPC, senders []load.Sender, needs []int64, p load.Params) error {
	funder, err := load.ParseKey(load.GenesisKey)
	if err != nil {
		return err
	}
	all := make([]int64, len(senders))
	for i := range all {
		all[i] = endlessFunds
		if i < len(needs) {
			all[i] += needs[i]
		}
	}
	t0 := time.Now()
	if err := load.Fund(c, l.URLs[0], funder, senders, all, p, 90, time.Minute, io.Discard); err != nil {
		return err
	}
	l.Log("funded %d accounts in %.1f s", len(senders), time.Since(t0).Seconds())
	return nil
}

// sign keeps about ten seconds of transactions queued.
func (ld *Load) sign(senders []load.Sender, p load.Params, logf func(string, ...any)) {
	defer ld.helpers.Done()
	batch := max(int(ld.Opts.Rate*2), 500)
	for {
		for ld.Queued() > 5*batch {
			select {
			case <-ld.stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
		items, err := load.Presign(senders, batch, p)
		if err != nil {
			logf("signing: %v", err)
			ld.Seal()
			return
		}
		ld.Add(items)
	}
}

// Since is the time since the load started, the time base of its records.
func (ld *Load) Since() time.Duration { return time.Since(ld.Start) }

// WaitSent waits until every transaction is sent (a load of N, sealed).
func (ld *Load) WaitSent() { ld.sending.Wait() }

// StopSending ends submission and waits for the posts in flight.
func (ld *Load) StopSending() {
	ld.Stop()
	ld.sending.Wait()
}

// Close stops sending, then the watcher (after it read what is committed).
func (ld *Load) Close() {
	ld.StopSending()
	select {
	case <-ld.stop:
	default:
		close(ld.stop)
	}
	ld.helpers.Wait()
	<-ld.watched
	for _, c := range ld.closers {
		c.Close()
	}
}

// entryURLs are the nodes the load posts to.
func (o LoadOptions) entryURLs(urls []string) []string {
	if o.OneNode {
		return urls[:1]
	}
	return urls
}

// String is the load's description.
func (o LoadOptions) String() string {
	rate := "as fast as they can"
	if o.Rate > 0 {
		rate = fmt.Sprintf("%.0f tx/s", o.Rate)
	}
	conns := ""
	switch {
	case o.GRPC:
		conns = ", gRPC SendTransaction"
	case o.ConnEach:
		conns = ", a new connection for each request"
	case o.Idle > 0:
		conns = fmt.Sprintf(", at most %d idle connections a node", o.Idle)
	}
	if o.OneNode {
		conns += ", all to one node"
	}
	return fmt.Sprintf("open loop, %s, %d senders, %d accounts%s", rate, o.Senders, o.Accounts, conns)
}
