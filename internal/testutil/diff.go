package testutil

import (
	"fmt"
	"strings"
)

// maxDiffCells bounds the size of the table Diff builds; larger inputs fall
// back to showing the region around the first differing line.
const maxDiffCells = 4_000_000

// Diff returns a unified-style line diff from want to got ("-" lines are
// expected, "+" lines are actual), showing at most maxLines lines of output,
// or "" when the texts are equal. Invisible differences (a missing final
// newline, trailing blanks) are made visible. A maxLines of 0 or less
// means no limit.
func Diff(want, got string, maxLines int) string {
	if want == got {
		return ""
	}
	if maxLines <= 0 {
		maxLines = int(^uint(0) >> 1)
	}
	a, b := splitLines(want), splitLines(got)
	ops := lineOps(a, b)
	var sb strings.Builder
	n := 0
	emit := func(s string) bool {
		if n >= maxLines {
			return false
		}
		sb.WriteString(s)
		sb.WriteByte('\n')
		n++
		return true
	}
	const context = 3
	// Group the edit script into hunks with context lines around changes.
	i := 0
	for i < len(ops) {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			// Stop the hunk after more than 2*context equal lines.
			j := end
			for j < len(ops) && ops[j].kind == ' ' && j-end <= 2*context {
				j++
			}
			if j == len(ops) || j-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = j
		}
		if !emit(fmt.Sprintf("@@ -%d +%d @@", ops[start].ai+1, ops[start].bi+1)) {
			break
		}
		for _, op := range ops[start:end] {
			if !emit(string(op.kind) + op.text) {
				sb.WriteString("... (diff truncated)\n")
				return sb.String()
			}
		}
		i = end
	}
	if sb.Len() == 0 {
		return "(texts differ only in the final newline)\n"
	}
	return sb.String()
}

// visible makes trailing blanks and control characters other than tabs
// readable by quoting the line.
func visible(s string) string {
	quote := strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t")
	for i := 0; i < len(s) && !quote; i++ {
		quote = (s[i] < ' ' && s[i] != '\t') || s[i] == 0x7f
	}
	if !quote {
		return s
	}
	q := fmt.Sprintf("%q", s)
	return q[1:len(q)-1] + "  (quoted)"
}

// splitLines splits s into lines made visible, marking a missing final
// newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if strings.HasSuffix(l, "\n") {
			lines[i] = visible(l[:len(l)-1])
		} else {
			lines[i] = visible(l) + "\\ (no newline at end)"
		}
	}
	return lines
}

type lineOp struct {
	kind   byte // ' ', '-' or '+'
	text   string
	ai, bi int // line indexes in want and got where the op applies
}

// lineOps computes an edit script turning a into b: a longest common
// subsequence over the lines between the common prefix and suffix.
func lineOps(a, b []string) []lineOp {
	var ops []lineOp
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		ops = append(ops, lineOp{' ', a[p], p, p})
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	if (len(ma)+1)*(len(mb)+1) > maxDiffCells {
		for i, l := range ma {
			ops = append(ops, lineOp{'-', l, p + i, p})
		}
		for i, l := range mb {
			ops = append(ops, lineOp{'+', l, p + len(ma), p + i})
		}
	} else {
		// lcs[i][j] is the LCS length of ma[i:] and mb[j:].
		w := len(mb) + 1
		lcs := make([]int32, (len(ma)+1)*w)
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
				} else {
					lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				ops = append(ops, lineOp{' ', ma[i], p + i, p + j})
				i++
				j++
			case i < len(ma) && (j == len(mb) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
				ops = append(ops, lineOp{'-', ma[i], p + i, p + j})
				i++
			default:
				ops = append(ops, lineOp{'+', mb[j], p + i, p + j})
				j++
			}
		}
	}
	for k := len(a) - s; k < len(a); k++ {
		ops = append(ops, lineOp{' ', a[k], k, k - len(a) + len(b)})
	}
	return ops
}
