// Package config reads the node's TOML configuration file.
//
// The file uses chain33's keys (chain33.toml), so an operator's existing file
// keeps working: keys match case-insensitively, every key has a default, and
// keys this node does not use are ignored. Unlike the reference, which starts
// with zero values and panics on some of them, [Load] starts from [Default],
// overlays the file, applies chain33's "0 means default" rules and then
// validates. Every error names the file, the line and the key, for example
//
//	chain.toml:42: [consensus.sub.qbft] timeoutPropose: must be > 0, got -5
//
// Keys the node does not know are reported in [Config.Warnings] with their
// line; known chain33 keys and tables that this node does not use (forks,
// store, other plugins' sub-tables) are accepted silently.
package config
