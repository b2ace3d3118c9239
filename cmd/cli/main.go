// Command cli is the operator CLI, used as chain33-cli: see package commands.
package main

import (
	"os"

	"chain33node/cmd/cli/commands"
)

func main() {
	exe, _ := os.Executable() // `send` runs this binary for each step
	os.Exit(commands.Run(commands.Env{
		Args:       os.Args[1:],
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Executable: exe,
	}))
}
