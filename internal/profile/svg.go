package profile

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"
)

// Flame graph geometry, in pixels.
const (
	svgWidth    = 1200.0
	svgMargin   = 10.0
	svgFrameH   = 16.0
	svgTop      = 40.0 // room for the title
	svgFontSize = 12
	svgCharW    = 7.0 // a generous average glyph width at svgFontSize
)

// flameNode is a frame of the merged call tree: the stacks that share
// their outer frames share nodes.
type flameNode struct {
	name     string
	count    int64
	children []*flameNode
	index    map[string]*flameNode
}

func (n *flameNode) child(name string) *flameNode {
	if c, ok := n.index[name]; ok {
		return c
	}
	if n.index == nil {
		n.index = map[string]*flameNode{}
	}
	c := &flameNode{name: name}
	n.index[name] = c
	n.children = append(n.children, c)
	return c
}

// flameTree merges the CPU samples into a call tree under a root named
// "all"; children are sorted by name, as flamegraph.pl does.
func (p *Profile) flameTree() (root *flameNode, depth int) {
	root = &flameNode{name: "all"}
	for i := range p.Samples {
		s := &p.Samples[i]
		if s.Count == 0 || len(s.Stack) == 0 {
			continue
		}
		root.count += s.Count
		n := root
		for j := len(s.Stack) - 1; j >= 0; j-- {
			n = n.child(s.Stack[j].Function)
			n.count += s.Count
		}
		depth = max(depth, len(s.Stack))
	}
	var sortTree func(n *flameNode)
	sortTree = func(n *flameNode) {
		sort.Slice(n.children, func(i, j int) bool { return n.children[i].name < n.children[j].name })
		for _, c := range n.children {
			sortTree(c)
		}
	}
	sortTree(root)
	return root, depth
}

// frameColor returns a warm colour that depends only on name, so that a
// function keeps its colour across graphs.
func frameColor(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	v := h.Sum32()
	r := 205 + v%50
	g := (v >> 8) % 230
	b := (v >> 16) % 55
	return fmt.Sprintf("rgb(%d,%d,%d)", r, g, b)
}

// escapeXML returns s with the XML special characters escaped.
func escapeXML(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// WriteSVG writes the CPU samples as a flame graph: a self-contained SVG
// image (no scripts, styles or fonts from elsewhere) in which each frame
// is a box as wide as its share of the samples, callers below callees,
// labelled with the function name when it fits; hovering a box shows the
// function with its sample count and percentage.
func (p *Profile) WriteSVG(w io.Writer) error {
	root, depth := p.flameTree()
	height := svgTop + float64(depth+1)*svgFrameH + svgMargin
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">
<rect x="0" y="0" width="%.0f" height="%.0f" fill="rgb(250,250,240)"/>
<text x="%.1f" y="24" font-family="Verdana,sans-serif" font-size="17" text-anchor="middle">Lua CPU flame graph</text>
`, svgWidth, height, svgWidth, height, svgWidth, height, svgWidth/2)
	if root.count == 0 {
		fmt.Fprintf(bw, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"Verdana,sans-serif\" font-size=\"%d\" text-anchor=\"middle\">no samples</text>\n",
			svgWidth/2, svgTop+svgFrameH, svgFontSize)
	} else {
		scale := (svgWidth - 2*svgMargin) / float64(root.count)
		total := float64(root.count)
		var draw func(n *flameNode, level int, x0 int64)
		draw = func(n *flameNode, level int, x0 int64) {
			wpx := float64(n.count) * scale
			if wpx < 0.1 {
				return // too thin to see, and so are its callees
			}
			x := svgMargin + float64(x0)*scale
			y := height - svgMargin - float64(level+1)*svgFrameH
			name := escapeXML(n.name)
			fmt.Fprintf(bw, "<g><title>%s (%d samples, %.2f%%)</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" rx=\"2\" ry=\"2\"/>",
				name, n.count, 100*float64(n.count)/total, x, y, wpx, svgFrameH-1, frameColor(n.name))
			if fit := int((wpx - 6) / svgCharW); fit >= 3 {
				label := n.name
				if r := []rune(label); len(r) > fit {
					label = string(r[:fit-2]) + ".."
				}
				fmt.Fprintf(bw, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"Verdana,sans-serif\" font-size=\"%d\">%s</text>",
					x+3, y+svgFrameH-4.5, svgFontSize, escapeXML(label))
			}
			bw.WriteString("</g>\n")
			for _, c := range n.children {
				draw(c, level+1, x0)
				x0 += c.count
			}
		}
		draw(root, 0, 0)
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}
