package vm

import "os"

// ReadFile reads a file through Options.ReadFile (os.ReadFile by default).
func (st *State) ReadFile(name string) ([]byte, error) {
	if st.opts.ReadFile != nil {
		return st.opts.ReadFile(name)
	}
	return os.ReadFile(name)
}

// Getenv reads an environment variable through Options.Getenv (os.Getenv
// by default).
func (st *State) Getenv(key string) string {
	if st.opts.Getenv != nil {
		return st.opts.Getenv(key)
	}
	return os.Getenv(key)
}
