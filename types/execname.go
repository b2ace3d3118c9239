package types

import "strings"

// Executor names as the reference resolves them (chain33:types/executor.go
// IsAllowExecName, GetRealExecName; system/dapp/driver.go Allow): a
// transaction whose execer names one of the chain's executors runs there;
// any other "user." name runs in the none executor, which only stores it
// (notarisation), "user.coins" included (coins allows only its own name).

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

// IsUserExecName reports whether a name that no executor of the chain
// bears may still be used, and so runs in the none executor: the
// reference's IsAllowExecName for a name its none driver executes (3 to 100
// bytes, no '-' or '#', starting "user."). Any other unknown name is
// ErrExecNameNotAllow.
func IsUserExecName(execer string) bool {
	return len(execer) >= 3 && len(execer) <= MaxExecNameLength &&
		!strings.ContainsAny(execer, "-#") && strings.HasPrefix(execer, UserPrefix)
}
