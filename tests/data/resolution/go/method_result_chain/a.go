package app

type Builder struct{}

type Query struct{}

func (b *Builder) Where() *Query { return &Query{} }

func (q *Query) Run() {}

func use(b *Builder) {
	q := b.Where()
	q.Run()
}
