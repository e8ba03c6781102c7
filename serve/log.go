package serve

import (
	"io"
	"log/slog"
)

// logs are a Server's two JSON-lines logs: the access log, one line per
// request, and the error log, for handler errors, quota stops, warnings,
// print output and lifecycle events.
type logs struct {
	access *slog.Logger
	errors *slog.Logger
}

func newLogs(access, errs io.Writer) logs {
	return logs{
		access: slog.New(slog.NewJSONHandler(access, nil)),
		errors: slog.New(slog.NewJSONHandler(errs, nil)),
	}
}
