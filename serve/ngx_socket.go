package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tidelua/tide"
)

// ngx.socket.tcp: OpenResty's cosocket API on net.Conn. Calls block the
// State's goroutine only, and stop at the socket's timeouts and when the
// request's (or timer's) context is done. setkeepalive closes the
// connection (there is no connection pool yet); sockets still open when
// their request or timer ends are closed, as OpenResty does.

// defaultSocketTimeout is OpenResty's lua_socket_*_timeout default.
const defaultSocketTimeout = 60 * time.Second

// tcpSock is an ngx.socket.tcp object.
type tcpSock struct {
	w                      *worker
	conn                   net.Conn
	rd                     *bufio.Reader
	connectT, sendT, readT time.Duration
	carry                  []byte // receiveuntil's data read past a returned chunk
}

// luaTCP is ngx.socket.tcp().
func (w *worker) luaTCP(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	if w.sockMT.IsNil() {
		mt := s.NewTable()
		methods := s.NewTable()
		for name, f := range map[string]func(*tcpSock, *tide.State, []tide.Value) ([]tide.Value, error){
			"connect":        (*tcpSock).connect,
			"send":           (*tcpSock).send,
			"receive":        (*tcpSock).receive,
			"receiveany":     (*tcpSock).receiveAny,
			"receiveuntil":   (*tcpSock).receiveUntil,
			"settimeout":     (*tcpSock).setTimeout,
			"settimeouts":    (*tcpSock).setTimeouts,
			"setkeepalive":   (*tcpSock).closeMethod,
			"close":          (*tcpSock).closeMethod,
			"getreusedtimes": func(*tcpSock, *tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Int(0)) },
			"setoption":      func(*tcpSock, *tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Int(1)) },
			"sslhandshake": func(*tcpSock, *tide.State, []tide.Value) ([]tide.Value, error) {
				return nil, errors.New("tcpsock:sslhandshake is not supported by tide serve")
			},
		} {
			fname := name
			s.SetField(methods, name, s.NewFunction(name, func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
				d, ok := arg(args, 1).Userdata()
				sock, ok2 := d.(*tcpSock)
				if !ok || !ok2 {
					return nil, argError(1, fname, "tcp socket expected, got "+typeName(args, 1))
				}
				return f(sock, s, args[1:])
			}))
		}
		s.SetField(mt, "__index", methods)
		s.SetField(mt, "__name", tide.String("tcpsock"))
		w.sockMT = mt
	}
	sock := &tcpSock{w: w, connectT: defaultSocketTimeout, sendT: defaultSocketTimeout, readT: defaultSocketTimeout}
	return ret(s.NewUserdata(sock, w.sockMT))
}

// closeSockets closes the sockets a request or timer left open.
func (w *worker) closeSockets() {
	for sock := range w.socks {
		sock.close()
	}
	clear(w.socks)
}

func (sock *tcpSock) close() {
	if sock.conn != nil {
		sock.conn.Close()
		sock.conn, sock.rd, sock.carry = nil, nil, nil
	}
	delete(sock.w.socks, sock)
}

// guard bounds an I/O call by timeout and the run's context; it returns
// the function that ends the guard.
func (sock *tcpSock) guard(timeout time.Duration) func() {
	ctx := sock.w.ctxOrBackground()
	deadline := time.Now().Add(timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	conn := sock.conn
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	return func() { stop() }
}

// stopped returns an error to raise when the run's context is done: the
// request is over (its time limit, the client gone), not just the I/O.
func (sock *tcpSock) stopped(op string) error {
	ctx := sock.w.ctxOrBackground()
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		<-ctx.Done() // the I/O deadline may come a moment before the context's
	}
	if err := ctx.Err(); err != nil {
		sock.close()
		return fmt.Errorf("tcpsock:%s: %w", op, err)
	}
	return nil
}

// sockErr words an I/O error as OpenResty does.
func sockErr(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "closed"
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	}
	return err.Error()
}

// connect is tcpsock:connect(host, port) or connect("unix:/path").
func (sock *tcpSock) connect(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	host, err := argString(s, args, 1, "connect")
	if err != nil {
		return nil, err
	}
	network, addr := "tcp", ""
	if path, ok := strings.CutPrefix(host, "unix:"); ok {
		network, addr = "unix", path
	} else {
		port, err := argInt(args, 2, "connect")
		if err != nil {
			return nil, err
		}
		if port < 0 || port > 65535 {
			return retErr("bad port number: " + strconv.FormatInt(port, 10))
		}
		addr = net.JoinHostPort(host, strconv.FormatInt(port, 10))
	}
	if sock.conn != nil {
		sock.close()
	}
	ctx, cancel := context.WithTimeout(sock.w.ctxOrBackground(), sock.connectT)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, network, addr)
	if err != nil {
		if err := sock.stopped("connect"); err != nil {
			return nil, err
		}
		return retErr(sockErr(err))
	}
	sock.conn, sock.rd = conn, bufio.NewReader(conn)
	if sock.w.socks == nil {
		sock.w.socks = map[*tcpSock]struct{}{}
	}
	sock.w.socks[sock] = struct{}{}
	return ret(tide.Int(1))
}

// send is tcpsock:send(data): the bytes sent, or nil and an error.
func (sock *tcpSock) send(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	if sock.conn == nil {
		return retErr("closed")
	}
	b, err := appendOutput(s, nil, arg(args, 1), "send", 1, 0)
	if err != nil {
		return nil, err
	}
	defer sock.guard(sock.sendT)()
	n, err := sock.conn.Write(b)
	if err != nil {
		if err := sock.stopped("send"); err != nil {
			return nil, err
		}
		msg := sockErr(err)
		if msg == "closed" {
			sock.close()
		}
		return retErr(msg)
	}
	return ret(tide.Int(int64(n)))
}

// receiveFail returns nil, err, partial; a closed peer closes the
// socket.
func (sock *tcpSock) receiveFail(err error, partial []byte) ([]tide.Value, error) {
	if err := sock.stopped("receive"); err != nil {
		return nil, err
	}
	msg := sockErr(err)
	if msg == "closed" {
		sock.close()
	}
	return []tide.Value{{}, tide.String(msg), tide.String(string(partial))}, nil
}

// receive is tcpsock:receive(pattern): "*l" (default) a line without
// its end, "*a" everything up to the end of the stream, n bytes.
func (sock *tcpSock) receive(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	if sock.conn == nil {
		return retErr("closed")
	}
	p := arg(args, 1)
	defer sock.guard(sock.readT)()
	if p.Type() == "number" {
		n, ok := p.ToInt()
		if !ok || n < 0 {
			return nil, argError(1, "receive", "bad pattern argument")
		}
		buf := make([]byte, n)
		got, err := io.ReadFull(sock.rd, buf)
		if err != nil {
			return sock.receiveFail(err, buf[:got])
		}
		return ret(tide.String(string(buf)))
	}
	pat := "*l"
	if !p.IsNil() {
		var err error
		if pat, err = argString(s, args, 1, "receive"); err != nil {
			return nil, err
		}
	}
	switch pat {
	case "*l", "l":
		line, err := sock.rd.ReadString('\n')
		if err != nil {
			return sock.receiveFail(err, []byte(line))
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		return ret(tide.String(line))
	case "*a", "a":
		data, err := io.ReadAll(sock.rd)
		if err != nil {
			return sock.receiveFail(err, data)
		}
		return ret(tide.String(string(data)))
	}
	return nil, argError(1, "receive", "bad pattern argument")
}

// receiveAny is tcpsock:receiveany(max): what is there, at most max
// bytes.
func (sock *tcpSock) receiveAny(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	if sock.conn == nil {
		return retErr("closed")
	}
	max, err := argInt(args, 1, "receiveany")
	if err != nil {
		return nil, err
	}
	if max <= 0 {
		return nil, argError(1, "receiveany", "bad max argument")
	}
	defer sock.guard(sock.readT)()
	buf := make([]byte, min(max, 1<<20))
	n, err := sock.rd.Read(buf)
	if err != nil {
		return sock.receiveFail(err, nil)
	}
	return ret(tide.String(string(buf[:n])))
}

// receiveUntil is tcpsock:receiveuntil(pattern, options): an iterator
// returning the data before each occurrence of pattern (with it when
// options.inclusive), or at most size bytes per call when given a size.
func (sock *tcpSock) receiveUntil(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	pat, err := argString(s, args, 1, "receiveuntil")
	if err != nil {
		return nil, err
	}
	if pat == "" {
		return nil, argError(1, "receiveuntil", "pattern is empty")
	}
	inclusive := false
	if o := arg(args, 2); o.Type() == "table" {
		inclusive = s.GetField(o, "inclusive").Truthy()
	}
	done := false
	it := s.NewFunction("receiveuntil_iterator", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		if sock.conn == nil {
			return retErr("closed")
		}
		size, err := optInt(args, 1, "iterator", 0)
		if err != nil {
			return nil, err
		}
		if done {
			done = false
			return ret(luaNil)
		}
		defer sock.guard(sock.readT)()
		buf := sock.carry
		sock.carry = nil
		for {
			if len(buf) >= len(pat) && string(buf[len(buf)-len(pat):]) == pat {
				data := buf[:len(buf)-len(pat)]
				if inclusive {
					data = buf
				}
				if size > 0 {
					done = true
				}
				return ret(tide.String(string(data)))
			}
			if size > 0 && int64(len(buf)) >= size+int64(len(pat))-1 {
				sock.carry = append([]byte(nil), buf[size:]...)
				return ret(tide.String(string(buf[:size])))
			}
			c, err := sock.rd.ReadByte()
			if err != nil {
				return sock.receiveFail(err, buf)
			}
			buf = append(buf, c)
		}
	})
	return ret(it)
}

// setTimeout is tcpsock:settimeout(ms) for connect, send and receive.
func (sock *tcpSock) setTimeout(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	ms, err := argNumber(args, 1, "settimeout")
	if err != nil {
		return nil, err
	}
	d := msDuration(ms)
	sock.connectT, sock.sendT, sock.readT = d, d, d
	return nil, nil
}

// setTimeouts is tcpsock:settimeouts(connect, send, read), in ms.
func (sock *tcpSock) setTimeouts(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	var ds [3]time.Duration
	for i := range ds {
		ms, err := argNumber(args, i+1, "settimeouts")
		if err != nil {
			return nil, err
		}
		ds[i] = msDuration(ms)
	}
	sock.connectT, sock.sendT, sock.readT = ds[0], ds[1], ds[2]
	return nil, nil
}

// msDuration reads a timeout in milliseconds; 0 or less means the
// default, as in OpenResty.
func msDuration(ms float64) time.Duration {
	if ms <= 0 {
		return defaultSocketTimeout
	}
	return time.Duration(ms * float64(time.Millisecond))
}

// closeMethod is tcpsock:close() and tcpsock:setkeepalive().
func (sock *tcpSock) closeMethod(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	if sock.conn == nil {
		return retErr("closed")
	}
	sock.close()
	return ret(tide.Int(1))
}
