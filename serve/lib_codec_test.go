package serve

import (
	"context"
	"testing"

	"github.com/tidelua/tide"
)

func TestCodec(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	s.SetGlobal("codec", codecLib(s))
	const fox = "The quick brown fox jumps over the lazy dog"
	s.SetGlobal("fox", tide.String(fox))
	cases := []struct{ name, code, want string }{
		{"base64", `return codec.base64_encode("hello?>")`, "aGVsbG8/Pg=="},
		{"base64 number", `return codec.base64_encode(12)`, "MTI="},
		{"base64 decode", `return codec.base64_decode("aGVsbG8/Pg==")`, "hello?>"},
		{"base64 decode unpadded", `return codec.base64_decode("aGVsbG8/Pg")`, "hello?>"},
		{"base64 decode bad", `return select(2, codec.base64_decode("a$b"))`, "base64_decode: illegal base64 data at input byte 1"},
		{"base64url", `return codec.base64url_encode("hello?>")`, "aGVsbG8_Pg"},
		{"base64url decode", `return codec.base64url_decode("aGVsbG8_Pg")`, "hello?>"},
		{"base64url decode padded", `return codec.base64url_decode("aGVsbG8_Pg==")`, "hello?>"},
		{"hex", `return codec.hex_encode("\0\255A")`, "00ff41"},
		{"hex decode", `return codec.hex_decode("00FF41") == "\0\255A"`, "true"},
		{"hex decode bad", `return select(2, codec.hex_decode("0g"))`, "hex_decode: encoding/hex: invalid byte: U+0067 'g'"},
		{"md5", `return codec.md5("")`, "d41d8cd98f00b204e9800998ecf8427e"},
		{"md5 bin", `return codec.hex_encode(codec.md5_bin(""))`, "d41d8cd98f00b204e9800998ecf8427e"},
		{"sha1", `return codec.sha1("abc")`, "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"sha1 bin", `return #codec.sha1_bin("abc")`, "20"},
		{"sha256", `return codec.sha256("abc")`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"sha256 bin", `return codec.hex_encode(codec.sha256_bin("abc"))`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"hmac sha256", `return codec.hmac_sha256("key", fox)`, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{"hmac sha256 bin", `return codec.hex_encode(codec.hmac_sha256_bin("key", fox))`, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{"hmac sha1", `return codec.hmac_sha1("key", fox)`, "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"},
		{"hmac sha1 bin", `return #codec.hmac_sha1_bin("key", fox)`, "20"},
		{"crc32", `return codec.crc32(fox)`, "1095738169"},
		{"equal", `return tostring(codec.constant_time_equal("abc", "abc"))`, "true"},
		{"not equal", `return tostring(codec.constant_time_equal("abc", "abd"))`, "false"},
		{"length differs", `return tostring(codec.constant_time_equal("abc", "ab"))`, "false"},
		{"bad argument", `local ok, e = pcall(codec.sha256) return e`, "bad argument #1 to 'sha256' (string expected, got no value)"},
		{"bad key", `local ok, e = pcall(codec.hmac_sha256, {}, "x") return e`, "bad argument #1 to 'hmac_sha256' (string expected, got table)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fn, err := s.Load([]byte(c.code), "=test")
			if err != nil {
				t.Fatal(err)
			}
			rs, err := s.Call(context.Background(), fn)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.ToString(rs[0])
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
