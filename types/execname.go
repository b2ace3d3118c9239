package types

import "strings"

// Executor names as the reference resolves them (chain33:types/executor.go,
// system/dapp/driver.go): a transaction whose execer names a registered
// executor runs there; any other allowed name, in particular every "user."
// name, runs in the none executor, which stores it (notarisation).

// ExecNone is the notarisation executor.
const ExecNone = "none"

// UserPrefix starts the names applications choose freely; ParaPrefix starts
// parachain executor names.
const (
	UserPrefix = "user."
	ParaPrefix = "user.p."
)

// MaxExecNameLength is the reference's address.MaxExecNameLength.
const MaxExecNameLength = 100

// SystemExecs are the executors this chain runs (the reference's
// AllowUserExec for a consortium chain: none plus the registered dapps).
var SystemExecs = []string{ExecCoins, ExecManage, ExecNone, ExecQbftNode}

func isSystemExec(name string) bool {
	for _, e := range SystemExecs {
		if e == name {
			return true
		}
	}
	return false
}

// RealExecName is the reference's GetRealExecName: "user.p.<title>.x" is x;
// "user.x.y" is x; any other name is itself.
func RealExecName(execer string) string {
	if strings.HasPrefix(execer, ParaPrefix) {
		rest := execer[len(ParaPrefix):]
		if i := strings.IndexByte(rest, '.'); i >= 0 && i < len(rest)-1 {
			execer = rest[i+1:]
		}
		if strings.HasPrefix(execer, ParaPrefix) {
			return execer
		}
	}
	if strings.HasPrefix(execer, UserPrefix) {
		rest := execer[len(UserPrefix):]
		if i := strings.IndexByte(rest, '.'); i >= 0 {
			rest = rest[:i]
		}
		if rest != "" {
			return rest
		}
	}
	return execer
}

// DriverName is the executor a transaction of execer runs in: the executor
// of that exact name if this chain has it, the none executor otherwise (the
// reference loads a driver by its real name and falls back to none when the
// driver does not allow the full name, as coins does not allow "user.coins").
func DriverName(execer string) string {
	if isSystemExec(execer) {
		return execer
	}
	return ExecNone
}

// IsAllowExecName is the reference's rule for the name a transaction may
// use (IsAllowExecName(realName, execer) where realName is the driver's
// name, or execer itself for none): 3 to 100 bytes, no '-' or '#', and a
// "user." name or one of the chain's executors.
func IsAllowExecName(execer string) bool {
	name := DriverName(execer)
	if name == ExecNone {
		name = execer
	}
	if len(name) > MaxExecNameLength || len(execer) > MaxExecNameLength || len(name) < 3 || len(execer) < 3 {
		return false
	}
	if strings.ContainsAny(name, "-#") {
		return false
	}
	return strings.HasPrefix(name, UserPrefix) || isSystemExec(name)
}
