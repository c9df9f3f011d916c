package app

type Reader interface{ Read() }

type ReadCloser interface {
	Reader
	Close()
}
