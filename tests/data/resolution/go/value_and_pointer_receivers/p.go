package geo

type Point struct{ X, Y int }

func (p Point) Len() int { return p.X }

func (p *Point) Scale(k int) { p.Len() }
