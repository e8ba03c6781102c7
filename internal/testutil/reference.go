package testutil

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ReferenceProgram is the name of the reference interpreter looked up on
// PATH by [LookupReference].
const ReferenceProgram = "lua5.4"

// LookupReference returns the path of the reference interpreter, or an
// error saying it is not installed.
func LookupReference() (string, error) {
	p, err := exec.LookPath(ReferenceProgram)
	if err != nil {
		return "", fmt.Errorf("%s is not on PATH: %w", ReferenceProgram, err)
	}
	return p, nil
}

// RunReference runs the reference interpreter on file inside dir (the
// working directory is dir and the script is named by its bare file name,
// so chunk names are "@file"), with an empty standard input. Its stderr is
// returned with the program-name prefix normalised to "tide: ". The error
// is non-nil only when the interpreter could not be run at all.
func RunReference(ctx context.Context, luaPath, dir, file string) (Result, error) {
	cmd := exec.CommandContext(ctx, luaPath, file)
	cmd.Args[0] = ReferenceProgram
	cmd.Dir = dir
	cmd.Env = cleanEnv(os.Environ())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := Result{Stdout: stdout.String(), Stderr: NormalizeStderr(stderr.String(), ReferenceProgram)}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		r.ExitCode = exitErr.ExitCode()
	default:
		return r, fmt.Errorf("running %s %s: %w", ReferenceProgram, file, err)
	}
	return r, nil
}

// cleanEnv drops the variables that change how lua starts (LUA_INIT and
// its versioned forms), so the reference runs the script alone.
func cleanEnv(environ []string) []string {
	var out []string
	for _, kv := range environ {
		if !strings.HasPrefix(kv, "LUA_INIT") {
			out = append(out, kv)
		}
	}
	return out
}

// UpdateGolden regenerates the golden files of s in dir from the reference
// interpreter: name.out always, name.err only when the script fails (an
// existing name.err is removed when it now succeeds).
func UpdateGolden(ctx context.Context, luaPath, dir string, s Script) error {
	r, err := RunReference(ctx, luaPath, dir, s.File)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, s.Name+".out"), []byte(r.Stdout), 0o644); err != nil {
		return err
	}
	errPath := filepath.Join(dir, s.Name+".err")
	if r.ExitCode != 0 {
		return os.WriteFile(errPath, []byte(r.Stderr), 0o644)
	}
	if err := os.Remove(errPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
