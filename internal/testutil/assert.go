package testutil

import (
	"strings"
	"testing"
)

// Equal fails t when got != want, naming what was compared.
func Equal[T comparable](t testing.TB, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// EqualText fails t with a line diff when the texts differ.
func EqualText(t testing.TB, what, got, want string) {
	t.Helper()
	if d := Diff(want, got, 60); d != "" {
		t.Errorf("%s differs (-want +got):\n%s", what, d)
	}
}

// NoError fails t immediately when err is not nil.
func NoError(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// ErrorContains fails t unless err is non-nil and its message contains sub.
func ErrorContains(t testing.TB, err error, sub string) {
	t.Helper()
	switch {
	case err == nil:
		t.Errorf("got no error, want one containing %q", sub)
	case !strings.Contains(err.Error(), sub):
		t.Errorf("error %q does not contain %q", err.Error(), sub)
	}
}
