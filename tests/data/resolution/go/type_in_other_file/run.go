package srv

func (s *Server) Run() {
	s.stop()
}
