//go:build !race

package qbft

const raceDetector = false
