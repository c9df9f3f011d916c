package io2

import "io"

// Reader reads.
type Reader interface {
	// Read reads into p.
	Read(p []byte) (n int, err error)
}

// ReadCloser embeds Reader and io.Closer.
type ReadCloser interface {
	Reader
	io.Closer
}

// Number is a constraint, not an embedding.
type Number interface {
	~int | ~float64
}

func use(r Reader) {
	r.Read(nil)
}
