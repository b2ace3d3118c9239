package node

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// dashboard is what the test reads of scripts/grafana-dashboard.json.
type dashboard struct {
	Panels     []dashboardPanel `json:"panels"`
	Templating struct {
		List []struct {
			Definition string `json:"definition"`
		} `json:"list"`
	} `json:"templating"`
}

type dashboardPanel struct {
	ID      int              `json:"id"`
	Type    string           `json:"type"`
	Title   string           `json:"title"`
	Panels  []dashboardPanel `json:"panels"` // of a collapsed row
	Targets []struct {
		Expr  string `json:"expr"`
		RefID string `json:"refId"`
	} `json:"targets"`
}

var (
	nameMatcher = regexp.MustCompile(`__name__=~"([^"]+)"`)
	metricName  = regexp.MustCompile(`\bchain33_[A-Za-z0-9_]+`)
)

// The Grafana dashboard charts what a running node exports, and every
// metric it exports: each metric named in a panel's expression (or matched
// by a __name__ regex) is on the node's /metrics, and each exported metric
// is in some panel.
func TestDashboardChartsExportedMetrics(t *testing.T) {
	raw, err := os.ReadFile("../scripts/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("grafana-dashboard.json: %v", err)
	}
	var exprs []string
	ids := map[int]bool{}
	var walk func([]dashboardPanel)
	walk = func(ps []dashboardPanel) {
		for _, p := range ps {
			if ids[p.ID] {
				t.Errorf("panel id %d twice", p.ID)
			}
			ids[p.ID] = true
			walk(p.Panels)
			if p.Type == "row" {
				continue
			}
			if len(p.Targets) == 0 {
				t.Errorf("panel %q charts nothing", p.Title)
			}
			for _, tg := range p.Targets {
				if tg.Expr == "" || tg.RefID == "" {
					t.Errorf("panel %q: target without expr or refId", p.Title)
				}
				exprs = append(exprs, tg.Expr)
			}
		}
	}
	walk(d.Panels)
	for _, v := range d.Templating.List {
		exprs = append(exprs, v.Definition)
	}

	exported := runningNodeMetrics(t)
	charted := map[string]bool{}
	for _, e := range exprs {
		for _, m := range nameMatcher.FindAllStringSubmatch(e, -1) {
			re, err := regexp.Compile("^(?:" + m[1] + ")$") // PromQL regexes are anchored
			if err != nil {
				t.Errorf("%q: %v", e, err)
				continue
			}
			matched := false
			for name := range exported {
				if re.MatchString(name) {
					matched, charted[name] = true, true
				}
			}
			if !matched {
				t.Errorf("%q matches no exported metric", m[1])
			}
		}
		for _, name := range metricName.FindAllString(nameMatcher.ReplaceAllString(e, ""), -1) {
			if !exported[name] {
				t.Errorf("the dashboard charts %s, which the node does not export (in %q)", name, e)
			}
			charted[name] = true
		}
	}
	for name := range exported {
		if !charted[name] {
			t.Errorf("the node exports %s, which no dashboard panel charts", name)
		}
	}
	t.Logf("%d expressions chart %d exported metrics", len(exprs), len(charted))
}

// runningNodeMetrics are the metric names a running one-validator node
// exports on its /metrics.
func runningNodeMetrics(t *testing.T) map[string]bool {
	tn := newTestnet(t, 1)
	tn.cfgs[0].Metrics.ListenAddr = "127.0.0.1:0"
	tn.start(0)
	defer tn.stopAll()
	tn.waitHeight(1, 20*time.Second)
	resp, err := http.Get("http://" + tn.nodes[0].metrics.Addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	names := map[string]bool{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 4 && f[0] == "#" && f[1] == "TYPE" {
			names[f[2]] = true
		}
	}
	if len(names) == 0 {
		t.Fatal("no metrics exported")
	}
	return names
}
