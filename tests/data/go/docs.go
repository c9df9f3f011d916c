package docs

//go:generate stringer -type=Kind

// Kind is documented
// over two lines.
type Kind int

// not a doc: separated by a blank line

func Undocumented() {}

/*
Block is documented with a block comment.
*/
func Block() {}

func Trailing() {} // trailing comment, not a doc

// Next has its own doc.
func Next() {}
