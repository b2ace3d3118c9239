// Package loopback gives tests IP addresses of their own to listen on, so that they can use fixed ports.
//
// A test that must know its listen addresses before it listens (validatorNodes, seeds, a config file for a
// node process) cannot bind port 0, and a "free" port found by listening and closing again races every other
// test binary running at the same time. All of 127.0.0.0/8 is loopback on Linux, so instead each listener gets
// an IP in it that no other caller in this process got and, picked at random among 16 million, almost surely
// no other process either. A port there is free unless something listens on it on every address (0.0.0.0),
// so tests take ports below the ephemeral range (32768 and up) and other than the node's defaults.
// 127.0.x.x is left alone: 127.0.0.1 for listeners on port 0, 127.0.0.2-… for the end-to-end tests and the
// lab. Connections to these IPs come from 127.0.0.1, as on any loopback. Only tests import it.
package loopback

import (
	"fmt"
	"math/rand/v2"
	"sync"
)

var (
	mu    sync.Mutex
	given = map[string]bool{}
)

// IP returns an unused loopback IP, 127.1.0.1 to 127.254.255.254.
func IP() string {
	mu.Lock()
	defer mu.Unlock()
	for {
		ip := fmt.Sprintf("127.%d.%d.%d", 1+rand.IntN(254), rand.IntN(256), 1+rand.IntN(254))
		if !given[ip] {
			given[ip] = true
			return ip
		}
	}
}
