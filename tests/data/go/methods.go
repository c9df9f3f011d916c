package server

import "fmt"

// Server serves.
type Server struct {
	name string
	hook func() error
}

// NewServer builds a Server.
func NewServer(name string) *Server {
	return &Server{name: name}
}

// Run runs the server.
func (s *Server) Run() error {
	s.log("run")
	if s.hook != nil {
		return s.hook()
	}
	return nil
}

func (s Server) log(msg string) {
	fmt.Println(s.name, msg)
}

func main() {
	srv := NewServer("a")
	srv.Run()
	var other Server
	other.log("x")
	p := &Server{}
	p.Run()
}
