//go:build race

package qbft

// raceDetector: the race detector slows the simulation's single goroutine
// some twentyfold and finds nothing in it; TestSimulation runs less.
const raceDetector = true
