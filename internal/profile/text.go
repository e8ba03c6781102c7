package profile

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteTop writes a table of the n functions with the most self samples
// (see [Profile.Top]), with their share of all samples:
//
//	flat  flat%   sum%    cum   cum%  function
func (p *Profile) WriteTop(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	total := p.TotalCount()
	hz := 0.0
	if p.Period > 0 {
		hz = float64(1e9) / float64(p.Period)
	}
	fmt.Fprintf(bw, "%d samples at %.0f Hz over %.2fs\n", total, hz, p.Duration.Seconds())
	if total == 0 {
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%8s %7s %7s %8s %7s  %s\n", "flat", "flat%", "sum%", "cum", "cum%", "function")
	pct := func(v int64) float64 { return 100 * float64(v) / float64(total) }
	var sum int64
	for _, e := range p.Top(n) {
		sum += e.Self
		fmt.Fprintf(bw, "%8d %6.2f%% %6.2f%% %8d %6.2f%%  %s\n",
			e.Self, pct(e.Self), pct(sum), e.Total, pct(e.Total), e.Function)
	}
	return bw.Flush()
}

// foldedName is a frame's name in folded stacks, where ';' separates
// frames and the count follows the last space; line breaks would end the
// line.
func foldedName(s string) string {
	if strings.ContainsAny(s, ";\n\r") {
		s = strings.NewReplacer(";", ":", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}

// folded returns the CPU samples as folded stacks, outermost frame first,
// with the counts of equal stacks summed, sorted by stack.
func (p *Profile) folded() (stacks []string, counts []int64) {
	m := map[string]int64{}
	var b strings.Builder
	for i := range p.Samples {
		s := &p.Samples[i]
		if s.Count == 0 || len(s.Stack) == 0 {
			continue
		}
		b.Reset()
		for j := len(s.Stack) - 1; j >= 0; j-- {
			b.WriteString(foldedName(s.Stack[j].Function))
			if j > 0 {
				b.WriteByte(';')
			}
		}
		m[b.String()] += s.Count
	}
	stacks = make([]string, 0, len(m))
	for k := range m {
		stacks = append(stacks, k)
	}
	sort.Strings(stacks)
	counts = make([]int64, len(stacks))
	for i, k := range stacks {
		counts[i] = m[k]
	}
	return stacks, counts
}

// WriteFolded writes the CPU samples as folded stacks, the input format
// of flamegraph.pl, inferno and speedscope: one line per distinct stack,
// "outer;inner;leaf count", outermost frame first.
func (p *Profile) WriteFolded(w io.Writer) error {
	bw := bufio.NewWriter(w)
	stacks, counts := p.folded()
	for i, s := range stacks {
		bw.WriteString(s)
		bw.WriteByte(' ')
		fmt.Fprintf(bw, "%d\n", counts[i])
	}
	return bw.Flush()
}
