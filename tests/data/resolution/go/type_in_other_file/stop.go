package srv

func (s *Server) stop() {}
