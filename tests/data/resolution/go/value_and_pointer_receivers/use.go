package geo

func use() {
	p := &Point{}
	p.Len()
	q := Point{}
	q.Scale(2)
}
