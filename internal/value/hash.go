package value

import (
	"math/bits"
	"unsafe"
)

// Hashing of table keys that the reference hashes with a random seed or by
// address (strings and objects). Integer, float and boolean keys use the
// reference's own main positions (see Table.mainPosition).
//
// The seeds are constants: tide keeps no mutable package state, and a fixed
// seed makes traversal order reproducible from run to run. (The reference
// randomises its seed per state; a per-State seed can be threaded through
// later if hash flooding becomes a concern.)

const (
	golden   = 0x9e3779b97f4a7c15 // 2^64 / phi, Fibonacci hashing
	hashSeed = 0x2d358dccaa6c78a5
	hashK1   = 0x8bb84b93962eacc9
)

// mix folds the 128-bit product of a and b into 64 bits.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// le64 reads 8 little-endian bytes at the start of s (len(s) >= 8).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 reads 4 little-endian bytes at the start of s (len(s) >= 4).
func le32(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// StringHash returns the hash of s used for table keys: a small
// multiply-and-fold hash in the style of wyhash, reading 8 bytes at a time.
// It depends only on the bytes of s.
func StringHash(s string) uint64 {
	n := len(s)
	var a, b uint64
	seed := uint64(hashSeed)
	switch {
	case n == 0:
	case n < 4:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	case n <= 8:
		a = le32(s)
		b = le32(s[n-4:])
	case n <= 16:
		a = le64(s)
		b = le64(s[n-8:])
	default:
		rest := s
		for len(rest) > 16 {
			seed = mix(le64(rest)^hashK1, le64(rest[8:])^seed)
			rest = rest[16:]
		}
		a = le64(s[n-16:])
		b = le64(s[n-8:])
	}
	return mix(hashK1^uint64(n), mix(a^hashK1, b^seed))
}

// objectHash hashes an object key (table, function, userdata, thread) by
// identity. It is the only place that turns an object's address into a
// hash: if objects ever move (see VM-NOTES "Fragmentation"), give them a
// stable identity and change this function alone.
func objectHash(p unsafe.Pointer) uint64 {
	x := uint64(uintptr(p))
	return (x ^ x>>29) * golden
}
