package app

type Conn struct {
	*Base
	addr string
}
