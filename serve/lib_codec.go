package serve

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"strings"

	"github.com/tidelua/tide"
)

// tide.codec: encodings and digests for handlers. Digests come as
// lower-case hex, or as raw bytes from the *_bin variants. Decoders
// return nil and a message for malformed input.

// codecLib makes tide.codec.
func codecLib(s *tide.State) tide.Value {
	fns := map[string]tide.Function{
		"base64_encode":    codecEncoder("base64_encode", base64.StdEncoding.EncodeToString),
		"base64url_encode": codecEncoder("base64url_encode", base64.RawURLEncoding.EncodeToString),
		"hex_encode":       codecEncoder("hex_encode", hex.EncodeToString),
		"base64_decode": codecDecoder("base64_decode", func(str string) ([]byte, error) {
			b, err := base64.StdEncoding.DecodeString(str)
			if err != nil && !strings.Contains(str, "=") { // padding is optional
				b, err = base64.RawStdEncoding.DecodeString(str)
			}
			return b, err
		}),
		"base64url_decode": codecDecoder("base64url_decode", func(str string) ([]byte, error) {
			// padding is optional
			return base64.RawURLEncoding.DecodeString(strings.TrimRight(str, "="))
		}),
		"hex_decode": codecDecoder("hex_decode", hex.DecodeString),
		"crc32":      luaCodecCRC32,
		"constant_time_equal": func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			a, err := argString(s, args, 1, "constant_time_equal")
			if err != nil {
				return nil, err
			}
			b, err := argString(s, args, 2, "constant_time_equal")
			if err != nil {
				return nil, err
			}
			return ret(tide.Bool(subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1))
		},
	}
	for _, d := range []struct {
		name string
		new  func() hash.Hash
	}{{"md5", md5.New}, {"sha1", sha1.New}, {"sha256", sha256.New}} {
		fns[d.name] = codecDigest(d.name, d.new, false)
		fns[d.name+"_bin"] = codecDigest(d.name+"_bin", d.new, true)
	}
	for _, d := range []struct {
		name string
		new  func() hash.Hash
	}{{"hmac_sha1", sha1.New}, {"hmac_sha256", sha256.New}} {
		fns[d.name] = codecHMAC(d.name, d.new, false)
		fns[d.name+"_bin"] = codecHMAC(d.name+"_bin", d.new, true)
	}
	return libFuncs(s, fns)
}

func codecEncoder(fname string, enc func([]byte) string) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		str, err := argString(s, args, 1, fname)
		if err != nil {
			return nil, err
		}
		return ret(tide.String(enc([]byte(str))))
	}
}

func codecDecoder(fname string, dec func(string) ([]byte, error)) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		str, err := argString(s, args, 1, fname)
		if err != nil {
			return nil, err
		}
		b, err := dec(str)
		if err != nil {
			return retErr(fname + ": " + err.Error())
		}
		return ret(tide.String(string(b)))
	}
}

func codecDigest(fname string, newHash func() hash.Hash, raw bool) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		str, err := argString(s, args, 1, fname)
		if err != nil {
			return nil, err
		}
		h := newHash()
		h.Write([]byte(str))
		return ret(tide.String(codecHashText(h.Sum(nil), raw)))
	}
}

func codecHMAC(fname string, newHash func() hash.Hash, raw bool) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		key, err := argString(s, args, 1, fname)
		if err != nil {
			return nil, err
		}
		msg, err := argString(s, args, 2, fname)
		if err != nil {
			return nil, err
		}
		m := hmac.New(newHash, []byte(key))
		m.Write([]byte(msg))
		return ret(tide.String(codecHashText(m.Sum(nil), raw)))
	}
}

func codecHashText(sum []byte, raw bool) string {
	if raw {
		return string(sum)
	}
	return hex.EncodeToString(sum)
}

// luaCodecCRC32 is tide.codec.crc32(s): the IEEE CRC-32 as an integer.
func luaCodecCRC32(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := argString(s, args, 1, "crc32")
	if err != nil {
		return nil, err
	}
	return ret(tide.Int(int64(crc32.ChecksumIEEE([]byte(str)))))
}
