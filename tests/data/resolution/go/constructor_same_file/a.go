package app

type Server struct{}

func NewServer() *Server { return &Server{} }

func (s *Server) Run() {}

func main() {
	s := NewServer()
	s.Run()
}
