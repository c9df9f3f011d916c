package srv

// Server is declared here.
type Server struct{}
