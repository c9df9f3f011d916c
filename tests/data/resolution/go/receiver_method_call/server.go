package server

type Server struct{}

func (s *Server) Run() {
	s.listen()
}

func (s *Server) listen() {}
