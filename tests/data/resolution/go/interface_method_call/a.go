package app

// Store stores.
type Store interface {
	Save(k string) error
}

func persist(s Store) {
	s.Save("k")
}
