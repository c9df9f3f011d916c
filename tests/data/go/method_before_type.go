package shapes

func (c *Circle) Area() float64 { return 3 * c.r * c.r }

// Circle is round.
type Circle struct{ r float64 }

func (sq Square) Area() float64 { return sq.side * sq.side }
