package load

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// flexInt reads a jsonpb int64 (a string) or a plain number.
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	if len(b) == 0 || string(b) == "null" {
		*f = 0
		return nil
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	*f = flexInt(v)
	return err
}

// PerfStat is the qbftNode GetPerfStat result (`cli qbft perf_stat`).
type PerfStat struct {
	TotalTx     flexInt `json:"totalTx"`
	TotalBlock  flexInt `json:"totalBlock"`
	TxPerBlock  flexInt `json:"txPerBlock"`
	TotalSecond flexInt `json:"totalSecond"`
	TxPerSecond flexInt `json:"txPerSecond"`
}

func query(c *RPC, url, funcName string, payload, out any) error {
	return c.Call(url, "Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": funcName, "payload": payload}, out)
}

// GetPerfStat queries blocks from..to on url.
func GetPerfStat(c *RPC, url string, from, to int64) (PerfStat, error) {
	var st PerfStat
	err := query(c, url, "GetPerfStat", map[string]string{"start": fmt.Sprint(from), "end": fmt.Sprint(to)}, &st)
	return st, err
}

// Rounds returns how many blocks from..to were committed in each round.
func Rounds(c *RPC, url string, from, to int64) (map[int64]int, error) {
	out := map[int64]int{}
	for h := from; h <= to; h++ {
		var bi struct {
			Block struct {
				Header struct {
					Round flexInt `json:"round"`
				} `json:"header"`
			} `json:"block"`
		}
		if err := query(c, url, "GetBlockInfoByHeight", map[string]string{"height": fmt.Sprint(h)}, &bi); err != nil {
			return out, err
		}
		out[int64(bi.Block.Header.Round)]++
	}
	return out, nil
}

// FormatRounds renders a rounds histogram as "round 0: 12, round 1: 2".
func FormatRounds(r map[int64]int) string {
	keys := make([]int64, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("round %d: %d", k, r[k]))
	}
	return strings.Join(parts, ", ")
}

// ClockTick is USER_HZ on Linux.
const ClockTick = 100

// ProcCPU is the CPU time (user+system, in ticks) of /proc/<pid>/stat
// ("self" for this process).
func ProcCPU(pid string) (int64, error) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("bad stat")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("bad stat")
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return u + st, nil
}

// ProcRSS is the resident set size in bytes of /proc/<pid>/status (VmRSS).
func ProcRSS(pid string) (int64, error) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%s/status", pid)
}

// MachineCPU is (busy, total) ticks over all cores from /proc/stat.
func MachineCPU() (busy, total int64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	for k, v := range f[1:] {
		n, _ := strconv.ParseInt(v, 10, 64)
		if k >= 8 { // guest times are already in user
			break
		}
		total += n
		if k != 3 && k != 4 { // idle, iowait
			busy += n
		}
	}
	return busy, total, nil
}

// NodePIDs reads <dir>/<name>/node.pid (the `make run` layout): name → pid.
func NodePIDs(dir string) map[string]string {
	out := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "node.pid"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		pid := strings.TrimSpace(string(b))
		if _, err := os.Stat(filepath.Join("/proc", pid)); err == nil {
			out[filepath.Base(filepath.Dir(f))] = pid
		}
	}
	return out
}

// CPUSnap is the CPU counters of the nodes, this process and the machine.
type CPUSnap struct {
	Procs       map[string]int64
	Busy, Total int64
}

// SnapCPU reads the counters of pids (name → pid) and "loadgen".
func SnapCPU(pids map[string]string) CPUSnap {
	s := CPUSnap{Procs: map[string]int64{}}
	for name, pid := range pids {
		if t, err := ProcCPU(pid); err == nil {
			s.Procs[name] = t
		}
	}
	if t, err := ProcCPU("self"); err == nil {
		s.Procs["loadgen"] = t
	}
	s.Busy, s.Total, _ = MachineCPU()
	return s
}

// CPULines renders the CPU used between a and b over secs seconds: each
// process in cores (1.00 = one core busy), and the machine's busy share.
func CPULines(a, b CPUSnap, secs float64, cores int) []string {
	names := make([]string, 0, len(b.Procs))
	for n := range b.Procs {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []string
	parts := make([]string, 0, len(names))
	for _, n := range names {
		d := float64(b.Procs[n]-a.Procs[n]) / ClockTick
		parts = append(parts, fmt.Sprintf("%s %.2f", n, d/secs))
	}
	out = append(out, "cpu (cores busy):     "+strings.Join(parts, ", "))
	if t := b.Total - a.Total; t > 0 {
		out = append(out, fmt.Sprintf("machine cpu:          %.0f%% of %d cores busy", 100*float64(b.Busy-a.Busy)/float64(t), cores))
	}
	return out
}
